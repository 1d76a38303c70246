package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.deploy.DeploymentSpec.CopyScalingSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.InferenceComponentSpec;
import com.endpointstudio.core.deploy.export.ComponentRequests;
import com.endpointstudio.core.hosting.SageMakerControl.ComponentDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ObjectNotFoundException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceComponentResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * Inference components over the SDK: CreateInferenceComponent, DescribeInferenceComponent,
 * ListInferenceComponents, UpdateInferenceComponentRuntimeConfig, DeleteInferenceComponent, and the
 * Application Auto Scaling (and, scaling to zero, CloudWatch alarm) of their copies — the requests
 * {@link ComponentRequests} describes for the exports too.
 */
final class AwsInferenceComponents {

    private final AwsSession session;
    private final SageMakerClient sagemaker;
    private final Supplier<ApplicationAutoScalingClient> autoScaling;
    private volatile CloudWatchClient cloudWatch;

    AwsInferenceComponents(AwsSession session, SageMakerClient sagemaker,
                           Supplier<ApplicationAutoScalingClient> autoScaling) {
        this.session = session;
        this.sagemaker = sagemaker;
        this.autoScaling = autoScaling;
    }

    String create(String endpointName, InferenceComponentSpec component, List<Tag> tags) {
        var compute = component.compute();
        return call("CreateInferenceComponent " + component.name(), () -> sagemaker.createInferenceComponent(r -> r
                .inferenceComponentName(component.name()).endpointName(endpointName)
                .variantName(component.variantName())
                .specification(s -> s.modelName(component.modelName()).computeResourceRequirements(c -> c
                        .numberOfCpuCoresRequired(compute.cpuCores() == null ? null : compute.cpuCores().floatValue())
                        .numberOfAcceleratorDevicesRequired(compute.acceleratorDevices() == null ? null
                                : compute.acceleratorDevices().floatValue())
                        .minMemoryRequiredInMb(compute.minMemoryMb()).maxMemoryRequiredInMb(compute.maxMemoryMb())))
                .runtimeConfig(c -> c.copyCount(component.copyCount()))
                .tags(tags)).inferenceComponentArn());
    }

    Optional<ComponentDescription> describe(String name) {
        try {
            return Optional.of(description(sagemaker.describeInferenceComponent(b -> b.inferenceComponentName(name))));
        } catch (SageMakerException e) {
            if (notFound(e)) {
                return Optional.empty();
            }
            throw translate(e, "DescribeInferenceComponent " + name);
        } catch (RuntimeException e) {
            throw translate(e, "DescribeInferenceComponent " + name);
        }
    }

    private static ComponentDescription description(DescribeInferenceComponentResponse r) {
        var runtime = r.runtimeConfig();
        return new ComponentDescription(r.inferenceComponentName(), r.endpointName(), r.variantName(),
                r.specification() == null ? null : r.specification().modelName(), r.inferenceComponentStatusAsString(),
                r.failureReason(), runtime == null ? null : runtime.currentCopyCount(),
                runtime == null ? null : runtime.desiredCopyCount());
    }

    List<ComponentDescription> list(String endpointName) {
        return call("ListInferenceComponents " + endpointName, () -> {
            List<ComponentDescription> all = new ArrayList<>();
            sagemaker.listInferenceComponentsPaginator(b -> b.endpointNameEquals(endpointName)).inferenceComponents()
                    .forEach(summary -> describe(summary.inferenceComponentName()).ifPresent(all::add));
            return all;
        });
    }

    void updateCopies(String name, int copies) {
        call("UpdateInferenceComponentRuntimeConfig " + name, () -> sagemaker.updateInferenceComponentRuntimeConfig(
                b -> b.inferenceComponentName(name).desiredRuntimeConfig(c -> c.copyCount(copies))));
    }

    boolean delete(String name) {
        try {
            sagemaker.deleteInferenceComponent(b -> b.inferenceComponentName(name));
            return true;
        } catch (SageMakerException e) {
            if (notFound(e)) {
                return false;
            }
            throw translate(e, "DeleteInferenceComponent " + name);
        } catch (RuntimeException e) {
            throw translate(e, "DeleteInferenceComponent " + name);
        }
    }

    /**
     * A component read back as the spec that makes it: its model, one copy's compute, its desired
     * copies and their target-tracking autoscaling (Application Auto Scaling applies 300 s cooldowns
     * when none is set).
     */
    InferenceComponentSpec spec(String name) {
        var r = sagemaker.describeInferenceComponent(b -> b.inferenceComponentName(name));
        var compute = r.specification().computeResourceRequirements();
        var copies = r.runtimeConfig();
        String resource = ComponentRequests.resourceId(name);
        ApplicationAutoScalingClient client = autoScaling.get();
        var target = client.describeScalableTargets(b -> b.serviceNamespace("sagemaker").resourceIds(resource)
                .scalableDimension(ComponentRequests.DIMENSION)).scalableTargets().stream().findFirst();
        CopyScalingSpec scaling = target.map(t -> {
            var policy = client.describeScalingPolicies(b -> b.serviceNamespace("sagemaker").resourceId(resource)
                    .scalableDimension(ComponentRequests.DIMENSION)).scalingPolicies().stream()
                    .map(p -> p.targetTrackingScalingPolicyConfiguration()).filter(java.util.Objects::nonNull)
                    .findFirst();
            return new CopyScalingSpec(t.minCapacity(), t.maxCapacity(), policy.map(p -> p.targetValue()).orElse(0.0),
                    policy.map(p -> p.scaleInCooldown()).filter(java.util.Objects::nonNull).orElse(300),
                    policy.map(p -> p.scaleOutCooldown()).filter(java.util.Objects::nonNull).orElse(300));
        }).orElse(null);
        return new InferenceComponentSpec(name, r.variantName(), r.specification().modelName(),
                compute == null ? null : new com.endpointstudio.core.deploy.DeploymentSpec.ComputeSpec(
                        compute.numberOfCpuCoresRequired() == null ? null : (double) compute.numberOfCpuCoresRequired(),
                        compute.numberOfAcceleratorDevicesRequired() == null ? null
                                : (double) compute.numberOfAcceleratorDevicesRequired(),
                        compute.minMemoryRequiredInMb() == null ? 0 : compute.minMemoryRequiredInMb(),
                        compute.maxMemoryRequiredInMb()),
                copies == null || copies.desiredCopyCount() == null ? 1 : copies.desiredCopyCount(), scaling);
    }

