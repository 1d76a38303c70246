package com.endpointstudio.core.recommend;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.deploy.StudioTags;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.hosting.MetricsSource;
import com.endpointstudio.core.invoke.InvocationResult;
import java.util.function.Function;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.task.CancelToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The studio's own Inference Recommender: for each candidate instance type, a temporary endpoint of
 * the spec's model on one instance, a stepped load test ({@link StepSearch}) within the latency limit,
 * then the endpoint, its config and model deleted — whatever happened. Candidates run side by side up
 * to a number of instances at once. Every temporary deployment is journaled under a connection of its
 * own, so one left by a crash is deleted by the next run or when the studio opens the connection
 * ({@link #cleanUpLeftovers}); a run holds a {@link RunLock} while alive, so clean-up never touches it.
 */
public final class Recommender {

    /** Journal records of temporary endpoints live under this prefix and the connection's place. */
    private static final String PREFIX = "recommend:";
    private static final Pattern RUN_IN_NAME = Pattern.compile("^rec-([A-Za-z0-9]{6})");

    private final Function<InvocationRequest, InvocationResult> invoke;
    private final DeploymentJournal journal;
    private final DeploymentRunner runner;
    private final StepSearch search;
    private final String journalConnection;
    private final MetricsSource metrics;

    /**
     * @param invoke  how the load steps call the temporary endpoints (a runtime's invoke)
     * @param runner  deploys and deletes the temporary endpoints, journaling them
     * @param metrics where the instances' utilisation during the best step is read (the host's metrics)
     * @param place   where the temporary endpoints live (a connection's place), which names their journal records
     */
    public Recommender(Function<InvocationRequest, InvocationResult> invoke, DeploymentJournal journal,
                       DeploymentRunner runner, StepSearch search, MetricsSource metrics, String place) {
        this.invoke = invoke;
        this.metrics = metrics;
        this.journal = journal;
        this.runner = runner;
        this.search = search;
        this.journalConnection = PREFIX + place;
    }

    /** Deletes what an earlier run left when it was stopped before it could; returns the endpoints cleaned up. */
    public List<String> cleanUpLeftovers() {
        return cleanUpLeftovers(journal, runner, journalConnection.substring(PREFIX.length()));
    }

    /**
     * Deletes the temporary endpoints, configs and models that runs on {@code place} left when they were
     * stopped hard (a crash, a kill): every journaled one not rolled back whose run no process holds any
     * more ({@link RunLock}); returns the endpoints cleaned up.
     */
    public static List<String> cleanUpLeftovers(DeploymentJournal journal, DeploymentRunner runner, String place) {
        List<String> cleaned = new ArrayList<>();
        for (DeploymentRecord record : journal.all()) {
            if (record.connectionId().equals(PREFIX + place) && record.state() != DeploymentRecord.State.ROLLED_BACK
                    && !RunLock.isHeld(journal.folder(), runIdOf(record.spec().endpoint().name()))) {
                runner.rollback(record, event -> { });
                cleaned.add(record.spec().endpoint().name());
            }
        }
        return cleaned;
    }

    /** Whether runs on {@code place} left anything to clean up, without calling the place. */
    public static boolean hasLeftovers(DeploymentJournal journal, String place) {
        return journal.all().stream().anyMatch(record -> record.connectionId().equals(PREFIX + place)
                && record.state() != DeploymentRecord.State.ROLLED_BACK
                && !RunLock.isHeld(journal.folder(), runIdOf(record.spec().endpoint().name())));
    }

    /** The run a temporary endpoint belongs to, from its name ({@code rec-<run>-…}, see {@link #temporary}). */
    private static String runIdOf(String endpointName) {
        Matcher matcher = RUN_IN_NAME.matcher(endpointName);
        return matcher.find() ? matcher.group(1) : endpointName;
    }

    /**
     * @param parallel how many temporary endpoints (one instance each) may run at once
     * @param sample   the request every load step sends (its endpoint name is replaced)
     */
    public Recommendation run(DeploymentSpec spec, List<String> instanceTypes, Goal goal, int parallel,
                              InvocationRequest sample, Pricing pricing, Consumer<String> progress, CancelToken cancel) {
        String runId = StudioTags.newDeploymentId().substring(0, 6);
        Map<String, DeploymentSpec> trials = new LinkedHashMap<>();
        instanceTypes.forEach(type -> trials.put(type, temporary(spec, type, runId, Map.of())));
        try (RunLock alive = RunLock.hold(journal.folder(), runId)) {
            return Recommendation.of(measureAll(trials, goal, parallel, sample, progress, cancel), goal, pricing);
        }
    }

    /**
     * On Local, where every endpoint shares this computer: the spec served by each number of model
     * server workers ({@code SAGEMAKER_MODEL_SERVER_WORKERS}) in turn, each ramped in concurrency; the
     * knee is the count that sustains the most within the latency limit.
     */
    public Recommendation sweepWorkers(DeploymentSpec spec, List<Integer> workers, Goal goal, InvocationRequest sample,
                                       Consumer<String> progress, CancelToken cancel) {
        String runId = StudioTags.newDeploymentId().substring(0, 6);
        String type = spec.endpointConfig().variants().get(0).instanceType();
        Map<String, DeploymentSpec> trials = new LinkedHashMap<>();
        for (int count : workers) {
            trials.put(count + (count == 1 ? " worker" : " workers"), temporary(spec, type == null ? "ml.m5.large" : type,
                    runId + "w" + count, Map.of(WORKERS, String.valueOf(count))));
        }
        try (RunLock alive = RunLock.hold(journal.folder(), runId)) {
            return Recommendation.knee(measureAll(trials, goal, 1, sample, progress, cancel), goal);
        }
    }

    /** The environment variable every SageMaker model server reads its worker count from. */
    public static final String WORKERS = "SAGEMAKER_MODEL_SERVER_WORKERS";

    private List<Candidate> measureAll(Map<String, DeploymentSpec> trials, Goal goal, int parallel,
                                       InvocationRequest sample, Consumer<String> progress, CancelToken cancel) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
        // The candidates stop through this token, never by interrupt: an interrupted thread's SDK calls
        // fail at once, and the deletes of its temporary endpoint are such calls.
        CancelToken run = new CancelToken();
        Map<String, Future<Candidate>> running = new LinkedHashMap<>();
        try (CancelToken.Registration linked = cancel.onCancel(run::cancel)) {
            trials.forEach((label, temporary) -> running.put(label, pool.submit(() -> measure(temporary, label, goal,
                    sample, progress, run))));
            List<Candidate> candidates = new ArrayList<>();
            for (Map.Entry<String, Future<Candidate>> future : running.entrySet()) {
                try {
                    candidates.add(future.getValue().get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof CancellationException cancelled) {
                        throw cancelled;
                    }
                    candidates.add(Candidate.failed(future.getKey(), String.valueOf(e.getCause().getMessage())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted");
                }
            }
            return candidates;
        } finally {
            run.cancel();
            pool.shutdown();
            awaitCleanUp(pool);
        }
    }

    /** Returns once every candidate has deleted what it made, so nothing is left when the run ends. */
    private static void awaitCleanUp(ExecutorService pool) {
        boolean interrupted = false;
        while (!pool.isTerminated()) {
            try {
                pool.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One candidate: deploy, search, and always delete what was made. */
    private Candidate measure(DeploymentSpec temporary, String type, Goal goal, InvocationRequest sample,
                              Consumer<String> progress, CancelToken cancel) {
        String name = temporary.endpoint().name();
        DeploymentRecord record = runner.plan(temporary, journalConnection, true);
        try {
            progress.accept(type + ": deploying " + name + " on one instance");
            record = runner.run(record, event -> { }, cancel);
            if (record.state() != DeploymentRecord.State.SUCCEEDED) {
                return Candidate.failed(type, String.valueOf(record.failure()));
            }
            progress.accept(type + ": load steps against " + name);
            InvocationRequest request = new InvocationRequest(name, sample.contentType(), sample.accept(), sample.body(),
                    null, sample.targetModel(), null, null, null);
            StepSearch.Outcome outcome = search.run(name, goal.p99LimitMs(), () -> invoke.apply(request),
                    step -> progress.accept(String.format(Locale.ROOT, "%s: %d in flight, %.1f requests/s, p99 %.1f ms",
                            type, step.concurrency(), step.requestsPerSecond(), step.p99Ms())), cancel);
            return new Candidate(type, outcome.best(), outcome.stoppedBecause(), null,
                    utilization(name, type, outcome.best(), progress));
        } finally {
            try {
                DeploymentRecord made = record;
                CancelToken.regardless(() -> runner.rollback(made, event -> { }));
                progress.accept(type + ": deleted " + name + ", its config and model");
            } catch (RuntimeException e) {
                progress.accept(type + ": could not delete everything of " + name + " (" + e.getMessage()
                        + "); the next run deletes it");
            }
        }
    }

    /** The instance's utilisation during the best step; none when it can't be read (said in the progress). */
    private Utilization utilization(String endpoint, String type, StepSearch.Step best, Consumer<String> progress) {
        if (best == null) {
            return Utilization.NONE;
        }
        try {
            return Utilization.read(metrics, endpoint, SpecDefaults.VARIANT_NAME, best.from(), best.to());
        } catch (RuntimeException e) {
            progress.accept(type + ": could not read the utilisation metrics (" + e.getMessage()
                    + "); the row shows none");
            return Utilization.NONE;
        }
    }

    /** The spec's first variant's model on one instance of {@code type}, under a name of its own. */
    public static DeploymentSpec temporary(DeploymentSpec spec, String type, String runId) {
        return temporary(spec, type, runId, Map.of());
    }

    /** The same with variables added to every container's environment. */
    static DeploymentSpec temporary(DeploymentSpec spec, String type, String runId, Map<String, String> environment) {
        VariantSpec first = spec.endpointConfig().variants().get(0);
        ModelSpec model = spec.models().stream().filter(m -> m.name().equals(first.modelName())).findFirst()
                .orElseThrow();
        String shortType = type.replaceFirst("^ml\\.", "").replace('.', '-');
        String name = SpecDefaults.endpointName("rec-" + runId + "-" + shortType);
        List<DeploymentSpec.ContainerSpec> containers = model.containers().stream().map(c -> {
            Map<String, String> env = new LinkedHashMap<>(c.environment());
            env.putAll(environment);
            return new DeploymentSpec.ContainerSpec(c.image(), c.framework(), c.modelData(), env, c.hostname(), c.mode());
        }).toList();
        ModelSpec copy = new ModelSpec(SpecDefaults.modelName(name), model.executionRoleArn(), containers,
                model.inferenceExecutionMode(), model.vpc(), model.networkIsolation());
        Map<String, String> tags = new LinkedHashMap<>(spec.endpoint().tags());
        tags.put(StudioTags.DEPLOYMENT_KEY, StudioTags.newDeploymentId());
        return new DeploymentSpec(DeploymentSpec.CURRENT_VERSION, List.of(copy), new EndpointConfigSpec(
                SpecDefaults.endpointConfigName(name), List.of(new VariantSpec(SpecDefaults.VARIANT_NAME, copy.name(),
                type, 1, 1.0))), new EndpointSpec(name, tags));
    }

    /** What the user wants: a throughput to serve and a latency not to exceed. */
    public record Goal(double targetRps, double p99LimitMs) {
    }

    /** Hourly on-demand price of an instance type, or null when unknown. */
    public interface Pricing {
        Double hourly(String instanceType);

        /** The hourly price with the cheapest Savings Plan, or null when unknown. */
        default Double savingsPlanHourly(String instanceType) {
            return null;
        }
    }

    /** What a candidate sustained, or why it could not be measured. */
    public record Candidate(String instanceType, StepSearch.Step best, String stoppedBecause, String failure,
                            Utilization utilization) {
        static Candidate failed(String type, String failure) {
            return new Candidate(type, null, null, failure, Utilization.NONE);
        }
    }
}
