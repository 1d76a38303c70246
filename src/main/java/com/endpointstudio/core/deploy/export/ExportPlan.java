package com.endpointstudio.core.deploy.export;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.AsyncSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.DataCaptureSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.InferenceComponentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.StudioTags;
import com.endpointstudio.core.deploy.upload.UploadRule;
import com.endpointstudio.core.task.CancelToken;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A spec turned into the SageMaker requests that create it, shared by every export format: the
 * uploads of local model data, then CreateModel, CreateEndpointConfig and CreateEndpoint, each as
 * an ordered map keyed by the API's member names. Where a model data URI depends on an upload, the
 * map holds an {@link S3Location} that each format writes its own way.
 */
public final class ExportPlan {

    /** One local artifact uploaded before the Model is created, where {@link UploadRule} puts it. */
    public record Upload(String localPath, UploadRule.Target target) {

        public UploadRule.Kind kind() {
            return target.kind();
        }

        public S3Location location() {
            return new S3Location(target.bucket(), target.key());
        }
    }

    private final DeploymentSpec spec;
    /** One upload per distinct artifact and target: two containers of the same bytes share it. */
    private final Map<String, Upload> uploads = new LinkedHashMap<>();
    private final List<Map<String, Object>> models = new ArrayList<>();
    private final Map<String, Object> endpointConfig = new LinkedHashMap<>();
    private final Map<String, Object> endpoint = new LinkedHashMap<>();
    private final List<Map<String, Object>> tags = new ArrayList<>();

    public ExportPlan(DeploymentSpec spec) {
        this.spec = spec;
        StudioTags.forResources(spec).forEach((key, value) -> {
            Map<String, Object> tag = new LinkedHashMap<>();
            tag.put("Key", key);
            tag.put("Value", value);
            tags.add(tag);
        });
        spec.models().forEach(model -> models.add(createModel(model)));
        endpointConfig.put("EndpointConfigName", spec.endpointConfig().name());
        List<Object> variants = new ArrayList<>();
        spec.endpointConfig().variants().forEach(variant -> variants.add(variant(variant)));
        endpointConfig.put("ProductionVariants", variants);
        EndpointConfigSpec config = spec.endpointConfig();
        if (config.dataCapture() != null) {
            endpointConfig.put("DataCaptureConfig", dataCapture(config.dataCapture()));
        }
        if (config.async() != null) {
            endpointConfig.put("AsyncInferenceConfig", async(config.async()));
        }
        if (config.kmsKeyId() != null) {
            endpointConfig.put("KmsKeyId", config.kmsKeyId());
        }
        if (config.executionRoleArn() != null) {
            endpointConfig.put("ExecutionRoleArn", config.executionRoleArn());
        }
        endpointConfig.put("Tags", tags);
        for (VariantSpec variant : config.variants()) {
            if (variant.autoScaling() != null) {
                scaling.add(new Scaling(scalableTarget(variant), scalingPolicy(variant)));
            }
        }
        endpoint.put("EndpointName", spec.endpoint().name());
        endpoint.put("EndpointConfigName", spec.endpointConfig().name());
        endpoint.put("Tags", tags);
        for (InferenceComponentSpec component : spec.inferenceComponents()) {
            components.add(ComponentRequests.create(spec.endpoint().name(), component, tags));
            if (component.autoScaling() != null) {
                componentScaling.add(ComponentRequests.scaling(component));
            }
        }
    }

    private final List<Map<String, Object>> components = new ArrayList<>();
    private final List<ComponentRequests.Scaling> componentScaling = new ArrayList<>();

    /** One CreateInferenceComponent request per component, sent once the endpoint is InService. */
    public List<Map<String, Object>> createInferenceComponents() {
        return components;
    }

    /** The copy autoscaling of each component that has it, applied once it is InService. */
    public List<ComponentRequests.Scaling> componentScaling() {
        return componentScaling;
    }

    /**
     * One Model alone (or none), its resources tagged as given: what a batch transform creates before its
     * job. Further local files join the uploads through {@link #upload}.
     */
    public ExportPlan(ModelSpec model, Map<String, String> resourceTags) {
        this.spec = null;
        resourceTags.forEach((key, value) -> {
            Map<String, Object> tag = new LinkedHashMap<>();
            tag.put("Key", key);
            tag.put("Value", value);
            tags.add(tag);
        });
        if (model != null) {
            models.add(createModel(model));
        }
    }

