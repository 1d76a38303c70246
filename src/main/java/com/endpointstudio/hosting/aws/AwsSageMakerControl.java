package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.hosting.SageMakerControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ContainerDefinition;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;
import software.amazon.awssdk.services.sagemaker.model.InferenceExecutionConfig;
import software.amazon.awssdk.services.sagemaker.model.ModelDataSource;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.S3ModelDataSource;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.VpcConfig;

/** The SageMaker control plane over the AWS SDK: CreateModel, CreateEndpointConfig, CreateEndpoint and friends. */
final class AwsSageMakerControl implements SageMakerControl {

    private final AwsSession session;
    private final SageMakerClient sagemaker;

    AwsSageMakerControl(AwsSession session) {
        this.session = session;
        this.sagemaker = session.client(SageMakerClient.builder());
    }

    @Override
    public String createModel(ModelSpec model, Map<String, String> tags) {
        return call("CreateModel " + model.name(), () -> {
            List<ContainerDefinition> containers = model.containers().stream().map(AwsSageMakerControl::container).toList();
            var request = software.amazon.awssdk.services.sagemaker.model.CreateModelRequest.builder()
                    .modelName(model.name())
                    .executionRoleArn(model.executionRoleArn())
                    .tags(tags(tags));
            if (model.networkIsolation()) {
                request.enableNetworkIsolation(true);
            }
            if (containers.size() == 1) {
                request.primaryContainer(containers.get(0));
            } else {
                request.containers(containers);
            }
            if (model.inferenceExecutionMode() != null) {
                request.inferenceExecutionConfig(InferenceExecutionConfig.builder().mode(model.inferenceExecutionMode()).build());
            }
            if (model.vpc() != null) {
                request.vpcConfig(VpcConfig.builder().securityGroupIds(model.vpc().securityGroupIds())
                        .subnets(model.vpc().subnets()).build());
            }
            return sagemaker.createModel(request.build()).modelArn();
        });
    }

    private static ContainerDefinition container(ContainerSpec spec) {
        ContainerDefinition.Builder container = ContainerDefinition.builder().image(spec.image());
        if (!spec.environment().isEmpty()) {
            container.environment(spec.environment());
        }
        if (spec.hostname() != null) {
            container.containerHostname(spec.hostname());
        }
        if (spec.mode() != null) {
            container.mode(spec.mode());
        }
        if (spec.modelData() != null) {
            if (spec.modelData().uncompressed()) {
                container.modelDataSource(ModelDataSource.builder().s3DataSource(S3ModelDataSource.builder()
                        .s3Uri(spec.modelData().location()).s3DataType("S3Prefix").compressionType("None").build()).build());
            } else {
                container.modelDataUrl(spec.modelData().location());
            }
        }
        return container.build();
    }

    @Override
    public String createEndpointConfig(EndpointConfigSpec config, Map<String, String> tags) {
        return call("CreateEndpointConfig " + config.name(), () -> sagemaker.createEndpointConfig(r -> {
            r.endpointConfigName(config.name())
                    .productionVariants(config.variants().stream().map(AwsSageMakerControl::variant).toList())
                    .tags(tags(tags)).kmsKeyId(config.kmsKeyId()).executionRoleArn(config.executionRoleArn());
            if (config.async() != null) {
                var async = config.async();
                r.asyncInferenceConfig(a -> {
                    a.outputConfig(o -> {
                        o.s3OutputPath(async.s3OutputPath()).s3FailurePath(async.s3FailurePath())
                                .kmsKeyId(async.kmsKeyId());
                        if (async.successTopic() != null || async.errorTopic() != null) {
                            o.notificationConfig(n -> n.successTopic(async.successTopic()).errorTopic(async.errorTopic()));
                        }
                    });
                    if (async.maxConcurrentInvocationsPerInstance() != null) {
                        a.clientConfig(c -> c.maxConcurrentInvocationsPerInstance(
                                async.maxConcurrentInvocationsPerInstance()));
                    }
                });
            }
            if (config.dataCapture() != null) {
                var capture = config.dataCapture();
                List<software.amazon.awssdk.services.sagemaker.model.CaptureOption> modes = new java.util.ArrayList<>();
                if (capture.captureRequest()) {
                    modes.add(software.amazon.awssdk.services.sagemaker.model.CaptureOption.builder().captureMode("Input")
                            .build());
                }
                if (capture.captureResponse()) {
                    modes.add(software.amazon.awssdk.services.sagemaker.model.CaptureOption.builder().captureMode("Output")
                            .build());
                }
                r.dataCaptureConfig(d -> {
                    d.enableCapture(true).initialSamplingPercentage(capture.samplingPercentage())
                            .destinationS3Uri(capture.destinationS3Uri()).captureOptions(modes)
                            .kmsKeyId(capture.kmsKeyId());
                    if (!capture.jsonContentTypes().isEmpty() || !capture.csvContentTypes().isEmpty()) {
                        d.captureContentTypeHeader(h -> h.jsonContentTypes(capture.jsonContentTypes().isEmpty() ? null
                                : capture.jsonContentTypes()).csvContentTypes(capture.csvContentTypes().isEmpty() ? null
                                : capture.csvContentTypes()));
                    }
                });
            }
        }).endpointConfigArn());
    }

