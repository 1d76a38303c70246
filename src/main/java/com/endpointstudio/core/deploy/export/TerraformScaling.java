package com.endpointstudio.core.deploy.export;

import java.util.Map;

/** A variant's autoscaling as aws_appautoscaling_target and aws_appautoscaling_policy. */
final class TerraformScaling {

    private TerraformScaling() {
    }

    static void write(Hcl hcl, ExportPlan.Scaling scaling, int number, int count) {
        String suffix = count == 1 ? "" : "_" + number;
        String target = "variant" + suffix;
        Map<String, Object> register = scaling.registerScalableTarget();
        String variant = String.valueOf(register.get("ResourceId")).replaceAll(".*/variant/", "");
        hcl.line("resource \"aws_appautoscaling_target\" " + Hcl.string(target) + " {").open()
                .line("service_namespace  = \"sagemaker\"")
                .line("resource_id        = \"endpoint/${aws_sagemaker_endpoint.endpoint.name}/variant/"
                        + Hcl.escape(variant) + "\"")
                .line("scalable_dimension = " + Hcl.string(String.valueOf(register.get("ScalableDimension"))))
                .line("min_capacity       = " + register.get("MinCapacity"))
                .line("max_capacity       = " + register.get("MaxCapacity"))
                .close("}").blank();
        Map<String, Object> policy = scaling.putScalingPolicy();
        Map<?, ?> tracking = (Map<?, ?>) policy.get("TargetTrackingScalingPolicyConfiguration");
        Map<?, ?> metric = (Map<?, ?>) tracking.get("PredefinedMetricSpecification");
        String ref = "aws_appautoscaling_target." + target;
        hcl.line("resource \"aws_appautoscaling_policy\" " + Hcl.string(target) + " {").open()
                .line("name               = " + Hcl.string(String.valueOf(policy.get("PolicyName"))))
                .line("policy_type        = " + Hcl.string(String.valueOf(policy.get("PolicyType"))))
                .line("service_namespace  = " + ref + ".service_namespace")
                .line("resource_id        = " + ref + ".resource_id")
                .line("scalable_dimension = " + ref + ".scalable_dimension")
                .line("target_tracking_scaling_policy_configuration {").open()
                .line("target_value       = " + tracking.get("TargetValue"))
                .line("scale_in_cooldown  = " + tracking.get("ScaleInCooldown"))
                .line("scale_out_cooldown = " + tracking.get("ScaleOutCooldown"))
                .line("predefined_metric_specification {").open()
                .line("predefined_metric_type = " + Hcl.string(String.valueOf(metric.get("PredefinedMetricType"))))
                .close("}").close("}").close("}").blank();
    }
}
