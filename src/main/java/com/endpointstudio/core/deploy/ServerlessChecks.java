package com.endpointstudio.core.deploy;

import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.error.Validation;

/**
 * A serverless variant: its ServerlessConfig members, and what serverless endpoints don't support.
 * The Developer Guide (serverless-endpoints.html, "Feature exclusions") lists GPUs, AWS Marketplace
 * model packages, private Docker registries, multi-model endpoints, VPC configuration, network
 * isolation, data capture, multiple production variants, Model Monitor and inference pipelines; the
 * ones a spec can express are refused here, with asynchronous inference, which takes instances
 * (async-inference.html).
 */
final class ServerlessChecks {

    private final FieldChecks fields;
    private final Validation v;

    ServerlessChecks(FieldChecks fields) {
        this.fields = fields;
        this.v = fields.validation();
    }

    void check(VariantSpec variant, String label, EndpointConfigSpec config, ModelSpec model) {
        var serverless = variant.serverless();
        int memory = serverless.memorySizeMb();
        fields.number("endpointConfig.variants[].serverless.memorySizeMb", memory, label + "Serverless memory");
        // ProductionVariantServerlessConfig.MemorySizeInMB: "in 1 GB increments: 1024 MB, 2048 MB, … 6144 MB".
        v.require(memory % 1024 == 0, label + "Serverless memory",
                memory + " MB; use 1024, 2048, 3072, 4096, 5120 or 6144 MB");
        fields.number("endpointConfig.variants[].serverless.maxConcurrency", serverless.maxConcurrency(),
                label + "Serverless max concurrency");
        Integer provisioned = serverless.provisionedConcurrency();
        if (provisioned != null) {
            fields.number("endpointConfig.variants[].serverless.provisionedConcurrency", provisioned,
                    label + "Provisioned concurrency");
            // ProvisionedConcurrency: "Should be less than or equal to MaxConcurrency."
            v.require(provisioned <= serverless.maxConcurrency(), label + "Provisioned concurrency", provisioned
                    + " is above the max concurrency (" + serverless.maxConcurrency() + ")");
        } else {
            fields.covered("endpointConfig.variants[].serverless.provisionedConcurrency");
        }
        fields.covered("endpointConfig.variants[].instanceType");
        fields.covered("endpointConfig.variants[].initialInstanceCount");
        v.require(variant.instanceType() == null || variant.instanceType().isEmpty(), label + "Instance type",
                "a serverless variant has no instance type (and no GPU): SageMaker sizes it from the memory");
        v.require(variant.autoScaling() == null, label + "Autoscaling",
                "serverless variants scale by themselves; autoscaling applies to instance-backed variants");
        v.require(config.variants().size() == 1, label + "Serverless",
                "a serverless endpoint has one production variant; remove the others or use instances");
        v.require(config.async() == null, "Asynchronous inference",
                "serverless endpoints can't be asynchronous; use instances for asynchronous inference");
        v.require(config.dataCapture() == null, "Data capture", "serverless endpoints don't support data capture");
        if (model == null) {
            return;
        }
        v.require(model.containers().stream().noneMatch(c -> "MultiModel".equals(c.mode())), label + "Serverless",
                "multi-model endpoints can't be serverless");
        v.require(model.containers().size() <= 1, label + "Serverless",
                "inference pipelines and multi-container models can't be serverless");
        v.require(model.vpc() == null, label + "Serverless", "serverless endpoints can't run in a VPC; remove the "
                + "VPC settings of model " + model.name() + " or use instances");
        v.require(!model.networkIsolation(), label + "Serverless", "serverless endpoints don't support network "
                + "isolation; turn it off for model " + model.name() + " or use instances");
    }
}
