package com.endpointstudio.core.hosting;

/**
 * Everything the studio needs from one place that hosts endpoints (an AWS account, or this computer).
 *
 * @param transforms      batch transform jobs, or null where the host runs none
 * @param recommendations AWS's Inference Recommender, or null where the host has none
 */
public record Hosting(ModelDataStore modelData, SageMakerControl control, EndpointLogs logs, ExecutionRoles roles,
                      EndpointRuntime runtime, MetricsSource metrics, EndpointInventory inventory,
                      BatchTransforms transforms, InferenceRecommendations recommendations) {

    public Hosting(ModelDataStore modelData, SageMakerControl control, EndpointLogs logs, ExecutionRoles roles,
                   EndpointRuntime runtime, MetricsSource metrics, EndpointInventory inventory,
                   BatchTransforms transforms) {
        this(modelData, control, logs, roles, runtime, metrics, inventory, transforms, null);
    }

    public Hosting(ModelDataStore modelData, SageMakerControl control, EndpointLogs logs, ExecutionRoles roles,
                   EndpointRuntime runtime, MetricsSource metrics, EndpointInventory inventory) {
        this(modelData, control, logs, roles, runtime, metrics, inventory, null, null);
    }

    /** The same host with its runtime and metrics (Local's are composed by the application). */
    public Hosting with(EndpointRuntime endpointRuntime, MetricsSource metricsSource) {
        return new Hosting(modelData, control, logs, roles, endpointRuntime, metricsSource, inventory, transforms,
                recommendations);
    }

    /** The same host with its batch transforms. */
    public Hosting with(BatchTransforms batchTransforms) {
        return new Hosting(modelData, control, logs, roles, runtime, metrics, inventory, batchTransforms,
                recommendations);
    }

    /** The same host with AWS's Inference Recommender. */
    public Hosting with(InferenceRecommendations inferenceRecommendations) {
        return new Hosting(modelData, control, logs, roles, runtime, metrics, inventory, transforms,
                inferenceRecommendations);
    }
}
