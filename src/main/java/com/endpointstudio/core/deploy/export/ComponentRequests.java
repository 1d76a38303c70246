package com.endpointstudio.core.deploy.export;

import com.endpointstudio.core.deploy.DeploymentSpec.ComputeSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.CopyScalingSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.InferenceComponentSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The requests that make an inference component and scale its copies, keyed by the API's member
 * names: CreateInferenceComponent; RegisterScalableTarget and a target-tracking PutScalingPolicy
 * on SageMakerInferenceComponentInvocationsPerCopy; and for copies that scale to zero, the step
 * scaling policy and the CloudWatch alarm on NoCapacityInvocationFailures that bring the first
 * copy back (Developer Guide, endpoint-auto-scaling-zero-instances). The studio's deploy and every
 * export send these.
 */
public final class ComponentRequests {

    /** Application Auto Scaling's dimension of a component's copies. */
    public static final String DIMENSION = "sagemaker:inference-component:DesiredCopyCount";

    /**
     * A component's copy autoscaling.
     *
     * @param scaleOutFromZero the step scaling policy that adds a copy when there is none, or null
     * @param noCapacityAlarm  PutMetricAlarm that triggers it (its AlarmActions take the policy's ARN), or null
     */
    public record Scaling(String component, Map<String, Object> registerScalableTarget,
                          Map<String, Object> putScalingPolicy, Map<String, Object> scaleOutFromZero,
                          Map<String, Object> noCapacityAlarm) {
    }

    private ComponentRequests() {
    }

    /** Application Auto Scaling's ResourceId of a component. */
    public static String resourceId(String component) {
        return "inference-component/" + component;
    }

    public static Map<String, Object> create(String endpointName, InferenceComponentSpec component,
                                             List<Map<String, Object>> tags) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("InferenceComponentName", component.name());
        request.put("EndpointName", endpointName);
        request.put("VariantName", component.variantName());
        Map<String, Object> specification = new LinkedHashMap<>();
        specification.put("ModelName", component.modelName());
        specification.put("ComputeResourceRequirements", compute(component.compute()));
        request.put("Specification", specification);
        request.put("RuntimeConfig", Map.of("CopyCount", component.copyCount()));
        request.put("Tags", tags);
        return request;
    }

    static Map<String, Object> compute(ComputeSpec compute) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (compute.cpuCores() != null) {
            map.put("NumberOfCpuCoresRequired", compute.cpuCores());
        }
        if (compute.acceleratorDevices() != null) {
            map.put("NumberOfAcceleratorDevicesRequired", compute.acceleratorDevices());
        }
        map.put("MinMemoryRequiredInMb", compute.minMemoryMb());
        if (compute.maxMemoryMb() != null) {
            map.put("MaxMemoryRequiredInMb", compute.maxMemoryMb());
        }
        return map;
    }

    public static Scaling scaling(InferenceComponentSpec component) {
        CopyScalingSpec scaling = component.autoScaling();
        String resource = resourceId(component.name());
        Map<String, Object> target = base(resource);
        target.put("MinCapacity", scaling.minCopies());
        target.put("MaxCapacity", scaling.maxCopies());
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("PolicyName", component.name() + "-invocations-per-copy");
        policy.putAll(base(resource));
        policy.put("PolicyType", "TargetTrackingScaling");
        Map<String, Object> tracking = new LinkedHashMap<>();
        tracking.put("TargetValue", scaling.targetInvocationsPerCopy());
        tracking.put("PredefinedMetricSpecification", Map.of("PredefinedMetricType",
                "SageMakerInferenceComponentInvocationsPerCopy"));
        tracking.put("ScaleInCooldown", scaling.scaleInCooldownSeconds());
        tracking.put("ScaleOutCooldown", scaling.scaleOutCooldownSeconds());
        policy.put("TargetTrackingScalingPolicyConfiguration", tracking);
        if (!scaling.scalesToZero()) {
            return new Scaling(component.name(), target, policy, null, null);
        }
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("PolicyName", component.name() + "-scale-out-from-zero");
        step.putAll(base(resource));
        step.put("PolicyType", "StepScaling");
        Map<String, Object> steps = new LinkedHashMap<>();
        steps.put("AdjustmentType", "ChangeInCapacity");
        steps.put("MetricAggregationType", "Maximum");
        steps.put("Cooldown", scaling.scaleOutCooldownSeconds());
        steps.put("StepAdjustments", List.of(Map.of("MetricIntervalLowerBound", 0, "ScalingAdjustment", 1)));
        step.put("StepScalingPolicyConfiguration", steps);
        Map<String, Object> alarm = new LinkedHashMap<>();
        alarm.put("AlarmName", component.name() + "-no-capacity");
        alarm.put("MetricName", "NoCapacityInvocationFailures");
        alarm.put("Namespace", "AWS/SageMaker");
        alarm.put("Statistic", "Maximum");
        alarm.put("Dimensions", List.of(Map.of("Name", "InferenceComponentName", "Value", component.name())));
        alarm.put("Period", 30);
        alarm.put("EvaluationPeriods", 1);
        alarm.put("DatapointsToAlarm", 1);
        alarm.put("Threshold", 1.0);
        alarm.put("ComparisonOperator", "GreaterThanOrEqualToThreshold");
        alarm.put("TreatMissingData", "missing");
        return new Scaling(component.name(), target, policy, step, alarm);
    }

    private static Map<String, Object> base(String resource) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ServiceNamespace", "sagemaker");
        map.put("ResourceId", resource);
        map.put("ScalableDimension", DIMENSION);
        return map;
    }
}
