package com.endpointstudio.core.invoke;

import java.time.Instant;

/**
 * An InvokeEndpointAsync call in flight: where its input went and where its result will appear.
 *
 * @param outputLocation  the s3:// URI the container's answer is written to
 * @param failureLocation the s3:// URI an error is written to instead
 */
public record AsyncInvocation(String endpointName, String inferenceId, String inputLocation, String outputLocation,
                              String failureLocation, Instant startedAt) {
}