    /** The names of an endpoint's components. */
    List<String> names(String endpointName) {
        List<String> names = new ArrayList<>();
        sagemaker.listInferenceComponentsPaginator(b -> b.endpointNameEquals(endpointName)).inferenceComponents()
                .forEach(summary -> names.add(summary.inferenceComponentName()));
        return names;
    }

    String configureScaling(String name, CopyScalingSpec scaling) {
        String resource = ComponentRequests.resourceId(name);
        return call("Autoscaling " + resource, () -> {
            ApplicationAutoScalingClient client = autoScaling.get();
            client.registerScalableTarget(b -> b.serviceNamespace("sagemaker").resourceId(resource)
                    .scalableDimension(ComponentRequests.DIMENSION).minCapacity(scaling.minCopies())
                    .maxCapacity(scaling.maxCopies()));
            client.putScalingPolicy(b -> b.policyName(name + "-invocations-per-copy").serviceNamespace("sagemaker")
                    .resourceId(resource).scalableDimension(ComponentRequests.DIMENSION)
                    .policyType("TargetTrackingScaling")
                    .targetTrackingScalingPolicyConfiguration(t -> t.targetValue(scaling.targetInvocationsPerCopy())
                            .predefinedMetricSpecification(m -> m.predefinedMetricType(
                                    "SageMakerInferenceComponentInvocationsPerCopy"))
                            .scaleInCooldown(scaling.scaleInCooldownSeconds())
                            .scaleOutCooldown(scaling.scaleOutCooldownSeconds())));
            String done = scaling.minCopies() + " to " + scaling.maxCopies() + " copies, target "
                    + scaling.targetInvocationsPerCopy() + " invocations per copy a minute";
            if (!scaling.scalesToZero()) {
                return done;
            }
            String policyArn = client.putScalingPolicy(b -> b.policyName(name + "-scale-out-from-zero")
                    .serviceNamespace("sagemaker").resourceId(resource).scalableDimension(ComponentRequests.DIMENSION)
                    .policyType("StepScaling").stepScalingPolicyConfiguration(c -> c.adjustmentType("ChangeInCapacity")
                            .metricAggregationType("Maximum").cooldown(scaling.scaleOutCooldownSeconds())
                            .stepAdjustments(a -> a.metricIntervalLowerBound(0.0).scalingAdjustment(1))))
                    .policyARN();
            cloudWatch().putMetricAlarm(b -> b.alarmName(name + "-no-capacity").alarmActions(policyArn)
                    .metricName("NoCapacityInvocationFailures").namespace("AWS/SageMaker").statistic("Maximum")
                    .dimensions(d -> d.name("InferenceComponentName").value(name)).period(30).evaluationPeriods(1)
                    .datapointsToAlarm(1).threshold(1.0).comparisonOperator("GreaterThanOrEqualToThreshold")
                    .treatMissingData("missing"));
            return done + "; scales to zero, and the alarm " + name + "-no-capacity brings a copy back";
        });
    }

    boolean removeScaling(String name) {
        String resource = ComponentRequests.resourceId(name);
        try {
            autoScaling.get().deregisterScalableTarget(b -> b.serviceNamespace("sagemaker").resourceId(resource)
                    .scalableDimension(ComponentRequests.DIMENSION));
            return true;
        } catch (ObjectNotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw translate(e, "DeregisterScalableTarget " + resource);
        }
    }

    private CloudWatchClient cloudWatch() {
        if (cloudWatch == null) {
            synchronized (this) {
                if (cloudWatch == null) {
                    cloudWatch = session.client(CloudWatchClient.builder());
                    session.closeWith(cloudWatch);
                }
            }
        }
        return cloudWatch;
    }

    private static boolean notFound(SageMakerException e) {
        String message = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
        return message.contains("Could not find") || message.contains("does not exist") || e.statusCode() == 404
                || e.awsErrorDetails() != null && "ResourceNotFound".equals(e.awsErrorDetails().errorCode());
    }

    private <T> T call(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw translate(e, action);
        }
    }

    private RuntimeException translate(RuntimeException e, String action) {
        return AwsErrors.translate(e, session.connection(), action, session.endpointFor("api.sagemaker"));
    }
}
