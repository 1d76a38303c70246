package com.endpointstudio.core.hosting;

import com.endpointstudio.core.transform.TransformJobDescription;
import com.endpointstudio.core.transform.TransformJobSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Batch transform jobs as a host runs them: SageMaker's on AWS, the local agent on this computer. */
public interface BatchTransforms {

    /**
     * CreateTransformJob. The Model must exist and the input be where the host reads it (S3 on AWS).
     * Returns the job's ARN; the job runs on.
     */
    String create(TransformJobSpec job, Map<String, String> tags);

    /** DescribeTransformJob; empty when there is no such job. */
    Optional<TransformJobDescription> describe(String jobName);

    /** ListTransformJobs, newest first (paginated). */
    List<TransformJobDescription> list();

    /** StopTransformJob: the job goes to Stopping, then Stopped; false when it had already ended. */
    boolean stop(String jobName);

    /** The job's log lines since the last call (CloudWatch Logs on AWS). */
    EndpointLogs.LogBatch logs(String jobName, String since);

    /** The objects (or files) under a job's output location, by their key below it. */
    List<OutputObject> outputs(String outputLocation);

    /** The first {@code maxBytes} of one output, to show it. */
    byte[] read(String location, int maxBytes);

    /** How far a running job has got, where the host can tell (this computer can; SageMaker does not say). */
    default Optional<com.endpointstudio.core.transform.TransformAgent.Progress> progress(String jobName) {
        return Optional.empty();
    }

    /**
     * @param location the object's URI (s3://…) or path
     * @param name     its key below the output location
     */
    record OutputObject(String location, String name, long size, Instant modified) {
    }
}
