package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.deploy.StudioTags;
import com.endpointstudio.core.hosting.BatchTransforms;
import com.endpointstudio.core.hosting.EndpointLogs.LogBatch;
import com.endpointstudio.core.transform.TransformJobDescription;
import com.endpointstudio.core.transform.TransformJobSpec;
import com.endpointstudio.core.transform.TransformJobSpec.DataProcessingSpec;
import com.endpointstudio.core.transform.TransformJobSpec.InputSpec;
import com.endpointstudio.core.transform.TransformJobSpec.ModelClientSpec;
import com.endpointstudio.core.transform.TransformJobSpec.OutputSpec;
import com.endpointstudio.core.transform.TransformJobSpec.ResourcesSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateTransformJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TransformJobSummary;

/**
 * Batch transform over the AWS SDK: CreateTransformJob, DescribeTransformJob (with the job's tags),
 * ListTransformJobs, StopTransformJob, the job's CloudWatch logs (group /aws/sagemaker/TransformJobs,
 * one stream per instance named after the job) and its output objects in S3.
 */
final class AwsBatchTransforms implements BatchTransforms {

    static final String LOG_GROUP = "/aws/sagemaker/TransformJobs";

    private final AwsSession session;
    private final SageMakerClient sagemaker;
    private volatile CloudWatchLogsClient logs;

    AwsBatchTransforms(AwsSession session) {
        this.session = session;
        this.sagemaker = session.client(SageMakerClient.builder());
    }

    @Override
    public String create(TransformJobSpec job, Map<String, String> tags) {
        return call("CreateTransformJob " + job.jobName(), () -> sagemaker.createTransformJob(request(job, tags))
                .transformJobArn());
    }

    /** The request, member by member as the exported scripts write it: unset options are left out. */
    static CreateTransformJobRequest request(TransformJobSpec job, Map<String, String> tags) {
        InputSpec input = job.input();
        OutputSpec output = job.output();
        ResourcesSpec resources = job.resources();
        CreateTransformJobRequest.Builder request = CreateTransformJobRequest.builder()
                .transformJobName(job.jobName())
                .modelName(job.modelName())
                .transformInput(in -> in.dataSource(d -> d.s3DataSource(s -> s.s3DataType(input.dataType() == null
                                ? TransformJobSpec.S3_PREFIX : input.dataType()).s3Uri(input.location())))
                        .contentType(input.contentType()).compressionType(input.compressionType())
                        .splitType(input.splitType()))
                .transformOutput(out -> out.s3OutputPath(output.location()).accept(output.accept())
                        .assembleWith(output.assembleWith()).kmsKeyId(output.kmsKeyId()))
                .transformResources(r -> r.instanceType(resources.instanceType())
                        .instanceCount(resources.instanceCount()).volumeKmsKeyId(resources.volumeKmsKeyId()))
                .batchStrategy(job.batchStrategy())
                .maxPayloadInMB(job.maxPayloadInMB())
                .maxConcurrentTransforms(job.maxConcurrentTransforms())
                .tags(tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                        .toList());
        if (!job.environment().isEmpty()) {
            request.environment(job.environment());
        }
        DataProcessingSpec processing = job.dataProcessing();
        if (processing != null) {
            request.dataProcessing(p -> p.inputFilter(processing.inputFilter()).joinSource(processing.joinSource())
                    .outputFilter(processing.outputFilter()));
        }
        ModelClientSpec client = job.modelClient();
        if (client != null) {
            request.modelClientConfig(c -> c.invocationsTimeoutInSeconds(client.invocationsTimeoutSeconds())
                    .invocationsMaxRetries(client.invocationsMaxRetries()));
        }
        return request.build();
    }

    @Override
    public Optional<TransformJobDescription> describe(String jobName) {
        DescribeTransformJobResponse r;
        try {
            r = sagemaker.describeTransformJob(b -> b.transformJobName(jobName));
        } catch (SageMakerException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw translate(e, "DescribeTransformJob " + jobName);
        } catch (RuntimeException e) {
            throw translate(e, "DescribeTransformJob " + jobName);
        }
        Map<String, String> tags = call("ListTags " + r.transformJobArn(), () -> {
            Map<String, String> user = new LinkedHashMap<>();
            sagemaker.listTagsPaginator(b -> b.resourceArn(r.transformJobArn())).tags().forEach(tag -> {
                if (!tag.key().startsWith(StudioTags.PREFIX)) {
                    user.put(tag.key(), tag.value());
                }
            });
            return user;
        });
        return Optional.of(new TransformJobDescription(r.transformJobName(), r.transformJobArn(),
                r.transformJobStatusAsString(), blankToNull(r.failureReason()), r.creationTime(),
                r.transformStartTime(), r.transformEndTime(), spec(r, tags)));
    }

