package com.endpointstudio.core.deploy;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VpcSpec;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.error.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks every field of a {@link DeploymentSpec} with the SageMaker API's own rules (patterns,
 * lengths, list limits, enums) before any call, and reports all problems at once, each naming the
 * field as the wizard shows it ("Model name", "Variant AllTraffic: Initial instance count").
 */
public final class SpecValidator {

    /** A pattern that every SageMaker endpoint instance type follows; used when no catalog is given. */
    public static final Pattern INSTANCE_TYPE_SHAPE = Pattern.compile("ml\\.[a-z0-9]+(-[a-z0-9]+)*\\.[a-z0-9]+");

    private final Predicate<String> knownInstanceTypes;
    private final Path baseDir;
    /** False for Local hosting, where neither an IAM role nor an image is used. */
    private final boolean roleRequired;

    /**
     * @param knownInstanceTypes the instance types SageMaker hosts (from the instance catalog)
     * @param baseDir            the folder relative local model data paths are resolved against
     */
    public SpecValidator(Predicate<String> knownInstanceTypes, Path baseDir) {
        this(knownInstanceTypes, baseDir, true);
    }

    private SpecValidator(Predicate<String> knownInstanceTypes, Path baseDir, boolean roleRequired) {
        this.knownInstanceTypes = knownInstanceTypes;
        this.baseDir = baseDir;
        this.roleRequired = roleRequired;
    }

    /** The same checks for Local hosting, where no IAM role is assumed and no image runs: both may be left out. */
    public SpecValidator forLocalHosting() {
        return new SpecValidator(knownInstanceTypes, baseDir, false);
    }

    /** A validator that checks instance types by their shape only, with paths relative to the working folder. */
    public static SpecValidator withShapeCheck() {
        return new SpecValidator(type -> INSTANCE_TYPE_SHAPE.matcher(type).matches(), Path.of(""));
    }

    /** Throws one ValidationException listing every problem; returns quietly for a valid spec. */
    public void validate(DeploymentSpec spec) {
        Validation validation = new Validation();
        check(spec, validation);
        validation.throwIfInvalid();
    }

    public List<FieldError> errors(DeploymentSpec spec) {
        Validation validation = new Validation();
        check(spec, validation);
        return validation.errors();
    }

    private void check(DeploymentSpec spec, Validation v) {
        v.require(spec.models().size() >= 1, "Models", "a deployment needs at least one model");
        Set<String> modelNames = new HashSet<>();
        boolean several = spec.models().size() > 1;
        for (int i = 0; i < spec.models().size(); i++) {
            ModelSpec model = spec.models().get(i);
            String label = several ? "Model " + nameOr(model.name(), String.valueOf(i + 1)) + ": " : "";
            checkModel(model, label, v);
            v.require(model.name() == null || modelNames.add(model.name()), label + "Model name",
                    "'" + model.name() + "' is used by more than one model");
        }
        Set<String> multiModel = new HashSet<>();
        spec.models().stream().filter(m -> m.containers().stream().anyMatch(c -> "MultiModel".equals(c.mode())))
                .forEach(m -> multiModel.add(m.name()));
        checkEndpointConfig(spec.endpointConfig(), modelNames, multiModel, v);
        if (!roleRequired) {
            checkLocalShape(spec, v);
        } else {
            checkUploadTargets(spec, v);
        }
        if (spec.endpoint() == null) {
            v.require(false, "Endpoint name", "is required");
        } else {
            v.matches(spec.endpoint().name(), ApiRules.ENTITY_NAME, ApiRules.NAME_MAX, "Endpoint name",
                    ApiRules.NAME_RULE);
        }
        TagRules.check(spec, v);
    }

