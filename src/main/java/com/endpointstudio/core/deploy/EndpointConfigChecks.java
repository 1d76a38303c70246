package com.endpointstudio.core.deploy;

import com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.error.Validation;
import com.endpointstudio.core.instance.InstanceStorage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The checks of the EndpointConfig: its variants, their scaling, and the endpoint-wide options. */
final class EndpointConfigChecks {

    private final FieldChecks fields;
    private final Validation v;
    /** Whether the endpoint hosts inference components (its variants then name no model). */
    private final boolean components;
    private final InferenceComponentChecks componentChecks;

    EndpointConfigChecks(FieldChecks fields) {
        this(fields, false, true);
    }

    EndpointConfigChecks(FieldChecks fields, boolean components, boolean aws) {
        this.fields = fields;
        this.v = fields.validation();
        this.components = components;
        this.componentChecks = new InferenceComponentChecks(fields, aws);
    }

    void check(EndpointConfigSpec config, Map<String, ModelSpec> models) {
        fields.text("endpointConfig.name", config.name(), true, "Endpoint config name", ModelChecks.NAME_HINT);
        int count = config.variants().size();
        fields.count("endpointConfig.variants", count, "Production variants", "variants");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < count; i++) {
            VariantSpec variant = config.variants().get(i);
            String label = "Variant " + (variant.variantName() == null || variant.variantName().isBlank()
                    ? String.valueOf(i + 1) : variant.variantName()) + ": ";
            checkVariant(variant, label, config, models);
            v.require(variant.variantName() == null || names.add(variant.variantName()), label + "Variant name",
                    "'" + variant.variantName() + "' is used by more than one variant");
        }
        boolean weightsValid = config.variants().stream().allMatch(x -> Double.isFinite(x.initialVariantWeight())
                && x.initialVariantWeight() >= 0);
        v.require(!weightsValid || count == 0 || config.variants().stream().anyMatch(x -> x.initialVariantWeight() > 0),
                "Production variants", "at least one variant needs a weight above 0, or no traffic reaches the endpoint");
        if (config.kmsKeyId() != null) {
            fields.text("endpointConfig.kmsKeyId", config.kmsKeyId(), false, "Storage KMS key",
                    FieldChecks.KMS_HINT);
            checkKmsWithInstanceStorage(config);
        } else {
            fields.covered("endpointConfig.kmsKeyId");
        }
        new EndpointOptionChecks(fields).check(config);
    }

    private void checkVariant(VariantSpec variant, String label, EndpointConfigSpec config, Map<String, ModelSpec> models) {
        fields.text("endpointConfig.variants[].variantName", variant.variantName(), true, label + "Variant name",
                ModelChecks.NAME_HINT);
        componentChecks.checkVariantOptions(variant, label, components);
        if (components || models.containsKey(variant.modelName())) {
            // the model's own name is checked with it; a variant of inference components names none
            fields.covered("endpointConfig.variants[].modelName");
        } else if (fields.text("endpointConfig.variants[].modelName", variant.modelName(), true, label + "Model",
                ModelChecks.NAME_HINT)) {
            v.require(false, label + "Model", "'" + variant.modelName() + "' is not one of the deployment's models "
                    + new java.util.TreeSet<>(models.keySet()));
        }
        if (variant.serverless() != null) {
            new ServerlessChecks(fields).check(variant, label, config, models.get(variant.modelName()));
        } else {
            fields.text("endpointConfig.variants[].instanceType", variant.instanceType(), true, label + "Instance type",
                    "use an instance type SageMaker hosts endpoints on, like ml.m5.large");
            fields.number("endpointConfig.variants[].initialInstanceCount", variant.initialInstanceCount(),
                    label + "Initial instance count");
            fields.covered("endpointConfig.variants[].serverless.memorySizeMb");
            fields.covered("endpointConfig.variants[].serverless.maxConcurrency");
            fields.covered("endpointConfig.variants[].serverless.provisionedConcurrency");
        }
        fields.number("endpointConfig.variants[].initialVariantWeight", variant.initialVariantWeight(),
                label + "Initial weight");
        if (variant.autoScaling() != null) {
            scalingErrors(fields, variant.autoScaling(), label, config.async() != null);
        } else {
            fields.covered("endpointConfig.variants[].autoScaling.minInstances");
            fields.covered("endpointConfig.variants[].autoScaling.maxInstances");
            fields.covered("endpointConfig.variants[].autoScaling.targetInvocationsPerInstance");
            fields.covered("endpointConfig.variants[].autoScaling.scaleInCooldownSeconds");
            fields.covered("endpointConfig.variants[].autoScaling.scaleOutCooldownSeconds");
        }
    }

    /**
     * CreateEndpointConfig.KmsKeyId: "If you specify a value for KmsKeyId when using any nitro-based
     * instances with local storage, the call to CreateEndpointConfig fails."
     */
    private void checkKmsWithInstanceStorage(EndpointConfigSpec config) {
        config.variants().stream().filter(variant -> InstanceStorage.hasLocalStorage(variant.instanceType()))
                .forEach(variant -> v.require(false, "Storage KMS key", variant.instanceType() + " (variant "
                        + variant.variantName() + ") keeps its volumes on local NVMe storage, which its hardware "
                        + "encrypts: SageMaker refuses a KMS key for it. Leave the key empty or choose another type"));
    }

    /** The rules of a scalable target and its target-tracking policy (RegisterScalableTarget, PutScalingPolicy). */
    static void scalingErrors(FieldChecks fields, AutoScalingSpec scaling, String label, boolean asynchronous) {
        Validation v = fields.validation();
        fields.number("endpointConfig.variants[].autoScaling.minInstances", scaling.minInstances(),
                label + "Autoscaling minimum");
        // Application Auto Scaling, RegisterScalableTarget.MinCapacity: 0 is allowed for SageMaker variants,
        // and the Developer Guide (async-inference-autoscale.html) scales asynchronous endpoints to zero.
        // A real-time variant must keep an instance to answer its requests.
        int lowest = asynchronous ? 0 : 1;
        v.require(scaling.minInstances() >= lowest, label + "Autoscaling minimum", scaling.minInstances()
                + (asynchronous ? "; it can't be negative" : "; a real-time variant keeps at least 1 instance "
                + "(only asynchronous endpoints scale to 0)"));
        fields.number("endpointConfig.variants[].autoScaling.maxInstances", scaling.maxInstances(),
                label + "Autoscaling maximum");
        v.require(scaling.maxInstances() >= Math.max(1, scaling.minInstances()), label + "Autoscaling maximum",
                scaling.maxInstances() + " is below " + (scaling.minInstances() >= 1 ? "the minimum "
                        + scaling.minInstances() : "1"));
        fields.number("endpointConfig.variants[].autoScaling.targetInvocationsPerInstance",
                scaling.targetInvocationsPerInstance(), label + "Autoscaling target");
        // TargetTrackingScalingPolicyConfiguration.TargetValue: "in the range of -2^360 to 2^360"; for
        // SageMakerVariantInvocationsPerInstance, a count of calls a minute, only values above 0 track anything.
        v.require(scaling.targetInvocationsPerInstance() > 0 && scaling.targetInvocationsPerInstance() <= 0x1p360,
                label + "Autoscaling target", "invocations per instance a minute must be above 0");
        fields.number("endpointConfig.variants[].autoScaling.scaleInCooldownSeconds", scaling.scaleInCooldownSeconds(),
                label + "Autoscaling scale-in cooldown");
        fields.number("endpointConfig.variants[].autoScaling.scaleOutCooldownSeconds",
                scaling.scaleOutCooldownSeconds(), label + "Autoscaling scale-out cooldown");
        v.require(scaling.scaleInCooldownSeconds() >= 0 && scaling.scaleOutCooldownSeconds() >= 0, label
                + "Autoscaling cooldowns", "can't be negative");
    }
}
