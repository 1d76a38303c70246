package com.endpointstudio.core.deploy.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Terraform export's inference components. The AWS provider has no resource for them, so each
 * is a {@code terraform_data} whose provisioners run the AWS CLI: create-inference-component with
 * the request the studio sends (then wait until it is InService), delete-inference-component on
 * destroy. The copies' autoscaling is {@code aws_appautoscaling_target} and {@code
 * aws_appautoscaling_policy}, and scaling to zero also the step policy and the {@code
 * aws_cloudwatch_metric_alarm} on NoCapacityInvocationFailures.
 */
final class TerraformComponents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATE = """
            aws sagemaker create-inference-component --cli-input-json "$REQUEST" >/dev/null
            while true; do
              status="$(aws sagemaker describe-inference-component --inference-component-name "$NAME" --query InferenceComponentStatus --output text)"
              case "$status" in InService) break ;; Failed) echo "Inference component $NAME failed" >&2; exit 1 ;; esac
              sleep 10
            done""";

    private final Hcl hcl;
    private final Map<String, String> modelLabels;

    TerraformComponents(Hcl hcl, Map<String, String> modelLabels) {
        this.hcl = hcl;
        this.modelLabels = modelLabels;
    }

    void write(ExportPlan plan) {
        if (plan.createInferenceComponents().isEmpty()) {
            return;
        }
        hcl.line("# The AWS provider has no inference component resource: the AWS CLI creates each one once the")
                .line("# endpoint is InService (waiting until the component is too) and deletes it on destroy.");
        for (Map<String, Object> request : plan.createInferenceComponents()) {
            String name = (String) request.get("InferenceComponentName");
            String label = label(name);
            String model = (String) ((Map<?, ?>) request.get("Specification")).get("ModelName");
            hcl.line("resource \"terraform_data\" " + Hcl.string(label) + " {").open()
                    .line("input = {").open()
                    .line("name    = " + Hcl.string(name))
                    .line("request = " + Hcl.string(json(request)))
                    .close("}")
                    .line("depends_on = [aws_sagemaker_endpoint.endpoint, aws_sagemaker_model."
                            + modelLabels.get(model) + "]")
                    .line("provisioner \"local-exec\" {").open()
                    .line("command = <<-EOT").raw(CREATE).line("EOT")
                    .line("environment = {").open()
                    .line("NAME    = self.input.name")
                    .line("REQUEST = self.input.request")
                    .close("}")
                    .close("}")
                    .line("provisioner \"local-exec\" {").open()
                    .line("when    = destroy")
                    .line("command = \"aws sagemaker delete-inference-component --inference-component-name "
                            + "\\\"$NAME\\\"\"")
                    .line("environment = {").open()
                    .line("NAME = self.output.name")
                    .close("}")
                    .close("}")
                    .close("}").blank();
            plan.componentScaling().stream().filter(s -> s.component().equals(name)).findFirst()
                    .ifPresent(scaling -> scaling(label, scaling));
        }
    }

    private void scaling(String component, ComponentRequests.Scaling scaling) {
        Map<String, Object> register = scaling.registerScalableTarget();
        String target = "aws_appautoscaling_target." + component;
        hcl.line("resource \"aws_appautoscaling_target\" " + Hcl.string(component) + " {").open()
                .line("service_namespace  = \"sagemaker\"")
                .line("resource_id        = \"inference-component/${terraform_data." + component + ".output.name}\"")
                .line("scalable_dimension = " + Hcl.string(ComponentRequests.DIMENSION))
                .line("min_capacity       = " + register.get("MinCapacity"))
                .line("max_capacity       = " + register.get("MaxCapacity"))
                .close("}").blank();
        Map<String, Object> policy = scaling.putScalingPolicy();
        Map<?, ?> tracking = (Map<?, ?>) policy.get("TargetTrackingScalingPolicyConfiguration");
        head("aws_appautoscaling_policy", component, policy, target)
                .line("target_tracking_scaling_policy_configuration {").open()
                .line("target_value       = " + tracking.get("TargetValue"))
                .line("scale_in_cooldown  = " + tracking.get("ScaleInCooldown"))
                .line("scale_out_cooldown = " + tracking.get("ScaleOutCooldown"))
                .line("predefined_metric_specification {").open()
                .line("predefined_metric_type = " + Hcl.string(String.valueOf(((Map<?, ?>) tracking
                        .get("PredefinedMetricSpecification")).get("PredefinedMetricType"))))
                .close("}").close("}").close("}").blank();
        if (scaling.scaleOutFromZero() == null) {
            return;
        }
        Map<?, ?> steps = (Map<?, ?>) scaling.scaleOutFromZero().get("StepScalingPolicyConfiguration");
        Map<?, ?> step = (Map<?, ?>) ((List<?>) steps.get("StepAdjustments")).get(0);
        String stepLabel = component + "_from_zero";
        head("aws_appautoscaling_policy", stepLabel, scaling.scaleOutFromZero(), target)
                .line("step_scaling_policy_configuration {").open()
                .line("adjustment_type         = " + Hcl.string(String.valueOf(steps.get("AdjustmentType"))))
                .line("metric_aggregation_type = " + Hcl.string(String.valueOf(steps.get("MetricAggregationType"))))
                .line("cooldown                = " + steps.get("Cooldown"))
                .line("step_adjustment {").open()
                .line("metric_interval_lower_bound = " + Hcl.string(String.valueOf(step.get("MetricIntervalLowerBound"))))
                .line("scaling_adjustment          = " + step.get("ScalingAdjustment"))
                .close("}").close("}").close("}").blank();
        Map<String, Object> alarm = scaling.noCapacityAlarm();
        hcl.line("resource \"aws_cloudwatch_metric_alarm\" " + Hcl.string(component + "_no_capacity") + " {").open()
                .line("alarm_name          = " + Hcl.string(String.valueOf(alarm.get("AlarmName"))))
                .line("alarm_actions       = [aws_appautoscaling_policy." + stepLabel + ".arn]")
                .line("metric_name         = " + Hcl.string(String.valueOf(alarm.get("MetricName"))))
                .line("namespace           = " + Hcl.string(String.valueOf(alarm.get("Namespace"))))
                .line("statistic           = " + Hcl.string(String.valueOf(alarm.get("Statistic"))))
                .line("period              = " + alarm.get("Period"))
                .line("evaluation_periods  = " + alarm.get("EvaluationPeriods"))
                .line("datapoints_to_alarm = " + alarm.get("DatapointsToAlarm"))
                .line("threshold           = " + alarm.get("Threshold"))
                .line("comparison_operator = " + Hcl.string(String.valueOf(alarm.get("ComparisonOperator"))))
                .line("treat_missing_data  = " + Hcl.string(String.valueOf(alarm.get("TreatMissingData"))))
                .line("dimensions = {").open()
                .line("InferenceComponentName = terraform_data." + component + ".output.name")
                .close("}").close("}").blank();
    }

    private Hcl head(String type, String label, Map<String, Object> policy, String target) {
        return hcl.line("resource " + Hcl.string(type) + " " + Hcl.string(label) + " {").open()
                .line("name               = " + Hcl.string(String.valueOf(policy.get("PolicyName"))))
                .line("policy_type        = " + Hcl.string(String.valueOf(policy.get("PolicyType"))))
                .line("service_namespace  = " + target + ".service_namespace")
                .line("resource_id        = " + target + ".resource_id")
                .line("scalable_dimension = " + target + ".scalable_dimension");
    }

    private static String label(String name) {
        return "inference_component_" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    private static String json(Map<String, Object> request) {
        try {
            return JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request map is always serialisable", e);
        }
    }
}