    /**
     * Local model data is uploaded to {@code [bucket]/[prefix]/[file or folder name]}: two different
     * artifacts with the same name under the same prefix would overwrite each other, and both
     * models would serve the last one.
     */
    private void checkUploadTargets(DeploymentSpec spec, Validation v) {
        Map<String, Path> targets = new java.util.HashMap<>();
        for (ModelSpec model : spec.models()) {
            for (ContainerSpec container : model.containers()) {
                ModelDataSpec data = container.modelData();
                if (data == null || data.location() == null || data.location().isBlank() || data.location().contains("://")) {
                    continue;
                }
                Path source = baseDir.resolve(data.location()).toAbsolutePath().normalize();
                String key = SpecDefaults.keyPrefix(data.uploadPrefix()) + "/" + source.getFileName();
                String target = (data.uploadBucket() == null ? "" : data.uploadBucket()) + "/" + key;
                Path other = targets.putIfAbsent(target, source);
                v.require(other == null || other.equals(source), "Model " + model.name() + ": Model data",
                        source + " and " + other + " would both upload to " + key + "; give one of them another key "
                                + "prefix or file name");
            }
        }
    }

    /** Local hosting runs one model process per endpoint: no pipelines, multi-container models or A/B splits. */
    private static void checkLocalShape(DeploymentSpec spec, Validation v) {
        v.require(spec.models().stream().allMatch(m -> m.containers().size() <= 1), "Containers",
                "Local hosting serves one container per model; deploy pipelines and multi-container models to AWS");
        v.require(spec.endpointConfig() == null || spec.endpointConfig().variants().size() <= 1, "Production variants",
                "Local hosting serves one production variant; deploy A/B variants to AWS");
        v.require(spec.endpointConfig() == null || spec.endpointConfig().async() == null, "Hosting",
                "Local endpoints answer in real time; asynchronous inference keeps its input and output in S3, on AWS");
        v.require(spec.endpointConfig() == null || spec.endpointConfig().dataCapture() == null, "Data capture",
                "Local endpoints keep no capture; data capture writes to S3, on AWS");
    }

