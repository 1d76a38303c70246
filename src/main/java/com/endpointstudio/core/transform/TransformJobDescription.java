package com.endpointstudio.core.transform;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * A transform job as DescribeTransformJob (or ListTransformJobs, without the job's settings) tells it.
 *
 * @param status     InProgress, Completed, Failed, Stopping or Stopped
 * @param startedAt  TransformStartTime: billing starts here, or null
 * @param endedAt    TransformEndTime: billing ends here, or null while it runs
 * @param job        the job's settings as read back, or null in a listing
 */
public record TransformJobDescription(String name, String arn, String status, String failureReason, Instant createdAt,
                                      Instant startedAt, Instant endedAt, TransformJobSpec job) {

    public static final String IN_PROGRESS = "InProgress";
    public static final String COMPLETED = "Completed";
    public static final String FAILED = "Failed";
    public static final String STOPPING = "Stopping";
    public static final String STOPPED = "Stopped";
    private static final Set<String> FINAL = Set.of(COMPLETED, FAILED, STOPPED);

    public boolean finished() {
        return FINAL.contains(status);
    }

    public boolean completed() {
        return COMPLETED.equals(status);
    }

    /** The billed time, TransformStartTime to TransformEndTime; null until both are known. */
    public Duration billed() {
        return startedAt == null || endedAt == null ? null : Duration.between(startedAt, endedAt);
    }
}
