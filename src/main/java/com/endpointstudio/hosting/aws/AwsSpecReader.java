package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.AsyncSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.DataCaptureSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.InferenceComponentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ServerlessSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VpcSpec;
import com.endpointstudio.core.deploy.StudioTags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;

/**
 * An endpoint that exists, made by the studio or not, read back as the {@link DeploymentSpec} that
 * would create it: DescribeEndpoint, DescribeEndpointConfig, DescribeModel for each of its models,
 * ListTags and the variants' autoscaling; for an endpoint of inference components, its components
 * (the models they host, one copy's compute, the copies and their autoscaling) and the variants'
 * managed instance scaling and routing. Names stay as they are; the studio's own tags are left out
 * (a deployment of the spec gets tags of its own).
 */
final class AwsSpecReader {

    private final SageMakerClient sagemaker;
    private final BiFunction<String, String, Optional<AutoScalingSpec>> autoScaling;
    private final AwsInferenceComponents components;

    AwsSpecReader(SageMakerClient sagemaker, BiFunction<String, String, Optional<AutoScalingSpec>> autoScaling,
                  AwsInferenceComponents components) {
        this.sagemaker = sagemaker;
        this.autoScaling = autoScaling;
        this.components = components;
    }

    DeploymentSpec read(String endpointName) {
        var endpoint = sagemaker.describeEndpoint(r -> r.endpointName(endpointName));
        DescribeEndpointConfigResponse config = sagemaker.describeEndpointConfig(r -> r.endpointConfigName(
                endpoint.endpointConfigName()));
        List<ModelSpec> models = new ArrayList<>();
        List<VariantSpec> variants = new ArrayList<>();
        // a variant that hosts inference components names no model: its models are the components'
        List<InferenceComponentSpec> hosted = config.productionVariants().stream().anyMatch(v -> v.modelName() == null)
                ? components.names(endpointName).stream().map(components::spec).toList() : List.of();
        for (ProductionVariant variant : config.productionVariants()) {
            boolean ofComponents = hosted.stream().anyMatch(c -> c.variantName().equals(variant.variantName()));
            if (!ofComponents) {
                addModel(models, variant.modelName());
            }
            variants.add(variant(endpointName, variant, ofComponents));
        }
        hosted.forEach(component -> addModel(models, component.modelName()));
        Map<String, String> tags = new LinkedHashMap<>();
        sagemaker.listTags(r -> r.resourceArn(endpoint.endpointArn())).tags().forEach(tag -> {
            if (!tag.key().startsWith("aws:") && !tag.key().startsWith(StudioTags.PREFIX)) {
                tags.put(tag.key(), tag.value());
            }
        });
        return new DeploymentSpec(DeploymentSpec.CURRENT_VERSION, models, new EndpointConfigSpec(config.endpointConfigName(),
                variants, async(config), capture(config), config.kmsKeyId(), config.executionRoleArn()),
                new EndpointSpec(endpointName, tags), hosted);
    }

    private void addModel(List<ModelSpec> models, String name) {
        if (name != null && models.stream().noneMatch(m -> m.name().equals(name))) {
            models.add(model(sagemaker.describeModel(r -> r.modelName(name))));
        }
    }

    private static ModelSpec model(DescribeModelResponse model) {
        List<ContainerSpec> containers = new ArrayList<>();
        if (model.primaryContainer() != null) {
            containers.add(container(model.primaryContainer()));
        }
        model.containers().forEach(container -> containers.add(container(container)));
        var network = model.vpcConfig();
        VpcSpec vpc = network == null || network.securityGroupIds().isEmpty() && network.subnets().isEmpty() ? null
                : new VpcSpec(network.securityGroupIds(), network.subnets());
        String mode = model.inferenceExecutionConfig() == null ? null
                : model.inferenceExecutionConfig().modeAsString();
        if (containers.size() > 1 && mode == null) {
            mode = "Serial"; // SageMaker's default for several containers (InferenceExecutionConfig.Mode)
        }
        return new ModelSpec(model.modelName(), model.executionRoleArn(), containers, mode, vpc,
                Boolean.TRUE.equals(model.enableNetworkIsolation()));
    }

