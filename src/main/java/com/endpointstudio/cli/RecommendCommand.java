package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.instance.Quantities;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.history.InvocationHistory;
import com.endpointstudio.core.recommend.InferenceRecommenderJob;
import com.endpointstudio.core.recommend.RecommendSample;
import com.endpointstudio.core.recommend.Recommendation;
import com.endpointstudio.core.recommend.RecommendRun;
import com.endpointstudio.core.recommend.Recommender;
import com.endpointstudio.core.recommend.RunCost;
import com.endpointstudio.core.task.CancelToken;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Which instance type, how many, at what cost: temporary endpoints load-tested step by step. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = {"Recommend an instance type and count for a spec: each candidate gets a temporary endpoint on "
                + "one instance and a stepped load test up to the p99 limit; then everything made is deleted.",
                "Prints per type the most one instance sustains, the instances the target needs, the cost an hour "
                        + "and per million inferences, and the cheapest type that meets the goal."})
public final class RecommendCommand implements Callable<Integer> {

    private final StudioServices services;

    @Parameters(index = "0", paramLabel = "SPEC.json") Path specFile;
    @Option(names = "--instance-types", split = ",", paramLabel = "T1,T2",
            description = "the candidate instance types") List<String> instanceTypes;
    @Option(names = "--workers", split = ",", paramLabel = "N1,N2",
            description = "with --local: the model server worker counts to sweep (default: 1, 2, 4… up to twice "
                    + "this computer's cores)") List<Integer> workers;
    @Option(names = "--target-rps", required = true, paramLabel = "N", description = "requests per second to serve")
    double targetRps;
    @Option(names = "--p99", required = true, paramLabel = "LIMIT", converter = DurationConverter.class,
            description = "the p99 latency not to exceed (100ms, 1s)") Duration p99;
    @Option(names = "--budget-usd", paramLabel = "N", description = "refuse a run estimated to cost more")
    Double budgetUsd;
    @Option(names = "--parallel", defaultValue = "2", paramLabel = "N",
            description = "temporary endpoints at once (default: ${DEFAULT-VALUE})") int parallel;
    @Option(names = "--step-duration", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "D",
            description = "how long each load step runs (default: ${DEFAULT-VALUE})") Duration stepDuration;
    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "D",
            description = "calls left out at the start of each step (default: ${DEFAULT-VALUE})") Duration warmup;
    @Option(names = "--max-concurrency", defaultValue = "64", paramLabel = "N",
            description = "the highest step (default: ${DEFAULT-VALUE})") int maxConcurrency;
    @Option(names = "--content-type", paramLabel = "T",
            description = "the sample request's ContentType (default: application/json with --body, else the "
                    + "chosen sample's)") String contentType;
    @Option(names = "--accept", paramLabel = "A") String accept;
    @Option(names = "--body", paramLabel = "@FILE|TEXT",
            description = "a sample request: @FILE for a file's bytes, else the text itself (default: the newest "
                    + "request the studio's console sent to the spec's endpoint on this connection, else the spec's "
                    + "sample request)") String body;
    @Option(names = "--yes", description = "don't ask before starting the temporary endpoints") boolean yes;
    @Option(names = "--format", defaultValue = "table", paramLabel = "F", description = "table, json or csv")
    String format;
    @Option(names = "--inference-recommender", paramLabel = "default|advanced",
            description = "run AWS's Inference Recommender on the spec's model (which must exist) instead of the "
                    + "studio's temporary endpoints") String inferenceRecommender;
    @Option(names = "--model", paramLabel = "NAME",
            description = "with --inference-recommender: the Model to test (default: the spec's first)") String model;
    @Option(names = "--role", paramLabel = "ARN",
            description = "with --inference-recommender: the role the job runs as (default: the model's)") String role;
    @Mixin EndpointTarget target;
    @Spec CommandSpec spec;

    public RecommendCommand(StudioServices services) {
        this.services = services;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!List.of("table", "json", "csv").contains(format)) {
            throw new ValidationException("--format", "must be table, json or csv");
        }
        if (targetRps <= 0 || p99.isZero() || p99.isNegative()) {
            throw new ValidationException("--target-rps / --p99", "both must be above 0");
        }
        Path base = specFile.toAbsolutePath().getParent();
        DeploymentSpec deployment = SpecFiles.withLocalPathsFrom(SpecFiles.read(specFile), base);
        if (workers != null && !target.isLocal()) {
            throw new ValidationException("--workers", "sweeps worker counts on this computer: add --local");
        }
        boolean sweep = target.isLocal() && (workers != null || instanceTypes == null);
        if (sweep && workers != null && (workers.isEmpty() || workers.stream().anyMatch(n -> n < 1))) {
            throw new ValidationException("--workers", "worker counts are whole numbers from 1");
        }
        if (!sweep && (instanceTypes == null || instanceTypes.isEmpty())) {
            throw new ValidationException("--instance-types", "name the candidate instance types (ml.c5.large,…)");
        }
        String region = target.isLocal() || target.region() == null ? "us-east-1" : target.region();
        if (sweep) {
            SpecValidator.forWorkingFolder().forLocalHosting().validate(Recommender.temporary(deployment,
                    "ml.m5.large", "check"));
        } else {
            instanceTypes.forEach(type -> new SpecValidator(base).inRegion(region).validate(
                    Recommender.temporary(deployment, type, "check")));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (inferenceRecommender != null) {
            return awsJob(deployment, out, err);
        }
        InvocationRequest sample = sample(deployment, err);
        RecommendRun run = new RecommendRun(sweep ? List.of() : instanceTypes, workers,
                new Recommender.Goal(targetRps, p99.toNanos() / 1e6), parallel, stepDuration, warmup, maxConcurrency,
                sample);
        Recommender.Pricing pricing = RecommendRun.pricing(InstanceCatalog.load(), region);
        if (!target.isLocal()) {
            RunCost cost = run.estimate(pricing, false);
            err.println(cost.describe());
            if (budgetUsd != null && cost.usd() > budgetUsd) {
                throw new ValidationException("--budget-usd", String.format(Locale.ROOT, "the run would cost about "
                        + "%s, over the %s budget: fewer types, shorter steps or a lower --max-concurrency",
                        Quantities.usd(cost.usd()), Quantities.usd(budgetUsd)));
            }
            if (!yes && !confirmed(err)) {
                return Cli.BAD_INPUT;
            }
        } else {
            services.serveLocalEndpoints(); // the temporary endpoints live in this process: it answers their calls
        }
        CancelToken cancel = new CancelToken();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl+C cancels, then waits for the temporary endpoints to be deleted before the JVM goes
        Thread stop = new Thread(() -> {
            cancel.cancel();
            try {
                finished.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "recommend-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            String place = target.isLocal() ? "local" : target.aws.connection().place();
            Recommendation result = target.withHosting(services, hosting -> run.run(deployment, hosting,
                    new DeploymentJournal(services.paths().dataDir().resolve("deployments")), place, target.isLocal(),
                    pricing, line -> {
                        err.println(line);
                        err.flush();
                    }, cancel));
            switch (format) {
                case "json" -> out.print(result.json());
                case "csv" -> out.print(result.csv());
                default -> out.print(result.table());
            }
            out.flush();
            return result.recommended() == null ? Cli.FAILED : 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs: it waited for the clean-up above
            }
        }
    }

    /** AWS's Inference Recommender on an existing Model, its results in the same table. */
    private int awsJob(DeploymentSpec deployment, PrintWriter out, PrintWriter err) {
        if (!List.of("default", "advanced").contains(inferenceRecommender.toLowerCase(Locale.ROOT))) {
            throw new ValidationException("--inference-recommender", "must be default or advanced");
        }
        if (target.isLocal()) {
            throw new ValidationException("--inference-recommender", "AWS's Inference Recommender runs on AWS, not Local");
        }
        var first = InferenceRecommenderJob.defaultModel(deployment);
        InferenceRecommenderJob job = InferenceRecommenderJob.of(InferenceRecommenderJob.JobType.valueOf(
                        inferenceRecommender.toUpperCase(Locale.ROOT)), model != null ? model : first.name(),
                role != null ? role : first.executionRoleArn(), instanceTypes,
                new Recommender.Goal(targetRps, p99.toNanos() / 1e6));
        try (var session = services.hostingProvider().open(target.aws.connection())) {
            CancelToken cancel = new CancelToken();
            CountDownLatch finished = new CountDownLatch(1);
            Thread running = Thread.currentThread();
            // Ctrl+C wakes the poll and waits for StopInferenceRecommendationsJob before the JVM goes
            Thread stop = new Thread(() -> {
                cancel.cancel();
                running.interrupt();
                try {
                    finished.await(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "recommend-stop");
            Runtime.getRuntime().addShutdownHook(stop);
            try {
                Recommendation result = job.run(session.hosting(), "--model", line -> {
                    err.println(line);
                    err.flush();
                }, cancel);
                switch (format) {
                    case "json" -> out.print(result.json());
                    case "csv" -> out.print(result.csv());
                    default -> out.print(result.table());
                }
                out.flush();
                return result.recommended() == null ? Cli.FAILED : 0;
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(stop);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running
                }
            }
        }
    }

    /** --body, or the console's newest request to the spec's endpoint, or the spec's sample; says which. */
    private InvocationRequest sample(DeploymentSpec deployment, PrintWriter err) {
        if (body != null) {
            return new InvocationRequest("sample", contentType == null ? "application/json" : contentType, accept,
                    RequestBody.read(body), null, null, null, null, null);
        }
        Connection connection = target.connection();
        Set<String> ids = new HashSet<>(Set.of(connection.id()));
        services.settingsStore().load().settings().connections().stream()
                .filter(known -> known.place().equals(connection.place())).forEach(known -> ids.add(known.id()));
        InvocationHistory history = new InvocationHistory(services.paths().dataDir().resolve("console"));
        history.problems().forEach(problem -> err.println("warning: " + problem));
        RecommendSample chosen = RecommendSample.choose(deployment, history.entries(), ids);
        err.println("Sample request (no --body): " + chosen.source());
        err.flush();
        InvocationRequest request = chosen.request();
        return new InvocationRequest("sample", contentType != null ? contentType : request.contentType(),
                accept != null ? accept : request.accept(), request.body(), null, request.targetModel(), null, null,
                null);
    }

    private boolean confirmed(PrintWriter err) {
        java.io.Console console = System.console();
        if (console == null) {
            err.println("error: not confirmed: add --yes to start the temporary endpoints without asking");
            err.flush();
            return false;
        }
        String answer = console.readLine("Start them? [y/N] ");
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    }
}