    private static ProductionVariant variant(com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec v) {
        ProductionVariant.Builder variant = ProductionVariant.builder().variantName(v.variantName())
                .modelName(v.modelName()).initialVariantWeight((float) v.initialVariantWeight());
        if (v.serverless() != null) {
            variant.serverlessConfig(s -> s.memorySizeInMB(v.serverless().memorySizeMb())
                    .maxConcurrency(v.serverless().maxConcurrency())
                    .provisionedConcurrency(v.serverless().provisionedConcurrency()));
        } else {
            variant.instanceType(v.instanceType()).initialInstanceCount(v.initialInstanceCount());
        }
        if (v.managedScaling() != null) {
            variant.managedInstanceScaling(m -> m.status("ENABLED").minInstanceCount(v.managedScaling().minInstances())
                    .maxInstanceCount(v.managedScaling().maxInstances()));
        }
        if (v.routingStrategy() != null) {
            variant.routingConfig(r -> r.routingStrategy(v.routingStrategy()));
        }
        return variant.build();
    }

    private volatile software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient autoScaling;

    /** One Application Auto Scaling client for all scaling calls of this control, closed with the session. */
    private software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient autoScaling() {
        if (autoScaling == null) {
            synchronized (this) {
                if (autoScaling == null) {
                    autoScaling = session.client(software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient.builder());
                    session.closeWith(autoScaling);
                }
            }
        }
        return autoScaling;
    }