    private static ContainerSpec container(ContainerDefinition container) {
        ModelDataSpec data = null;
        if (container.modelDataUrl() != null) {
            data = new ModelDataSpec(container.modelDataUrl(), null, null, false);
        } else if (container.modelDataSource() != null && container.modelDataSource().s3DataSource() != null) {
            var source = container.modelDataSource().s3DataSource();
            data = new ModelDataSpec(source.s3Uri(), null, null, "None".equals(source.compressionTypeAsString()));
        }
        return new ContainerSpec(container.image(), null, data, container.environment(), container.containerHostname(),
                container.modeAsString());
    }

    private VariantSpec variant(String endpointName, ProductionVariant variant, boolean ofComponents) {
        double weight = variant.initialVariantWeight() == null ? 1.0 : variant.initialVariantWeight();
        if (variant.serverlessConfig() != null) {
            var serverless = variant.serverlessConfig();
            return new VariantSpec(variant.variantName(), variant.modelName(), null, 0, weight, new ServerlessSpec(
                    serverless.memorySizeInMB(), serverless.maxConcurrency(), serverless.provisionedConcurrency()), null);
        }
        if (ofComponents) {
            var managed = variant.managedInstanceScaling();
            return new VariantSpec(variant.variantName(), null, variant.instanceTypeAsString(),
                    variant.initialInstanceCount() == null ? 1 : variant.initialInstanceCount(), weight, null, null,
                    managed == null || !"ENABLED".equals(managed.statusAsString()) ? null
                            : new DeploymentSpec.ManagedScalingSpec(managed.minInstanceCount(), managed.maxInstanceCount()),
                    variant.routingConfig() == null ? null : variant.routingConfig().routingStrategyAsString());
        }
        return new VariantSpec(variant.variantName(), variant.modelName(), variant.instanceTypeAsString(),
                variant.initialInstanceCount() == null ? 1 : variant.initialInstanceCount(), weight, null,
                autoScaling.apply(endpointName, variant.variantName()).orElse(null));
    }

    private static AsyncSpec async(DescribeEndpointConfigResponse config) {
        var async = config.asyncInferenceConfig();
        if (async == null || async.outputConfig() == null) {
            return null;
        }
        var output = async.outputConfig();
        var notify = output.notificationConfig();
        return new AsyncSpec(output.s3OutputPath(), output.s3FailurePath(), notify == null ? null : notify.successTopic(),
                notify == null ? null : notify.errorTopic(), async.clientConfig() == null ? null
                : async.clientConfig().maxConcurrentInvocationsPerInstance(), output.kmsKeyId());
    }

    private static DataCaptureSpec capture(DescribeEndpointConfigResponse config) {
        var capture = config.dataCaptureConfig();
        // SageMaker leaves DataCaptureConfig out when capture is off; an empty one (which some emulators
        // answer) is treated alike, as the API requires its sampling percentage and destination
        if (capture == null || Boolean.FALSE.equals(capture.enableCapture())
                || capture.initialSamplingPercentage() == null || capture.destinationS3Uri() == null) {
            return null;
        }
        boolean input = capture.captureOptions().stream().anyMatch(o -> "Input".equals(o.captureModeAsString()));
        boolean output = capture.captureOptions().stream().anyMatch(o -> "Output".equals(o.captureModeAsString()));
        var header = capture.captureContentTypeHeader();
        return new DataCaptureSpec(capture.initialSamplingPercentage(), capture.destinationS3Uri(), input, output,
                header == null ? List.of() : header.jsonContentTypes(), header == null ? List.of()
                : header.csvContentTypes(), capture.kmsKeyId());
    }
}
