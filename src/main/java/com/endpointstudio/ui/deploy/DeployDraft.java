package com.endpointstudio.ui.deploy;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VpcSpec;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.deploy.StudioTags;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The deploy wizard's answers, one property per field, turned into a {@link DeploymentSpec} on
 * demand. Loading a spec fills the fields back, so a saved deployment can be edited again.
 */
public final class DeployDraft {

    /** One row of the environment or tags table. */
    public record Entry(String key, String value) {
    }

    final StringProperty name = new SimpleStringProperty("");
    final StringProperty modelData = new SimpleStringProperty("");
    final StringProperty uploadBucket = new SimpleStringProperty("");
    final StringProperty uploadPrefix = new SimpleStringProperty("");
    final BooleanProperty uncompressed = new SimpleBooleanProperty();
    final StringProperty image = new SimpleStringProperty("");
    final StringProperty framework = new SimpleStringProperty("");
    final StringProperty frameworkVersion = new SimpleStringProperty("");
    final StringProperty pyVersion = new SimpleStringProperty("");
    final StringProperty baseFramework = new SimpleStringProperty("");
    final StringProperty role = new SimpleStringProperty("");
    final ObservableList<Entry> environment = FXCollections.observableArrayList();
    final BooleanProperty networkIsolation = new SimpleBooleanProperty();
    final StringProperty subnets = new SimpleStringProperty("");
    final StringProperty securityGroups = new SimpleStringProperty("");
    final StringProperty variantName = new SimpleStringProperty(SpecDefaults.VARIANT_NAME);
    final StringProperty instanceType = new SimpleStringProperty("ml.m5.large");
    final IntegerProperty instanceCount = new SimpleIntegerProperty(1);
    final ObservableList<Entry> tags = FXCollections.observableArrayList();
    private String deploymentId = StudioTags.newDeploymentId();
    /** A loaded spec's own model and config names; blank when they follow the endpoint name. */
    private String customModelName = "", customConfigName = "";
    /** The endpoint name those custom names came with: renaming the endpoint names its resources after it again. */
    private String loadedName = "";

    /** How the endpoint serves: instances answering in real time, serverless, or asynchronous (queued, S3). */
    public enum Hosting {
        INSTANCES("Real-time, instances"), SERVERLESS("Serverless"), ASYNC("Asynchronous");

        private final String label;