    private void checkModel(ModelSpec model, String label, Validation v) {
        v.matches(model.name(), ApiRules.MODEL_NAME, ApiRules.NAME_MAX, label + "Model name", ApiRules.NAME_RULE);
        String role = model.executionRoleArn();
        if (roleRequired || role != null && !role.isBlank()) {
            v.matches(role, ApiRules.ROLE_ARN, 2048, label + "Execution role ARN",
                    "use the ARN of an IAM role, like arn:aws:iam::123456789012:role/SageMakerExecution");
            v.require(role == null || role.isEmpty() || role.length() >= 20, label + "Execution role ARN",
                    "is too short to be a role ARN (at least 20 characters)");
        }
        int count = model.containers().size();
        v.require(count >= 1, label + "Containers", "a model needs at least one container");
        v.require(count <= 15, label + "Containers", count + " containers; a model holds at most 15");
        String mode = model.inferenceExecutionMode();
        if (count > 1) {
            v.require("Serial".equals(mode) || "Direct".equals(mode), label + "Inference execution mode",
                    "a model with several containers needs Serial (pipeline) or Direct");
        } else {
            v.require(mode == null || "Serial".equals(mode) || "Direct".equals(mode), label
                    + "Inference execution mode", "'" + mode + "' is not valid: use Serial or Direct");
        }
        if (count > 1 && "Direct".equals(mode)) {
            v.require(model.containers().stream().allMatch(c -> c.hostname() != null && !c.hostname().isBlank()),
                    label + "Container hostname", "each container of a multi-container (Direct) model needs a "
                            + "hostname, which invocations target");
        }
        v.require(count == 1 || model.containers().stream().noneMatch(c -> "MultiModel".equals(c.mode())),
                label + "Container mode", "MultiModel applies to a model's only container");
        Set<String> hostnames = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String containerLabel = label + (count > 1 ? "Container " + (i + 1) + ": " : "");
            ContainerSpec container = model.containers().get(i);
            checkContainer(container, containerLabel, v);
            v.require(container.hostname() == null || hostnames.add(container.hostname()),
                    containerLabel + "Container hostname", "'" + container.hostname() + "' is used twice");
        }
        if (model.vpc() != null) {
            checkVpc(model.vpc(), label, v);
        }
    }

    private void checkContainer(ContainerSpec container, String label, Validation v) {
        // Local hosting's Python runtime runs no image, so there it may be left out.
        if (roleRequired || container.image() != null && !container.image().isBlank()) {
            v.matches(container.image(), ApiRules.IMAGE, ApiRules.IMAGE_MAX, label + "Image",
                    "use an image URI like 123456789012.dkr.ecr.us-east-1.amazonaws.com/repository:tag");
        }
        if (container.hostname() != null) {
            v.matches(container.hostname(), ApiRules.ENTITY_NAME, ApiRules.NAME_MAX, label + "Container hostname",
                    ApiRules.NAME_RULE);
        }
        String mode = container.mode();
        v.require(mode == null || mode.equals("SingleModel") || mode.equals("MultiModel"), label + "Container mode",
                "'" + mode + "' is not valid: use SingleModel or MultiModel");
        if (container.modelData() != null) {
            checkModelData(container.modelData(), label, v);
        }
        if ("MultiModel".equals(mode)) {
            String location = container.modelData() == null ? null : container.modelData().location();
            v.require(location != null && location.startsWith("s3://") && location.endsWith("/"), label + "Model data",
                    "a multi-model endpoint loads its models from an S3 prefix ending with / (s3://bucket/models/)");
        }
        Map<String, String> env = container.environment();
        v.require(env.size() <= 100, label + "Environment", env.size() + " variables; the limit is 100");
        env.keySet().stream().sorted().forEach(key -> {
            String field = label + "Environment " + (key.isEmpty() ? "(empty name)" : key);
            v.matches(key, ApiRules.ENV_KEY, 1024, field, "a name is letters, digits and _, not starting with a digit");
            String value = env.get(key);
            v.require(value == null || value.length() <= 1024, field,
                    "value is " + (value == null ? 0 : value.length()) + " characters long; the limit is 1024");
        });
    }

    private void checkModelData(ModelDataSpec data, String label, Validation v) {
        String field = label + "Model data";
        String location = data.location();
        if (location == null || location.isBlank()) {
            v.require(false, field, "is required: an s3:// URI or a local model.tar.gz or folder");
        } else if (ApiRules.LOOKS_LIKE_URL.matcher(location).lookingAt()) {
            v.matches(location, ApiRules.MODEL_DATA_URL, 1024, field,
                    "use s3://bucket/key (or https://), or a local file or folder");
        } else {
            Path local = baseDir.resolve(location);
            if (!Files.exists(local)) {
                v.require(false, field, "the local file or folder " + local.toAbsolutePath() + " does not exist");
            } else {
                v.require(!data.uncompressed() || Files.isDirectory(local), field,
                        "uncompressed model data is a folder of loose files; " + local + " is a file");
            }
        }
        if (data.uploadBucket() != null) {
            v.matches(data.uploadBucket(), ApiRules.BUCKET, 63, label + "Upload bucket",
                    "3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit");
        }
        if (data.uploadPrefix() != null) {
            v.require(!data.uploadPrefix().startsWith("/"), label + "Upload prefix", "must not start with /");
            v.require(data.uploadPrefix().length() <= 900, label + "Upload prefix",
                    "is " + data.uploadPrefix().length() + " characters long; the limit is 900");
        }
    }

    private void checkVpc(VpcSpec vpc, String label, Validation v) {
        List<String> groups = vpc.securityGroupIds() == null ? List.of() : vpc.securityGroupIds();
        List<String> subnets = vpc.subnets() == null ? List.of() : vpc.subnets();
        v.require(!groups.isEmpty() && groups.size() <= 5, label + "VPC security groups",
                "give 1 to 5 security group ids (" + groups.size() + " given)");
        v.require(!subnets.isEmpty() && subnets.size() <= 16, label + "VPC subnets",
                "give 1 to 16 subnet ids (" + subnets.size() + " given)");
        groups.forEach(id -> v.matches(id, ApiRules.SECURITY_GROUP, 32, label + "VPC security group",
                "use a security group id like sg-0123456789abcdef0"));
        subnets.forEach(id -> v.matches(id, ApiRules.SUBNET, 32, label + "VPC subnet",
                "use a subnet id like subnet-0123456789abcdef0"));
    }

    private void checkEndpointConfig(EndpointConfigSpec config, Set<String> modelNames, Set<String> multiModel,
                                     Validation v) {
        if (config == null) {
            v.require(false, "Endpoint config name", "is required");
            return;
        }
        v.matches(config.name(), ApiRules.ENTITY_NAME, ApiRules.NAME_MAX, "Endpoint config name", ApiRules.NAME_RULE);
        int count = config.variants().size();
        v.require(count >= 1 && count <= 10, "Production variants",
                count + " variants; an endpoint config holds 1 to 10");
        Set<String> variantNames = new HashSet<>();
        for (int i = 0; i < count; i++) {
            VariantSpec variant = config.variants().get(i);
            String label = "Variant " + nameOr(variant.variantName(), String.valueOf(i + 1)) + ": ";
            v.matches(variant.variantName(), ApiRules.ENTITY_NAME, ApiRules.NAME_MAX, label + "Variant name",
                    ApiRules.NAME_RULE);
            v.require(variant.variantName() == null || variantNames.add(variant.variantName()), label
                    + "Variant name", "'" + variant.variantName() + "' is used by more than one variant");
            v.require(variant.modelName() != null && modelNames.contains(variant.modelName()), label + "Model",
                    variant.modelName() == null ? "is required"
                            : "'" + variant.modelName() + "' is not one of the deployment's models " + modelNames);
            if (variant.serverless() != null) {
                checkServerless(variant, label, config, multiModel.contains(variant.modelName()), v);
            } else {
                String type = variant.instanceType();
                if (type == null || type.isBlank()) {
                    v.require(false, label + "Instance type", "is required");
                } else {
                    v.require(knownInstanceTypes.test(type), label + "Instance type",
                            "'" + type + "' is not an instance type SageMaker hosts endpoints on (like ml.m5.large)");
                }
                v.require(variant.initialInstanceCount() >= 1, label + "Initial instance count",
                        "is " + variant.initialInstanceCount() + "; it must be at least 1");
            }
            double weight = variant.initialVariantWeight();
            v.require(Double.isFinite(weight) && weight >= 0, label + "Initial weight",
                    "is " + weight + "; it must be 0 or more");
            if (variant.autoScaling() != null) {
                checkAutoScaling(variant, label, v);
            }
        }
        boolean weightsValid = config.variants().stream().allMatch(x -> Double.isFinite(x.initialVariantWeight())
                && x.initialVariantWeight() >= 0);
        v.require(!weightsValid || count == 0 || config.variants().stream().anyMatch(x -> x.initialVariantWeight() > 0),
                "Production variants", "at least one variant needs a weight above 0, or no traffic reaches the endpoint");
        if (config.async() != null) {
            checkAsync(config, v);
        }
        if (config.dataCapture() != null) {
            checkDataCapture(config, v);
        }
    }

    private void checkServerless(VariantSpec variant, String label, EndpointConfigSpec config, boolean multiModel,
                                 Validation v) {
        var serverless = variant.serverless();
        int memory = serverless.memorySizeMb();
        v.require(memory >= 1024 && memory <= 6144 && memory % 1024 == 0, label + "Serverless memory",
                memory + " MB; use 1024, 2048, 3072, 4096, 5120 or 6144 MB");
        v.require(serverless.maxConcurrency() >= 1 && serverless.maxConcurrency() <= 200, label
                + "Serverless max concurrency", serverless.maxConcurrency() + "; use 1 to 200");
        Integer provisioned = serverless.provisionedConcurrency();
        v.require(provisioned == null || provisioned >= 1 && provisioned <= serverless.maxConcurrency(), label
                + "Provisioned concurrency", provisioned + "; use 1 up to the max concurrency ("
                + serverless.maxConcurrency() + ")");
        v.require(variant.instanceType() == null || variant.instanceType().isBlank(), label + "Instance type",
                "a serverless variant has no instance type (and no GPU): SageMaker sizes it from the memory");
        v.require(variant.autoScaling() == null, label + "Autoscaling",
                "serverless variants scale by themselves; autoscaling applies to instance-backed variants");
        v.require(config.async() == null, "Asynchronous inference",
                "serverless endpoints can't be asynchronous; use instances for asynchronous inference");
        v.require(config.dataCapture() == null, "Data capture", "serverless endpoints don't support data capture");
        v.require(!multiModel, label + "Serverless", "multi-model endpoints can't be serverless");
    }

    private void checkAutoScaling(VariantSpec variant, String label, Validation v) {
        var scaling = variant.autoScaling();
        checkScalingRange(scaling, label, v);
        v.require(variant.initialInstanceCount() >= scaling.minInstances()
                && variant.initialInstanceCount() <= scaling.maxInstances(), label + "Initial instance count",
                variant.initialInstanceCount() + " is outside the autoscaling range " + scaling.minInstances() + " to "
                        + scaling.maxInstances());
    }

    /** The rules of a scalable target and its target-tracking policy, for a variant being deployed or already running. */
    public static List<FieldError> autoScalingErrors(DeploymentSpec.AutoScalingSpec scaling, String label) {
        Validation v = new Validation();
        checkScalingRange(scaling, label, v);
        return v.errors();
    }

    private static void checkScalingRange(DeploymentSpec.AutoScalingSpec scaling, String label, Validation v) {
        v.require(scaling.minInstances() >= 1, label + "Autoscaling minimum", scaling.minInstances()
                + "; it must be at least 1");
        v.require(scaling.maxInstances() >= scaling.minInstances(), label + "Autoscaling maximum",
                scaling.maxInstances() + " is below the minimum " + scaling.minInstances());
        v.require(scaling.targetInvocationsPerInstance() > 0, label + "Autoscaling target",
                "invocations per instance a minute must be above 0");
        v.require(scaling.scaleInCooldownSeconds() >= 0 && scaling.scaleOutCooldownSeconds() >= 0, label
                + "Autoscaling cooldowns", "can't be negative");
    }

    private static final java.util.regex.Pattern S3 = java.util.regex.Pattern.compile("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$");
    private static final java.util.regex.Pattern SNS = java.util.regex.Pattern.compile(
            "^arn:aws[a-z\\-]*:sns:[a-z0-9\\-]*:[0-9]{12}:[a-zA-Z0-9_.-]+$");

    private void checkAsync(EndpointConfigSpec config, Validation v) {
        var async = config.async();
        v.require(async.s3OutputPath() != null && S3.matcher(async.s3OutputPath()).matches(), "Async output path",
                "use an s3://bucket/prefix the results are written to");
        v.require(async.s3FailurePath() == null || S3.matcher(async.s3FailurePath()).matches(), "Async failure path",
                "use an s3://bucket/prefix, or leave it empty");
        v.require(async.successTopic() == null || SNS.matcher(async.successTopic()).matches(), "Async success topic",
                "use an SNS topic ARN like arn:aws:sns:us-east-1:123456789012:done");
        v.require(async.errorTopic() == null || SNS.matcher(async.errorTopic()).matches(), "Async error topic",
                "use an SNS topic ARN like arn:aws:sns:us-east-1:123456789012:failed");
        Integer perInstance = async.maxConcurrentInvocationsPerInstance();
        v.require(perInstance == null || perInstance >= 1 && perInstance <= 1000,
                "Async max concurrent invocations per instance", perInstance + "; use 1 to 1000");
    }

    private void checkDataCapture(EndpointConfigSpec config, Validation v) {
        var capture = config.dataCapture();
        v.require(capture.samplingPercentage() >= 0 && capture.samplingPercentage() <= 100,
                "Data capture sampling", capture.samplingPercentage() + " %; use 0 to 100");
        v.require(capture.destinationS3Uri() != null && S3.matcher(capture.destinationS3Uri()).matches(),
                "Data capture destination", "use an s3://bucket/prefix the captured data is written to");
        v.require(capture.captureRequest() || capture.captureResponse(), "Data capture",
                "capture the requests, the responses, or both");
        v.require(capture.jsonContentTypes().size() <= 10 && capture.csvContentTypes().size() <= 10,
                "Data capture content types", "at most 10 JSON and 10 CSV content types");
    }

    private static String nameOr(String name, String fallback) {
        return name == null || name.isBlank() ? fallback : name;
    }
}
