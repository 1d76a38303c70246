package com.endpointstudio.core.hosting;

/** Everything the studio needs from one place that hosts endpoints (an AWS account, or this computer). */
public record Hosting(ModelDataStore modelData, SageMakerControl control, EndpointLogs logs, ExecutionRoles roles,
                      EndpointRuntime runtime) {

    /** The same host with its runtime (Local's runtime is composed by the application). */
    public Hosting withRuntime(EndpointRuntime endpointRuntime) {
        return new Hosting(modelData, control, logs, roles, endpointRuntime);
    }
}
