package com.endpointstudio.hosting.local;

/**
 * A local endpoint as the screens show it, in SageMaker's vocabulary.
 *
 * @param status        Creating, InService, Failed or OutOfService (stopped)
 * @param failureReason why it failed, when it did
 */
public record LocalEndpointStatus(LocalEndpointRecord record, String status, String failureReason) {
}
