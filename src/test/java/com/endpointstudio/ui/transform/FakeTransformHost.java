package com.endpointstudio.ui.transform;

import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.hosting.BatchTransforms;
import com.endpointstudio.core.hosting.EndpointLogs;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.hosting.ModelDataStore;
import com.endpointstudio.core.hosting.SageMakerControl;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.core.transform.TransformJobDescription;
import com.endpointstudio.core.transform.TransformJobSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A host that plays SageMaker's batch transform for view-model tests: Models by name, jobs that are
 * InProgress for a few describes and then Completed (or Stopped once stopped), a log line per describe,
 * and one output object per job.
 */
final class FakeTransformHost implements HostingProvider, BatchTransforms, SageMakerControl, ModelDataStore {

    final Set<String> models = new HashSet<>();
    final List<TransformJobSpec> created = new CopyOnWriteArrayList<>();
    final List<String> stopped = new CopyOnWriteArrayList<>();
    /** Runs at each describe, e.g. to press Stop in the middle of a run. */
    Runnable onDescribe = () -> { };
    private int describes;

    @Override
    public Session open(com.endpointstudio.core.connection.Connection connection) {
        Hosting hosting = new Hosting(this, this, null, null, null, null, null, this);
        return new Session() {
            @Override
            public Hosting hosting() {
                return hosting;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String create(TransformJobSpec job, Map<String, String> tags) {
        created.add(job);
        return "arn:aws:sagemaker:us-east-1:123456789012:transform-job/" + job.jobName();
    }

    @Override
    public Optional<TransformJobDescription> describe(String jobName) {
        onDescribe.run();
        TransformJobSpec job = created.stream().filter(j -> j.jobName().equals(jobName)).findFirst().orElse(null);
        if (job == null) {
            return Optional.empty();
        }
        describes++;
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        String status = stopped.contains(jobName) ? TransformJobDescription.STOPPED
                : describes < 3 ? TransformJobDescription.IN_PROGRESS : TransformJobDescription.COMPLETED;
        return Optional.of(new TransformJobDescription(jobName, "arn", status, null, start, start,
                status.equals(TransformJobDescription.IN_PROGRESS) ? null : start.plusSeconds(360), job));
    }

    @Override
    public List<TransformJobDescription> list() {
        return List.of();
    }

    @Override
    public boolean stop(String jobName) {
        stopped.add(jobName);
        return true;
    }

    @Override
    public EndpointLogs.LogBatch logs(String jobName, String since) {
        int read = since == null ? 0 : Integer.parseInt(since);
        return new EndpointLogs.LogBatch(read < describes ? List.of("log line " + (read + 1)) : List.of(),
                Integer.toString(Math.max(read, describes)));
    }

    @Override
    public List<OutputObject> outputs(String outputLocation) {
        return List.of(new OutputObject(outputLocation + "/input.csv.out", "input.csv.out", 6, Instant.now()));
    }

    @Override
    public byte[] read(String location, int maxBytes) {
        return "0\n1\n1\n".getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String createModel(ModelSpec model, Map<String, String> tags) {
        models.add(model.name());
        return "arn:model/" + model.name();
    }

    @Override
    public boolean modelExists(String modelName) {
        return models.contains(modelName);
    }

    @Override
    public StagedModelData stage(ModelDataSpec modelData, ProgressListener progress, CancelToken cancel) {
        return new StagedModelData("s3://staged/" + modelData.location().replaceAll(".*/", ""), true,
                modelData.uncompressed());
    }

    @Override
    public String createEndpointConfig(EndpointConfigSpec config, Map<String, String> tags) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String createEndpoint(String endpointName, String endpointConfigName, Map<String, String> tags) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<EndpointDescription> describeEndpoint(String endpointName) {
        return Optional.empty();
    }

    @Override
    public boolean endpointConfigExists(String endpointConfigName) {
        return false;
    }

    @Override
    public boolean deleteModel(String modelName) {
        return models.remove(modelName);
    }

    @Override
    public boolean deleteEndpointConfig(String endpointConfigName) {
        return false;
    }

    @Override
    public boolean deleteEndpoint(String endpointName) {
        return false;
    }

    @Override
    public List<EndpointDescription> listEndpoints() {
        return new ArrayList<>();
    }
}