    /**
     * Uploads a local file (as it is) or folder (its files loose under one prefix) before the calls, under the
     * key {@link UploadRule} names by its content; returns where it lands.
     */
    public S3Location upload(String localPath, String keyPrefix) {
        Path local = Path.of(localPath);
        ModelDataSpec data = new ModelDataSpec(localPath, null, keyPrefix, java.nio.file.Files.isDirectory(local));
        return uploads.computeIfAbsent(local.toAbsolutePath().normalize() + "|" + keyPrefix, key -> new Upload(
                localPath, UploadRule.target(data, local, CancelToken.none()))).location();
    }

    /** The spec exported, or null for a plan of one Model. */
    public DeploymentSpec spec() {
        return spec;
    }

    /** A variant's Application Auto Scaling: RegisterScalableTarget, then PutScalingPolicy, after InService. */
    public record Scaling(Map<String, Object> registerScalableTarget, Map<String, Object> putScalingPolicy) {
    }

    private final List<Scaling> scaling = new ArrayList<>();

    public List<Scaling> scaling() {
        return List.copyOf(scaling);
    }

    /** Application Auto Scaling's ResourceId of a variant. */
    public static String scalingResourceId(String endpointName, String variantName) {
        return "endpoint/" + endpointName + "/variant/" + variantName;
    }

