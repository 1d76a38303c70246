package com.endpointstudio.core.deploy;

import com.endpointstudio.core.deploy.DeploymentSpec.ComputeSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.CopyScalingSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.InferenceComponentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.error.Validation;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The checks of an endpoint that hosts its models as inference components: its EndpointConfig
 * (variants without a model, the execution role, managed instance scaling) and each component
 * (CreateInferenceComponent's members, the variant and Model it names, its copies and their scaling).
 */
final class InferenceComponentChecks {

    private static final String NAME_HINT = "1 to 63 letters, digits and hyphens, starting and ending with a letter "
            + "or digit";

    private final FieldChecks fields;
    private final Validation v;
    private final boolean aws;

    InferenceComponentChecks(FieldChecks fields, boolean aws) {
        this.fields = fields;
        this.v = fields.validation();
        this.aws = aws;
    }

    /** The options of variants that only endpoints of inference components have (and those shared by all). */
    void checkVariantOptions(VariantSpec variant, String label, boolean components) {
        if (variant.managedScaling() != null) {
            v.require(components, label + "Managed instance scaling", "applies to endpoints of inference components, "
                    + "whose instances SageMaker adds as their copies need them");
            fields.number("endpointConfig.variants[].managedScaling.minInstances", variant.managedScaling().minInstances(),
                    label + "Managed scaling minimum");
            fields.number("endpointConfig.variants[].managedScaling.maxInstances", variant.managedScaling().maxInstances(),
                    label + "Managed scaling maximum");
            v.require(variant.managedScaling().maxInstances() >= variant.managedScaling().minInstances(),
                    label + "Managed scaling maximum", variant.managedScaling().maxInstances() + " is below the minimum "
                            + variant.managedScaling().minInstances());
        } else {
            fields.covered("endpointConfig.variants[].managedScaling.minInstances");
            fields.covered("endpointConfig.variants[].managedScaling.maxInstances");
        }
        if (variant.routingStrategy() != null) {
            fields.text("endpointConfig.variants[].routingStrategy", variant.routingStrategy(), true,
                    label + "Routing strategy", "use LEAST_OUTSTANDING_REQUESTS or RANDOM");
        } else {
            fields.covered("endpointConfig.variants[].routingStrategy");
        }
    }

    /** The EndpointConfig of an endpoint of inference components, and each component. */
    void check(DeploymentSpec spec, Map<String, ModelSpec> models) {
        EndpointConfigSpec config = spec.endpointConfig();
        if (config != null) {
            // CreateEndpointConfig.ExecutionRoleArn: the role SageMaker assumes to host inference components
            fields.text("endpointConfig.executionRoleArn", config.executionRoleArn(), aws,
                    "Endpoint execution role ARN", "use the ARN of an IAM role, like "
                            + "arn:aws:iam::123456789012:role/SageMakerExecution");
            v.require(config.async() == null, "Hosting", "inference components are hosted on real-time endpoints; "
                    + "an asynchronous endpoint takes no components");
            for (VariantSpec variant : config.variants()) {
                String label = "Variant " + variant.variantName() + ": ";
                v.require(variant.modelName() == null, label + "Model", "a variant of inference components names no "
                        + "model: each component names the model it hosts");
                v.require(variant.serverless() == null, label + "Serverless", "inference components run on instances; "
                        + "a serverless variant takes none");
                v.require(variant.autoScaling() == null, label + "Autoscaling", "the instances of a variant of "
                        + "inference components follow its managed instance scaling; scale the components' copies");
            }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.inferenceComponents().size(); i++) {
            InferenceComponentSpec component = spec.inferenceComponents().get(i);
            String label = "Inference component " + (component.name() == null || component.name().isBlank()
                    ? String.valueOf(i + 1) : component.name()) + ": ";
            checkComponent(component, label, config, models);
            v.require(component.name() == null || names.add(component.name()), label + "Name", "'" + component.name()
                    + "' is used by more than one component");
        }
    }

    private void checkComponent(InferenceComponentSpec component, String label, EndpointConfigSpec config,
                                Map<String, ModelSpec> models) {
        fields.text("inferenceComponents[].name", component.name(), true, label + "Name", NAME_HINT);
        if (fields.text("inferenceComponents[].variantName", component.variantName(), true, label + "Variant", NAME_HINT)
                && config != null) {
            VariantSpec variant = config.variants().stream().filter(x -> x.variantName().equals(component.variantName()))
                    .findFirst().orElse(null);
            v.require(variant != null, label + "Variant", "'" + component.variantName() + "' is not a variant of the "
                    + "endpoint config");
            if (variant != null && component.autoScaling() != null && component.autoScaling().scalesToZero()) {
                // Scaling an endpoint down to zero instances (Developer Guide, endpoint-auto-scaling-zero-instances):
                // the copies scale to 0 and managed instance scaling, with a minimum of 0, removes the instances.
                v.require(variant.managedScaling() != null && variant.managedScaling().minInstances() == 0,
                        label + "Autoscaling minimum", "copies scale to zero on a variant whose managed instance "
                                + "scaling has a minimum of 0 instances; set it on variant " + variant.variantName());
            }
        }
        if (fields.text("inferenceComponents[].modelName", component.modelName(), true, label + "Model", NAME_HINT)) {
            ModelSpec model = models.get(component.modelName());
            v.require(model != null, label + "Model", "'" + component.modelName() + "' is not one of the deployment's "
                    + "models " + new java.util.TreeSet<>(models.keySet()));
            if (model != null) {
                v.require(model.containers().size() == 1 && model.containers().stream()
                        .noneMatch(c -> "MultiModel".equals(c.mode())), label + "Model", "an inference component hosts "
                        + "a model of one single-model container");
            }
        }
        checkCompute(component.compute(), label);
        fields.number("inferenceComponents[].copyCount", component.copyCount(), label + "Copies");
        CopyScalingSpec scaling = component.autoScaling();
        v.require(component.copyCount() >= 1 || scaling != null && scaling.scalesToZero(), label + "Copies",
                "0 copies serve nothing: start with at least 1, unless its autoscaling scales to zero");
        if (scaling != null) {
            fields.number("inferenceComponents[].autoScaling.minCopies", scaling.minCopies(), label + "Autoscaling minimum");
            fields.number("inferenceComponents[].autoScaling.maxCopies", scaling.maxCopies(), label + "Autoscaling maximum");
            v.require(scaling.minCopies() >= 0, label + "Autoscaling minimum", "can't be negative");
            v.require(scaling.maxCopies() >= Math.max(1, scaling.minCopies()), label + "Autoscaling maximum",
                    scaling.maxCopies() + " is below " + Math.max(1, scaling.minCopies()));
            fields.number("inferenceComponents[].autoScaling.targetInvocationsPerCopy",
                    scaling.targetInvocationsPerCopy(), label + "Autoscaling target");
            v.require(scaling.targetInvocationsPerCopy() > 0, label + "Autoscaling target",
                    "invocations per copy a minute must be above 0");
            fields.number("inferenceComponents[].autoScaling.scaleInCooldownSeconds", scaling.scaleInCooldownSeconds(),
                    label + "Autoscaling scale-in cooldown");
            fields.number("inferenceComponents[].autoScaling.scaleOutCooldownSeconds",
                    scaling.scaleOutCooldownSeconds(), label + "Autoscaling scale-out cooldown");
            v.require(scaling.scaleInCooldownSeconds() >= 0 && scaling.scaleOutCooldownSeconds() >= 0,
                    label + "Autoscaling cooldowns", "can't be negative");
        } else {
            for (String field : new String[] {"minCopies", "maxCopies", "targetInvocationsPerCopy",
                    "scaleInCooldownSeconds", "scaleOutCooldownSeconds"}) {
                fields.covered("inferenceComponents[].autoScaling." + field);
            }
        }
    }

    private void checkCompute(ComputeSpec compute, String label) {
        if (compute == null) {
            v.require(false, label + "Compute", "is required: the memory (and CPU cores or accelerators) one copy needs");
            for (String field : new String[] {"cpuCores", "acceleratorDevices", "minMemoryMb", "maxMemoryMb"}) {
                fields.covered("inferenceComponents[].compute." + field);
            }
            return;
        }
        if (compute.cpuCores() != null) {
            fields.number("inferenceComponents[].compute.cpuCores", compute.cpuCores(), label + "CPU cores");
        } else {
            fields.covered("inferenceComponents[].compute.cpuCores");
        }
        if (compute.acceleratorDevices() != null) {
            fields.number("inferenceComponents[].compute.acceleratorDevices", compute.acceleratorDevices(),
                    label + "Accelerators");
        } else {
            fields.covered("inferenceComponents[].compute.acceleratorDevices");
        }
        fields.number("inferenceComponents[].compute.minMemoryMb", compute.minMemoryMb(), label + "Minimum memory");
        if (compute.maxMemoryMb() != null) {
            fields.number("inferenceComponents[].compute.maxMemoryMb", compute.maxMemoryMb(), label + "Maximum memory");
            v.require(compute.maxMemoryMb() >= compute.minMemoryMb(), label + "Maximum memory", compute.maxMemoryMb()
                    + " MB is below the minimum " + compute.minMemoryMb() + " MB");
        } else {
            fields.covered("inferenceComponents[].compute.maxMemoryMb");
        }
    }
}
