package com.endpointstudio.core.hosting;

/** Everything the studio needs from one place that hosts endpoints (an AWS account, or this computer). */
public record Hosting(ModelDataStore modelData, SageMakerControl control, EndpointLogs logs, ExecutionRoles roles,
                      EndpointRuntime runtime, MetricsSource metrics, EndpointInventory inventory) {

    /** The same host with its runtime and metrics (Local's are composed by the application). */
    public Hosting with(EndpointRuntime endpointRuntime, MetricsSource metricsSource) {
        return new Hosting(modelData, control, logs, roles, endpointRuntime, metricsSource, inventory);
    }
}
