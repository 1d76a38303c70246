package com.endpointstudio.core.hosting;

/** Everything the studio needs from one place that hosts endpoints (an AWS account, or this computer). */
public record Hosting(ModelDataStore modelData, SageMakerControl control, EndpointLogs logs, ExecutionRoles roles) {
}