    @Override
    public String configureAutoScaling(String endpointName,
                                       com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec variant) {
        var scaling = variant.autoScaling();
        String resource = "endpoint/" + endpointName + "/variant/" + variant.variantName();
        return call("Autoscaling " + resource, () -> {
            var client = autoScaling();
            client.registerScalableTarget(b -> b.serviceNamespace("sagemaker").resourceId(resource)
                    .scalableDimension("sagemaker:variant:DesiredInstanceCount")
                    .minCapacity(scaling.minInstances()).maxCapacity(scaling.maxInstances()));
            client.putScalingPolicy(b -> b.policyName(endpointName + "-" + variant.variantName() + "-invocations")
                    .serviceNamespace("sagemaker").resourceId(resource)
                    .scalableDimension("sagemaker:variant:DesiredInstanceCount").policyType("TargetTrackingScaling")
                    .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(scaling.targetInvocationsPerInstance())
                            .predefinedMetricSpecification(m -> m.predefinedMetricType(
                                    "SageMakerVariantInvocationsPerInstance"))
                            .scaleInCooldown(scaling.scaleInCooldownSeconds())
                            .scaleOutCooldown(scaling.scaleOutCooldownSeconds())));
            return scaling.minInstances() + " to " + scaling.maxInstances() + " instances, target "
                    + scaling.targetInvocationsPerInstance() + " invocations per instance a minute";
        });
    }

    @Override
    public Optional<com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec> describeAutoScaling(
            String endpointName, String variantName) {
        String resource = "endpoint/" + endpointName + "/variant/" + variantName;
        return call("DescribeScalableTargets " + resource, () -> {
            var client = autoScaling();
            var target = client.describeScalableTargets(b -> b.serviceNamespace("sagemaker").resourceIds(resource)
                    .scalableDimension("sagemaker:variant:DesiredInstanceCount")).scalableTargets().stream()
                    .findFirst();
            if (target.isEmpty()) {
                return Optional.empty();
            }
            var policy = client.describeScalingPolicies(b -> b.serviceNamespace("sagemaker").resourceId(resource)
                    .scalableDimension("sagemaker:variant:DesiredInstanceCount")).scalingPolicies().stream()
                    .map(p -> p.targetTrackingScalingPolicyConfiguration()).filter(java.util.Objects::nonNull)
                    .findFirst();
            // Application Auto Scaling applies 300 s cooldowns to SageMaker variants when none is set.
            return Optional.of(new com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec(
                    target.get().minCapacity(), target.get().maxCapacity(),
                    policy.map(p -> p.targetValue()).orElse(0.0),
                    policy.map(p -> p.scaleInCooldown()).filter(java.util.Objects::nonNull).orElse(300),
                    policy.map(p -> p.scaleOutCooldown()).filter(java.util.Objects::nonNull).orElse(300)));
        });
    }

    @Override
    public boolean removeAutoScaling(String endpointName, String variantName) {
        String resource = "endpoint/" + endpointName + "/variant/" + variantName;
        try {
            autoScaling().deregisterScalableTarget(b -> b.serviceNamespace("sagemaker").resourceId(resource)
                    .scalableDimension("sagemaker:variant:DesiredInstanceCount"));
            return true;
        } catch (software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw translate(e, "DeregisterScalableTarget " + resource);
        }
    }

    private volatile AwsInferenceComponents components;

    private AwsInferenceComponents components() {
        if (components == null) {
            synchronized (this) {
                if (components == null) {
                    components = new AwsInferenceComponents(session, sagemaker, this::autoScaling);
                }
            }
        }
        return components;
    }

    @Override
    public String createInferenceComponent(String endpointName,
            com.endpointstudio.core.deploy.DeploymentSpec.InferenceComponentSpec component, Map<String, String> tags) {
        return components().create(endpointName, component, tags(tags));
    }

    @Override
    public Optional<ComponentDescription> describeInferenceComponent(String componentName) {
        return components().describe(componentName);
    }

    @Override
    public List<ComponentDescription> listInferenceComponents(String endpointName) {
        return components().list(endpointName);
    }

    @Override
    public void updateInferenceComponentCopies(String componentName, int copies) {
        components().updateCopies(componentName, copies);
    }

    @Override
    public boolean deleteInferenceComponent(String componentName) {
        return components().delete(componentName);
    }

    @Override
    public String configureCopyAutoScaling(String componentName,
                                           com.endpointstudio.core.deploy.DeploymentSpec.CopyScalingSpec scaling) {
        return components().configureScaling(componentName, scaling);
    }

    @Override
    public boolean removeCopyAutoScaling(String componentName) {
        return components().removeScaling(componentName);
    }

    @Override
    public String createEndpoint(String endpointName, String endpointConfigName, Map<String, String> tags) {
        return call("CreateEndpoint " + endpointName, () -> sagemaker.createEndpoint(r -> r.endpointName(endpointName)
                .endpointConfigName(endpointConfigName).tags(tags(tags))).endpointArn());
    }

    @Override
    public Optional<EndpointDescription> describeEndpoint(String endpointName) {
        try {
            DescribeEndpointResponse r = sagemaker.describeEndpoint(b -> b.endpointName(endpointName));
            return Optional.of(new EndpointDescription(r.endpointName(), r.endpointArn(), r.endpointStatusAsString(),
                    r.failureReason(), r.endpointConfigName(), r.creationTime()));
        } catch (SageMakerException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw translate(e, "DescribeEndpoint " + endpointName);
        } catch (RuntimeException e) {
            throw translate(e, "DescribeEndpoint " + endpointName);
        }
    }

    @Override
    public com.endpointstudio.core.deploy.DeploymentSpec specOf(String endpointName) {
        return call("Reading " + endpointName + " as a spec", () -> new AwsSpecReader(sagemaker,
                this::describeAutoScaling, components()).read(endpointName));
    }

    @Override
    public boolean modelExists(String modelName) {
        return found("DescribeModel " + modelName, () -> sagemaker.describeModel(r -> r.modelName(modelName)));
    }

    @Override
    public boolean endpointConfigExists(String endpointConfigName) {
        return found("DescribeEndpointConfig " + endpointConfigName,
                () -> sagemaker.describeEndpointConfig(r -> r.endpointConfigName(endpointConfigName)));
    }

    @Override
    public boolean deleteModel(String modelName) {
        return found("DeleteModel " + modelName, () -> sagemaker.deleteModel(r -> r.modelName(modelName)));
    }

    @Override
    public boolean deleteEndpointConfig(String endpointConfigName) {
        return found("DeleteEndpointConfig " + endpointConfigName,
                () -> sagemaker.deleteEndpointConfig(r -> r.endpointConfigName(endpointConfigName)));
    }

    @Override
    public boolean deleteEndpoint(String endpointName) {
        return found("DeleteEndpoint " + endpointName, () -> sagemaker.deleteEndpoint(r -> r.endpointName(endpointName)));
    }

    @Override
    public List<EndpointDescription> listEndpoints() {
        return call("ListEndpoints", () -> {
            List<EndpointDescription> all = new ArrayList<>();
            for (EndpointSummary s : sagemaker.listEndpointsPaginator(r -> r.maxResults(100)).endpoints()) {
                all.add(new EndpointDescription(s.endpointName(), s.endpointArn(), s.endpointStatusAsString(), null, null,
                        s.creationTime()));
            }
            return all;
        });
    }

    /** Runs a call on a named resource: true when it ran, false when the resource does not exist. */
    private boolean found(String action, Runnable call) {
        try {
            call.run();
            return true;
        } catch (SageMakerException e) {
            if (isNotFound(e)) {
                return false;
            }
            throw translate(e, action);
        } catch (RuntimeException e) {
            throw translate(e, action);
        }
    }

    private <T> T call(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw translate(e, action);
        }
    }

    private static boolean isNotFound(SageMakerException e) {
        String message = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
        return message.contains("Could not find") || message.contains("does not exist")
                || e.awsErrorDetails() != null && "ResourceNotFound".equals(e.awsErrorDetails().errorCode());
    }

    private RuntimeException translate(RuntimeException e, String action) {
        return AwsErrors.translate(e, session.connection(), action, session.endpointFor("api.sagemaker"));
    }

    private static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList();
    }
}