    private Map<String, Object> scalableTarget(VariantSpec variant) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ServiceNamespace", "sagemaker");
        map.put("ResourceId", scalingResourceId(spec.endpoint().name(), variant.variantName()));
        map.put("ScalableDimension", "sagemaker:variant:DesiredInstanceCount");
        map.put("MinCapacity", variant.autoScaling().minInstances());
        map.put("MaxCapacity", variant.autoScaling().maxInstances());
        return map;
    }

    private Map<String, Object> scalingPolicy(VariantSpec variant) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("PolicyName", spec.endpoint().name() + "-" + variant.variantName() + "-invocations");
        map.put("ServiceNamespace", "sagemaker");
        map.put("ResourceId", scalingResourceId(spec.endpoint().name(), variant.variantName()));
        map.put("ScalableDimension", "sagemaker:variant:DesiredInstanceCount");
        map.put("PolicyType", "TargetTrackingScaling");
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("TargetValue", variant.autoScaling().targetInvocationsPerInstance());
        target.put("PredefinedMetricSpecification", Map.of("PredefinedMetricType",
                "SageMakerVariantInvocationsPerInstance"));
        target.put("ScaleInCooldown", variant.autoScaling().scaleInCooldownSeconds());
        target.put("ScaleOutCooldown", variant.autoScaling().scaleOutCooldownSeconds());
        map.put("TargetTrackingScalingPolicyConfiguration", target);
        return map;
    }

    private static Map<String, Object> dataCapture(DataCaptureSpec capture) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("EnableCapture", true);
        map.put("InitialSamplingPercentage", capture.samplingPercentage());
        map.put("DestinationS3Uri", capture.destinationS3Uri());
        List<Object> modes = new ArrayList<>();
        if (capture.captureRequest()) {
            modes.add(Map.of("CaptureMode", "Input"));
        }
        if (capture.captureResponse()) {
            modes.add(Map.of("CaptureMode", "Output"));
        }
        map.put("CaptureOptions", modes);
        if (!capture.jsonContentTypes().isEmpty() || !capture.csvContentTypes().isEmpty()) {
            Map<String, Object> header = new LinkedHashMap<>();
            if (!capture.jsonContentTypes().isEmpty()) {
                header.put("JsonContentTypes", capture.jsonContentTypes());
            }
            if (!capture.csvContentTypes().isEmpty()) {
                header.put("CsvContentTypes", capture.csvContentTypes());
            }
            map.put("CaptureContentTypeHeader", header);
        }
        if (capture.kmsKeyId() != null) {
            map.put("KmsKeyId", capture.kmsKeyId());
        }
        return map;
    }

    private static Map<String, Object> async(AsyncSpec async) {
        Map<String, Object> output = new LinkedHashMap<>();
        if (async.kmsKeyId() != null) {
            output.put("KmsKeyId", async.kmsKeyId());
        }
        output.put("S3OutputPath", async.s3OutputPath());
        if (async.s3FailurePath() != null) {
            output.put("S3FailurePath", async.s3FailurePath());
        }
        if (async.successTopic() != null || async.errorTopic() != null) {
            Map<String, Object> notify = new LinkedHashMap<>();
            if (async.successTopic() != null) {
                notify.put("SuccessTopic", async.successTopic());
            }
            if (async.errorTopic() != null) {
                notify.put("ErrorTopic", async.errorTopic());
            }
            output.put("NotificationConfig", notify);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("OutputConfig", output);
        if (async.maxConcurrentInvocationsPerInstance() != null) {
            map.put("ClientConfig", Map.of("MaxConcurrentInvocationsPerInstance",
                    async.maxConcurrentInvocationsPerInstance()));
        }
        return map;
    }

    public List<Upload> uploads() {
        return List.copyOf(uploads.values());
    }

    public boolean needsDefaultBucket() {
        return uploads.values().stream().anyMatch(upload -> upload.target().isDefaultBucket());
    }

    /** One CreateModel request per model, in the spec's order. */
    public List<Map<String, Object>> createModels() {
        return models;
    }

    public Map<String, Object> createEndpointConfig() {
        return endpointConfig;
    }

    public Map<String, Object> createEndpoint() {
        return endpoint;
    }

    /** Every resource's tags: the user's and the studio's. */
    public List<Map<String, Object>> tags() {
        return tags;
    }

    private Map<String, Object> createModel(ModelSpec model) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("ModelName", model.name());
        request.put("ExecutionRoleArn", model.executionRoleArn());
        List<ContainerSpec> containers = model.containers();
        if (containers.size() == 1) {
            request.put("PrimaryContainer", container(containers.get(0)));
        } else {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < containers.size(); i++) {
                list.add(container(containers.get(i)));
            }
            request.put("Containers", list);
        }
        if (model.inferenceExecutionMode() != null) {
            request.put("InferenceExecutionConfig", Map.of("Mode", model.inferenceExecutionMode()));
        }
        if (model.vpc() != null) {
            Map<String, Object> vpc = new LinkedHashMap<>();
            vpc.put("SecurityGroupIds", model.vpc().securityGroupIds());
            vpc.put("Subnets", model.vpc().subnets());
            request.put("VpcConfig", vpc);
        }
        if (model.networkIsolation()) {
            request.put("EnableNetworkIsolation", true);
        }
        request.put("Tags", tags);
        return request;
    }

    private Map<String, Object> container(ContainerSpec container) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (container.hostname() != null) {
            map.put("ContainerHostname", container.hostname());
        }
        map.put("Image", container.image());
        if (container.mode() != null) {
            map.put("Mode", container.mode());
        }
        ModelDataSpec data = container.modelData();
        if (data != null) {
            Object uri = modelDataUri(data);
            if (data.uncompressed()) {
                Map<String, Object> source = new LinkedHashMap<>();
                source.put("S3Uri", uri);
                source.put("S3DataType", "S3Prefix");
                source.put("CompressionType", "None");
                map.put("ModelDataSource", Map.of("S3DataSource", source));
            } else {
                map.put("ModelDataUrl", uri);
            }
        }
        if (!container.environment().isEmpty()) {
            map.put("Environment", new TreeMap<>(container.environment()));
        }
        return map;
    }

    /** The URL as a String, or an S3Location when a local artifact is uploaded first. */
    private Object modelDataUri(ModelDataSpec data) {
        if (data.isRemote()) {
            return data.location();
        }
        Path local = Path.of(data.location());
        Upload upload = uploads.computeIfAbsent(local.toAbsolutePath().normalize() + "|" + data.uncompressed() + "|"
                + data.uploadBucket() + "|" + data.uploadPrefix(), key -> new Upload(data.location(),
                UploadRule.target(data, local, CancelToken.none())));
        return upload.location();
    }

    private static Map<String, Object> variant(VariantSpec variant) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("VariantName", variant.variantName());
        if (variant.modelName() != null) { // a variant of inference components names no model
            map.put("ModelName", variant.modelName());
        }
        if (variant.serverless() != null) {
            Map<String, Object> serverless = new LinkedHashMap<>();
            serverless.put("MemorySizeInMB", variant.serverless().memorySizeMb());
            serverless.put("MaxConcurrency", variant.serverless().maxConcurrency());
            if (variant.serverless().provisionedConcurrency() != null) {
                serverless.put("ProvisionedConcurrency", variant.serverless().provisionedConcurrency());
            }
            map.put("ServerlessConfig", serverless);
        } else {
            map.put("InstanceType", variant.instanceType());
            map.put("InitialInstanceCount", variant.initialInstanceCount());
        }
        map.put("InitialVariantWeight", variant.initialVariantWeight());
        if (variant.managedScaling() != null) {
            Map<String, Object> managed = new LinkedHashMap<>();
            managed.put("Status", "ENABLED");
            managed.put("MinInstanceCount", variant.managedScaling().minInstances());
            managed.put("MaxInstanceCount", variant.managedScaling().maxInstances());
            map.put("ManagedInstanceScaling", managed);
        }
        if (variant.routingStrategy() != null) {
            map.put("RoutingConfig", Map.of("RoutingStrategy", variant.routingStrategy()));
        }
        return map;
    }
}
