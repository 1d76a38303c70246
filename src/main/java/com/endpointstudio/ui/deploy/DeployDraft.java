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

    /** Every field, for bindings that follow any change. */
    Observable[] all() {
        return new Observable[] {name, modelData, uploadBucket, uploadPrefix, uncompressed, image, framework,
            frameworkVersion, pyVersion, baseFramework, role, environment, networkIsolation, subnets, securityGroups, variantName,
            instanceType, instanceCount, tags};
    }

    /** Puts the environment the framework containers read, keeping entries the user added. */
    void fillFrameworkEnvironment(String region) {
        Map<String, String> merged = new LinkedHashMap<>(SpecDefaults.frameworkEnvironment(region));
        environment.forEach(e -> merged.putIfAbsent(e.key(), e.value()));
        environment.setAll(merged.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue())).toList());
    }

    public DeploymentSpec toSpec() {
        String base = name.get().strip();
        String modelName = SpecDefaults.modelName(base);
        FrameworkRef ref = framework.get().isBlank() ? null
                : new FrameworkRef(framework.get(), blankToNull(frameworkVersion.get()), blankToNull(pyVersion.get()));
        ModelDataSpec data = modelData.get().isBlank() ? null : new ModelDataSpec(modelData.get().strip(),
                blankToNull(uploadBucket.get()), blankToNull(uploadPrefix.get()), uncompressed.get());
        ContainerSpec container = new ContainerSpec(image.get().strip(), ref, data, toMap(environment), null, null);
        List<String> subnetIds = split(subnets.get());
        List<String> groupIds = split(securityGroups.get());
        VpcSpec vpc = subnetIds.isEmpty() && groupIds.isEmpty() ? null : new VpcSpec(groupIds, subnetIds);
        ModelSpec model = new ModelSpec(modelName, role.get().strip(), List.of(container), null, vpc,
                networkIsolation.get());
        VariantSpec variant = new VariantSpec(variantName.get().strip(), modelName, instanceType.get().strip(),
                instanceCount.get(), 1.0);
        Map<String, String> allTags = toMap(tags);
        allTags.put(StudioTags.DEPLOYMENT_KEY, deploymentId);
        return new DeploymentSpec(DeploymentSpec.CURRENT_VERSION, List.of(model),
                new EndpointConfigSpec(SpecDefaults.endpointConfigName(base), List.of(variant)),
                new EndpointSpec(SpecDefaults.endpointName(base), allTags));
    }

    /** Fills the fields from a spec of the simple real-time shape (one model, one container, one variant). */
    public void load(DeploymentSpec spec) {
        name.set(spec.endpoint().name());
        ModelSpec model = spec.models().isEmpty() ? null : spec.models().get(0);
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
            environment.setAll(container.environment().entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue())).toList());
        }
        if (model != null) {
            role.set(nullToBlank(model.executionRoleArn()));
            networkIsolation.set(model.networkIsolation());
            subnets.set(model.vpc() == null ? "" : String.join(", ", model.vpc().subnets()));
            securityGroups.set(model.vpc() == null ? "" : String.join(", ", model.vpc().securityGroupIds()));
        }
        if (!spec.endpointConfig().variants().isEmpty()) {
            VariantSpec variant = spec.endpointConfig().variants().get(0);
            variantName.set(variant.variantName());
            instanceType.set(nullToBlank(variant.instanceType()));
            instanceCount.set(variant.initialInstanceCount());
        }
        Map<String, String> loadedTags = new LinkedHashMap<>(spec.endpoint().tags());
        String id = loadedTags.remove(StudioTags.DEPLOYMENT_KEY);
        deploymentId = id != null ? id : StudioTags.newDeploymentId();
        loadedTags.remove(StudioTags.MANAGED_KEY);
        tags.setAll(loadedTags.entrySet().stream().map(e -> new Entry(e.getKey(), e.getValue())).toList());
    }

    private static Map<String, String> toMap(List<Entry> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.key(), e.value()));
        return map;
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String nullToBlank(String text) {
        return text == null ? "" : text;
    }
}