    /** The job as SageMaker read it back. */
    private static TransformJobSpec spec(DescribeTransformJobResponse r, Map<String, String> tags) {
        var in = r.transformInput();
        var source = in.dataSource().s3DataSource();
        var out = r.transformOutput();
        var resources = r.transformResources();
        var processing = r.dataProcessing();
        var client = r.modelClientConfig();
        return new TransformJobSpec(r.transformJobName(), r.modelName(),
                new InputSpec(source.s3Uri(), source.s3DataTypeAsString(), in.contentType(),
                        in.compressionTypeAsString(), in.splitTypeAsString()),
                r.batchStrategyAsString(), r.maxPayloadInMB(), r.maxConcurrentTransforms(),
                out == null ? null : new OutputSpec(out.s3OutputPath(), out.accept(), out.assembleWithAsString(),
                        out.kmsKeyId()),
                processing == null ? null : new DataProcessingSpec(processing.inputFilter(),
                        processing.joinSourceAsString(), processing.outputFilter()),
                new ResourcesSpec(resources.instanceTypeAsString(), resources.instanceCount(),
                        resources.volumeKmsKeyId()),
                r.hasEnvironment() ? r.environment() : Map.of(),
                client == null ? null : new ModelClientSpec(client.invocationsTimeoutInSeconds(),
                        client.invocationsMaxRetries()),
                tags);
    }

    @Override
    public List<TransformJobDescription> list() {
        return call("ListTransformJobs", () -> {
            List<TransformJobDescription> all = new ArrayList<>();
            for (TransformJobSummary s : sagemaker.listTransformJobsPaginator(b -> b.maxResults(100)
                    .sortBy("CreationTime").sortOrder("Descending")).transformJobSummaries()) {
                all.add(new TransformJobDescription(s.transformJobName(), s.transformJobArn(),
                        s.transformJobStatusAsString(), blankToNull(s.failureReason()), s.creationTime(), null,
                        s.transformEndTime(), null));
            }
            all.sort(java.util.Comparator.comparing(TransformJobDescription::createdAt,
                    java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder())));
            return all;
        });
    }

    @Override
    public boolean stop(String jobName) {
        try {
            sagemaker.stopTransformJob(b -> b.transformJobName(jobName));
            return true;
        } catch (SageMakerException e) {
            if (isNotFound(e)) {
                return false;
            }
            throw translate(e, "StopTransformJob " + jobName);
        } catch (RuntimeException e) {
            throw translate(e, "StopTransformJob " + jobName);
        }
    }

    /** The token is the timestamp (ms) after which lines are new; every stream of the job is read. */
    @Override
    public LogBatch logs(String jobName, String since) {
        long after = since == null ? 0 : Long.parseLong(since);
        List<String> lines = new ArrayList<>();
        long newest = after;
        try {
            String next = null;
            do {
                String token = next;
                FilterLogEventsResponse page = logs().filterLogEvents(r -> r.logGroupName(LOG_GROUP)
                        .logStreamNamePrefix(jobName + "/").startTime(after + 1).nextToken(token).limit(1000));
                for (var event : page.events()) {
                    if (event.logStreamName() == null || event.logStreamName().startsWith(jobName + "/")) {
                        lines.add(event.message());
                        newest = Math.max(newest, event.timestamp());
                    }
                }
                next = page.nextToken();
            } while (next != null && lines.size() < 5000);
        } catch (ResourceNotFoundException e) {
            return new LogBatch(List.of(), since); // no instance has written yet
        } catch (RuntimeException e) {
            throw AwsErrors.translate(e, session.connection(), "Reading the logs of " + jobName,
                    session.endpointFor("logs"));
        }
        return new LogBatch(lines, Long.toString(newest));
    }

    private CloudWatchLogsClient logs() {
        if (logs == null) {
            synchronized (this) {
                if (logs == null) {
                    logs = session.client(CloudWatchLogsClient.builder());
                    session.closeWith(logs);
                }
            }
        }
        return logs;
    }

    @Override
    public List<OutputObject> outputs(String outputLocation) {
        S3Uri uri = S3Uri.parse(outputLocation, "Output location");
        String prefix = uri.key().isEmpty() || uri.key().endsWith("/") ? uri.key() : uri.key() + "/";
        try {
            List<OutputObject> objects = new ArrayList<>();
            session.s3().listObjectsV2Paginator(b -> b.bucket(uri.bucket()).prefix(prefix)).contents()
                    .forEach(object -> {
                        if (!object.key().endsWith("/")) {
                            objects.add(new OutputObject("s3://" + uri.bucket() + "/" + object.key(),
                                    object.key().substring(prefix.length()), object.size(), object.lastModified()));
                        }
                    });
            return objects;
        } catch (RuntimeException e) {
            throw AwsErrors.translate(e, session.connection(), "Listing " + outputLocation, session.endpointFor("s3"));
        }
    }

    @Override
    public byte[] read(String location, int maxBytes) {
        S3Uri uri = S3Uri.parse(location, "Output location");
        try {
            ResponseBytes<GetObjectResponse> bytes = session.s3().getObjectAsBytes(b -> b.bucket(uri.bucket())
                    .key(uri.key()).range("bytes=0-" + (maxBytes - 1)));
            byte[] all = bytes.asByteArray();
            return all.length <= maxBytes ? all : java.util.Arrays.copyOf(all, maxBytes);
        } catch (RuntimeException e) {
            throw AwsErrors.translate(e, session.connection(), "Reading " + location, session.endpointFor("s3"));
        }
    }

    private <T> T call(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw translate(e, action);
        }
    }

    private static boolean isNotFound(SageMakerException e) {
        String message = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
        return message.contains("Could not find") || message.contains("does not exist")
                || e.awsErrorDetails() != null && "ResourceNotFound".equals(e.awsErrorDetails().errorCode());
    }

    private RuntimeException translate(RuntimeException e, String action) {
        return AwsErrors.translate(e, session.connection(), action, session.endpointFor("api.sagemaker"));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
