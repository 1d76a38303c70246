package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.hosting.InferenceRecommendations;
import com.endpointstudio.core.recommend.InferenceRecommenderJob;
import com.endpointstudio.core.recommend.Recommendation;
import com.endpointstudio.core.recommend.Recommender;
import com.endpointstudio.core.task.CancelToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeInferenceRecommendationsJobResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointInputConfiguration;
import software.amazon.awssdk.services.sagemaker.model.InferenceRecommendation;

/**
 * AWS's own Inference Recommender, for users who prefer it or need more load than one computer
 * sends: CreateInferenceRecommendationsJob from an existing Model (Default: SageMaker picks the
 * types; Advanced: the given types, a stepped traffic pattern and the p99 limit as stopping
 * condition), followed with DescribeInferenceRecommendationsJob until it ends, its recommendations
 * read into the studio's own table.
 */
public final class AwsInferenceRecommender implements InferenceRecommendations {

    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED");
    /** A job takes most of an hour (Default) or longer: a describe every half minute follows it closely enough. */
    private static final Duration POLL = Duration.ofSeconds(30);

    private final AwsSession session;

    public AwsInferenceRecommender(AwsSession session) {
        this.session = session;
    }

    @Override
    public Recommendation run(InferenceRecommenderJob job, Consumer<String> progress, CancelToken cancel) {
        return run(job.jobName(), job.jobType() == InferenceRecommenderJob.JobType.ADVANCED, job.roleArn(),
                job.modelName(), job.instanceTypes(), job.goal(), POLL, progress, cancel);
    }

    /**
     * @param advanced Advanced (a stepped traffic pattern, stopping at the p99 limit) rather than Default
     * @param types    the instance types to test (up to ten), or none to let SageMaker choose
     */
    public Recommendation run(String jobName, boolean advanced, String roleArn, String modelName, List<String> types,
                              Recommender.Goal goal, Duration poll, Consumer<String> progress, CancelToken cancel) {
        try (SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            sagemaker.createInferenceRecommendationsJob(request -> {
                request.jobName(jobName).jobType(advanced ? "Advanced" : "Default").roleArn(roleArn)
                        .jobDescription("Endpoint Studio: " + modelName + " for " + Math.round(goal.targetRps())
                                + " requests/s within p99 " + Math.round(goal.p99LimitMs()) + " ms");
                List<EndpointInputConfiguration> configurations = types.stream().map(type ->
                        EndpointInputConfiguration.builder().instanceType(type).build()).toList();
                request.inputConfig(input -> {
                    input.modelName(modelName);
                    if (!configurations.isEmpty()) {
                        input.endpointConfigurations(configurations);
                    }
                    if (advanced) {
                        // one user more every minute for 10 minutes, two tests at once
                        input.trafficPattern(t -> t.trafficType("PHASES").phases(p -> p.initialNumberOfUsers(1)
                                .spawnRate(1).durationInSeconds(600)))
                                .resourceLimit(r -> r.maxNumberOfTests(Math.max(1, configurations.size()))
                                        .maxParallelOfTests(2));
                    }
                });
                if (advanced) {
                    request.stoppingConditions(s -> s.modelLatencyThresholds(l -> l.percentile("P99")
                            .valueInMilliseconds((int) Math.ceil(goal.p99LimitMs()))));
                }
            });
            progress.accept("Started the Inference Recommender job " + jobName);
            DescribeInferenceRecommendationsJobResponse job = await(sagemaker, jobName, poll, progress, cancel);
            if (!job.statusAsString().equals("COMPLETED")) {
                throw new com.endpointstudio.core.error.StudioException("The Inference Recommender job " + jobName
                        + " ended " + job.statusAsString() + (job.failureReason() == null ? "" : ": "
                        + job.failureReason()));
            }
            return Recommendation.fromAws(rows(job), goal);
        } catch (RuntimeException e) {
            if (e instanceof CancellationException || e instanceof com.endpointstudio.core.error.StudioException) {
                throw e;
            }
            throw AwsErrors.translate(e, session.connection(), "Inference Recommender job " + jobName,
                    session.endpointFor("api.sagemaker"));
        }
    }

    private static DescribeInferenceRecommendationsJobResponse await(SageMakerClient sagemaker, String jobName,
                                                                     Duration poll, Consumer<String> progress,
                                                                     CancelToken cancel) {
        String last = null;
        while (true) {
            if (cancel.isCancelled()) {
                throw stopped(sagemaker, jobName, progress);
            }
            DescribeInferenceRecommendationsJobResponse job;
            try {
                job = sagemaker.describeInferenceRecommendationsJob(r -> r.jobName(jobName));
            } catch (RuntimeException e) {
                if (cancel.isCancelled()) { // the cancel aborted the describe
                    throw stopped(sagemaker, jobName, progress);
                }
                throw e;
            }
            if (!job.statusAsString().equals(last)) {
                last = job.statusAsString();
                progress.accept(jobName + " is " + last);
            }
            if (ENDED.contains(last)) {
                return job;
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                cancel.cancel();
            }
        }
    }

    /**
     * StopInferenceRecommendationsJob, so a cancelled job stops costing. It is sent under a token
     * nobody cancels and without the cancel's interrupt, either of which would abort it at once.
     */
    private static CancellationException stopped(SageMakerClient sagemaker, String jobName, Consumer<String> progress) {
        CancelToken.regardless(() -> sagemaker.stopInferenceRecommendationsJob(r -> r.jobName(jobName)));
        progress.accept("Stopped the Inference Recommender job " + jobName);
        return new CancellationException("Stopped the Inference Recommender job " + jobName);
    }

    /** Each recommendation: its instance type and count, invocations a minute, model latency, cost. */
    private static List<Recommendation.AwsRow> rows(DescribeInferenceRecommendationsJobResponse job) {
        List<Recommendation.AwsRow> rows = new ArrayList<>();
        for (InferenceRecommendation recommendation : job.inferenceRecommendations()) {
            var endpoint = recommendation.endpointConfiguration();
            var metrics = recommendation.metrics();
            int count = endpoint.initialInstanceCount() == null ? 1 : endpoint.initialInstanceCount();
            rows.add(new Recommendation.AwsRow(endpoint.instanceTypeAsString(), count,
                    metrics.maxInvocations() == null ? null : metrics.maxInvocations() / 60.0,
                    metrics.modelLatency() == null ? null : metrics.modelLatency().doubleValue(),
                    metrics.costPerHour() == null ? null : metrics.costPerHour().doubleValue(),
                    metrics.costPerInference() == null ? null : metrics.costPerInference().doubleValue()));
        }
        return rows;
    }
}