        Hosting(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    final javafx.beans.property.ObjectProperty<Hosting> hosting = new javafx.beans.property.SimpleObjectProperty<>(
            Hosting.INSTANCES);
    final IntegerProperty serverlessMemory = new SimpleIntegerProperty(2048);
    final IntegerProperty serverlessConcurrency = new SimpleIntegerProperty(5);
    final StringProperty provisionedConcurrency = new SimpleStringProperty("");
    final StringProperty asyncOutput = new SimpleStringProperty("");
    final StringProperty asyncFailure = new SimpleStringProperty("");
    final StringProperty asyncSuccessTopic = new SimpleStringProperty("");
    final StringProperty asyncErrorTopic = new SimpleStringProperty("");
    final StringProperty asyncPerInstance = new SimpleStringProperty("");
    /** KMS keys: the instances' storage volumes, the async results, the captured data; blank for AWS's own. */
    final StringProperty kmsKey = new SimpleStringProperty("");
    final StringProperty asyncKmsKey = new SimpleStringProperty("");
    final StringProperty captureKmsKey = new SimpleStringProperty("");
    final BooleanProperty multiModel = new SimpleBooleanProperty();
    /** The first variant's autoscaling (its copies', when the model is an inference component). */
    final ScalingDraft scaling = new ScalingDraft();
    final ComponentDraft component = new ComponentDraft();
    final BooleanProperty capture = new SimpleBooleanProperty();
    final IntegerProperty captureSampling = new SimpleIntegerProperty(100);
    final StringProperty captureDestination = new SimpleStringProperty("");
    final BooleanProperty captureRequest = new SimpleBooleanProperty(true);
    final BooleanProperty captureResponse = new SimpleBooleanProperty(true);
    /** Content types captured as text (others are base64): JSON-like and CSV-like, comma separated. */
    final StringProperty captureJsonTypes = new SimpleStringProperty("application/json");
    final StringProperty captureCsvTypes = new SimpleStringProperty("text/csv");
    /** How the model's containers serve: the first alone, as a serial pipeline, or side by side (Direct). */
    public enum ExecutionMode {
        SINGLE("One container", null), SERIAL("Serial inference pipeline", "Serial"),
        DIRECT("Multi-container (Direct)", "Direct");

        private final String label;
        final String apiValue;

        ExecutionMode(String label, String apiValue) {
            this.label = label;
            this.apiValue = apiValue;
        }

        static ExecutionMode of(String apiValue) {
            return "Serial".equals(apiValue) ? SERIAL : "Direct".equals(apiValue) ? DIRECT : SINGLE;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    final javafx.beans.property.ObjectProperty<ExecutionMode> executionMode =
            new javafx.beans.property.SimpleObjectProperty<>(ExecutionMode.SINGLE);
    /** The first container's hostname; Direct invocations target containers by it. */
    final StringProperty hostname = new SimpleStringProperty("");
    /** The containers after the first, in pipeline order; used unless the mode is SINGLE. */
    final ObservableList<ContainerDraft> moreContainers = FXCollections.observableArrayList(ContainerDraft::all);
    /** The first variant's traffic weight. */
    final StringProperty weight = new SimpleStringProperty("1");
    /** The production variants after the first, each with its own model. */
    final ObservableList<VariantDraft> moreVariants = FXCollections.observableArrayList(VariantDraft::all);

    /**
     * A loaded spec with more than the wizard's fields hold (several models, containers or
     * variants): deployed as it is; the fields show its first model and variant.
     */
    final javafx.beans.property.ObjectProperty<DeploymentSpec> advanced = new javafx.beans.property.SimpleObjectProperty<>();

    /** Every field, for bindings that follow any change. */
    Observable[] all() {
        return new Observable[] {name, modelData, uploadBucket, uploadPrefix, uncompressed, image, framework,
            frameworkVersion, pyVersion, baseFramework, role, environment, networkIsolation, subnets, securityGroups, variantName,
            instanceType, instanceCount, tags, hosting, serverlessMemory, serverlessConcurrency, provisionedConcurrency,
            asyncOutput, asyncFailure, asyncSuccessTopic, asyncErrorTopic, asyncPerInstance, kmsKey, asyncKmsKey,
            captureKmsKey, multiModel, capture, captureSampling,
            captureDestination, captureRequest, captureResponse, captureJsonTypes, captureCsvTypes, advanced, executionMode, hostname, moreContainers,
            weight, moreVariants, scaling.enabled, scaling.min, scaling.max, scaling.target, scaling.inCooldown,
            scaling.outCooldown, component.enabled, component.cpuCores, component.memoryMb, component.copies};
    }

    /** Puts the environment the framework containers read, keeping entries the user added. */
    void fillFrameworkEnvironment(String region) {
        Map<String, String> merged = new LinkedHashMap<>(SpecDefaults.frameworkEnvironment(region));
        environment.forEach(e -> merged.putIfAbsent(e.key(), e.value()));
        environment.setAll(merged.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue())).toList());
    }

    public DeploymentSpec toSpec() {
        if (advanced.get() != null) {
            return advanced.get();
        }
        String base = name.get().strip();
        boolean keepNames = base.equals(loadedName);
        String modelName = customModelName.isEmpty() || !keepNames ? SpecDefaults.modelName(base) : customModelName;
        FrameworkRef ref = framework.get().isBlank() ? null
                : new FrameworkRef(framework.get(), blankToNull(frameworkVersion.get()), blankToNull(pyVersion.get()));
        ModelDataSpec data = modelData.get().isBlank() ? null : new ModelDataSpec(modelData.get().strip(),
                blankToNull(uploadBucket.get()), blankToNull(uploadPrefix.get()), uncompressed.get());
        boolean several = executionMode.get() != ExecutionMode.SINGLE;
        ContainerSpec container = new ContainerSpec(image.get().strip(), ref, data, toMap(environment),
                several ? blankToNull(hostname.get()) : null, multiModel.get() ? "MultiModel" : null);
        List<ContainerSpec> containers = new java.util.ArrayList<>(List.of(container));
        if (several) {
            containers.addAll(ContainerDraft.specs(moreContainers, blankToNull(uploadBucket.get()),
                    blankToNull(uploadPrefix.get())));
        }
        List<String> subnetIds = split(subnets.get());
        List<String> groupIds = split(securityGroups.get());
        VpcSpec vpc = subnetIds.isEmpty() && groupIds.isEmpty() ? null : new VpcSpec(groupIds, subnetIds);
        List<ModelSpec> models = new java.util.ArrayList<>(List.of(new ModelSpec(modelName, role.get().strip(),
                containers, executionMode.get().apiValue, vpc, networkIsolation.get())));
        boolean serverless = hosting.get() == Hosting.SERVERLESS;
        DeploymentSpec.ServerlessSpec memory = serverless ? new DeploymentSpec.ServerlessSpec(serverlessMemory.get(),
                serverlessConcurrency.get(), integer(provisionedConcurrency.get())) : null;
        double share = number(weight.get(), 1.0);
        List<VariantSpec> variants = new java.util.ArrayList<>(List.of(serverless
                ? new VariantSpec(variantName.get().strip(), modelName, null, 0, share, memory, null)
                : new VariantSpec(variantName.get().strip(), modelName, instanceType.get().strip(), instanceCount.get(),
                        share, null, scaling.toSpec())));
        for (VariantDraft more : moreVariants) {
            models.add(more.toModel(base, role.get().strip(), vpc, networkIsolation.get(),
                    blankToNull(uploadBucket.get()), blankToNull(uploadPrefix.get())));
            variants.add(more.toVariant(base, memory));
        }
        DeploymentSpec.AsyncSpec async = hosting.get() == Hosting.ASYNC ? new DeploymentSpec.AsyncSpec(
                asyncOutput.get().strip(), blankToNull(asyncFailure.get()), blankToNull(asyncSuccessTopic.get()),
                blankToNull(asyncErrorTopic.get()), integer(asyncPerInstance.get()), blankToNull(asyncKmsKey.get()))
                : null;
        DeploymentSpec.DataCaptureSpec captured = capture.get() ? new DeploymentSpec.DataCaptureSpec(
                captureSampling.get(), captureDestination.get().strip(), captureRequest.get(), captureResponse.get(),
                split(captureJsonTypes.get()), split(captureCsvTypes.get()), blankToNull(captureKmsKey.get())) : null;
        Map<String, String> allTags = toMap(tags);
        allTags.put(StudioTags.DEPLOYMENT_KEY, deploymentId);
        return component.apply(new DeploymentSpec(DeploymentSpec.CURRENT_VERSION, models,
                new EndpointConfigSpec(customConfigName.isEmpty() || !keepNames ? SpecDefaults.endpointConfigName(base)
                        : customConfigName, variants, async, captured, blankToNull(kmsKey.get())),
                new EndpointSpec(SpecDefaults.endpointName(base), allTags)));
    }

    static Integer integer(String text) {
        try {
            return text == null || text.isBlank() ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return -1; // the validator names the field
        }
    }

    static double number(String text, double fallback) {
        try {
            return text == null || text.isBlank() ? fallback : Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Fills the fields from a spec. Shapes the forms hold — the first variant's model with one or
     * more containers, further variants each with a model of one container sharing its role and
     * network — are edited field by field; any other spec is kept whole.
     */
    public void load(DeploymentSpec loaded) {
        component.load(loaded);
        DeploymentSpec spec = component.enabled.get() ? ComponentDraft.plain(loaded) : loaded;
        boolean fits = FormShape.fits(spec);
        advanced.set(fits ? null : loaded);
        String base = spec.endpoint().name();
        // names that follow the endpoint's keep following it; a spec's own names are kept as they are
        String configName = spec.endpointConfig().name();
        customConfigName = configName == null || configName.equals(SpecDefaults.endpointConfigName(base)) ? ""
                : configName;
        ModelSpec model = spec.models().isEmpty() ? null : fits ? FormShape.firstModel(spec) : spec.models().get(0);
        customModelName = model == null || model.name() == null || model.name().equals(SpecDefaults.modelName(base))
                ? "" : model.name();
        loadedName = base;
        name.set(base);
        ContainerSpec container = model == null || model.containers().isEmpty() ? null : model.containers().get(0);
        if (container != null) {
            image.set(nullToBlank(container.image()));
            ModelDataSpec data = container.modelData();
            modelData.set(data == null ? "" : nullToBlank(data.location()));
            uploadBucket.set(data == null ? "" : nullToBlank(data.uploadBucket()));
            uploadPrefix.set(data == null ? "" : nullToBlank(data.uploadPrefix()));
            uncompressed.set(data != null && data.uncompressed());
            FrameworkRef ref = container.framework();
            framework.set(ref == null ? "" : nullToBlank(ref.framework()));
            frameworkVersion.set(ref == null ? "" : nullToBlank(ref.version()));
            pyVersion.set(ref == null ? "" : nullToBlank(ref.pyVersion()));
            environment.setAll(entries(container.environment()));
            multiModel.set("MultiModel".equals(container.mode()));
            hostname.set(nullToBlank(container.hostname()));
        }
        if (model != null) {
            role.set(nullToBlank(model.executionRoleArn()));
            networkIsolation.set(model.networkIsolation());
            subnets.set(model.vpc() == null ? "" : String.join(", ", model.vpc().subnets()));
            securityGroups.set(model.vpc() == null ? "" : String.join(", ", model.vpc().securityGroupIds()));
        }
        executionMode.set(fits && model != null ? ExecutionMode.of(model.inferenceExecutionMode()) : ExecutionMode.SINGLE);
        moreContainers.setAll(fits && model != null ? model.containers().stream().skip(1).map(ContainerDraft::from).toList()
                : List.of());
        List<VariantDraft> loadedVariants = fits ? FormShape.moreVariants(spec) : List.of();
        loadedVariants.forEach(v -> v.loadedWith = base);
        moreVariants.setAll(loadedVariants);
        var config = spec.endpointConfig();
        if (!config.variants().isEmpty()) {
            VariantSpec variant = config.variants().get(0);
            variantName.set(variant.variantName());
            weight.set(formatNumber(variant.initialVariantWeight()));
            instanceType.set(nullToBlank(variant.instanceType()));
            instanceCount.set(Math.max(1, variant.initialInstanceCount()));
            if (variant.serverless() != null) {
                serverlessMemory.set(variant.serverless().memorySizeMb());
                serverlessConcurrency.set(variant.serverless().maxConcurrency());
                provisionedConcurrency.set(variant.serverless().provisionedConcurrency() == null ? ""
                        : variant.serverless().provisionedConcurrency().toString());
            }
            scaling.load(variant.autoScaling());
            hosting.set(variant.serverless() != null ? Hosting.SERVERLESS : config.async() != null ? Hosting.ASYNC
                    : Hosting.INSTANCES);
        }
        if (config.async() != null) {
            asyncOutput.set(nullToBlank(config.async().s3OutputPath()));
            asyncFailure.set(nullToBlank(config.async().s3FailurePath()));
            asyncSuccessTopic.set(nullToBlank(config.async().successTopic()));
            asyncErrorTopic.set(nullToBlank(config.async().errorTopic()));
            asyncPerInstance.set(config.async().maxConcurrentInvocationsPerInstance() == null ? ""
                    : config.async().maxConcurrentInvocationsPerInstance().toString());
            asyncKmsKey.set(nullToBlank(config.async().kmsKeyId()));
        }
        kmsKey.set(nullToBlank(config.kmsKeyId()));
        capture.set(config.dataCapture() != null);
        if (config.dataCapture() != null) {
            captureSampling.set(config.dataCapture().samplingPercentage());
            captureDestination.set(nullToBlank(config.dataCapture().destinationS3Uri()));
            captureRequest.set(config.dataCapture().captureRequest());
            captureResponse.set(config.dataCapture().captureResponse());
            captureJsonTypes.set(String.join(", ", config.dataCapture().jsonContentTypes()));
            captureCsvTypes.set(String.join(", ", config.dataCapture().csvContentTypes()));
            captureKmsKey.set(nullToBlank(config.dataCapture().kmsKeyId()));
        }
        Map<String, String> loadedTags = new LinkedHashMap<>(spec.endpoint().tags());
        String id = loadedTags.remove(StudioTags.DEPLOYMENT_KEY);
        deploymentId = id != null ? id : StudioTags.newDeploymentId();
        loadedTags.remove(StudioTags.MANAGED_KEY);
        tags.setAll(entries(loadedTags));
    }

    static Map<String, String> toMap(List<Entry> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.key(), e.value()));
        return map;
    }

    static List<Entry> entries(Map<String, String> map) {
        return map.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue())).toList();
    }

    static String formatNumber(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    static String nullToBlank(String text) {
        return text == null ? "" : text;
    }
}
