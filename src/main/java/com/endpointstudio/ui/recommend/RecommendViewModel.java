package com.endpointstudio.ui.recommend;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.history.HistoryEntry;
import com.endpointstudio.core.recommend.Candidates;
import com.endpointstudio.core.recommend.InferenceRecommenderJob;
import com.endpointstudio.core.recommend.RecommendSample;
import com.endpointstudio.core.recommend.RecommendRun;
import com.endpointstudio.core.recommend.Recommendation;
import com.endpointstudio.core.recommend.Recommender;
import com.endpointstudio.core.recommend.RunCost;
import com.endpointstudio.ui.common.BatchedList;
import com.endpointstudio.ui.common.Job;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The deploy wizard's right-sizing: candidate types (filled from the spec's image and model size,
 * editable), a goal and a budget, the run's cost shown before it starts, then the temporary
 * endpoints measured as a job the user can cancel (everything made is deleted either way). On
 * Local it sweeps model server workers instead. On AWS, AWS's Inference Recommender can measure
 * instead, from an existing Model; its results fill the same table. The result can be exported or
 * made the variant.
 */
public final class RecommendViewModel {

    private final Jobs jobs;
    private final HostingProvider hosting;
    private final DeploymentJournal journal;
    private final InstanceCatalog catalog;
    private final DeploymentSpec spec;
    private final Connection connection;
    private final JobSlot running = new JobSlot();
    private final BatchedList<String> progress;

    public final StringProperty candidates = new SimpleStringProperty("");
    public final StringProperty workers = new SimpleStringProperty("");
    public final StringProperty targetRps = new SimpleStringProperty("50");
    public final StringProperty p99Ms = new SimpleStringProperty("200");
    public final StringProperty budgetUsd = new SimpleStringProperty("");
    public final StringProperty stepSeconds = new SimpleStringProperty("30");
    public final StringProperty contentType = new SimpleStringProperty("application/json");
    public final StringProperty body = new SimpleStringProperty("");
    public final ObjectProperty<RecommendMethod> method = new SimpleObjectProperty<>(RecommendMethod.LOAD_TEST);
    public final StringProperty modelName = new SimpleStringProperty("");
    public final StringProperty roleArn = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper estimate = new ReadOnlyStringWrapper("");
    private final ObservableList<FieldError> problems = FXCollections.observableArrayList();
    private final ObjectProperty<Recommendation> result = new SimpleObjectProperty<>();
    private final ObservableList<RecommendSample> samples = FXCollections.observableArrayList();
    private static final int RECENT_SAMPLES = 10;

    /** Without a console history: the spec's sample request is the one choice. */
    public RecommendViewModel(Jobs jobs, HostingProvider hosting, DeploymentJournal journal, InstanceCatalog catalog,
                              DeploymentSpec spec, Connection connection) {
        this(jobs, hosting, journal, catalog, spec, connection, List::of);
    }

    /** @param history the console's history, newest first (read off the FX thread) */
    public RecommendViewModel(Jobs jobs, HostingProvider hosting, DeploymentJournal journal, InstanceCatalog catalog,
                              DeploymentSpec spec, Connection connection, Supplier<List<HistoryEntry>> history) {
        this.jobs = jobs;
        this.hosting = hosting;
        this.journal = journal;
        this.catalog = catalog;
        this.spec = spec;
        this.connection = connection;
        this.progress = new BatchedList<>(jobs.fx(), 2000);
        if (local()) {
            workers.set(String.join(", ", RecommendRun.defaultWorkerCounts().stream().map(String::valueOf).toList()));
        } else {
            candidates.set(String.join(", ", Candidates.forSpec(spec, catalog, region())));
            DeploymentSpec.ModelSpec model = InferenceRecommenderJob.defaultModel(spec);
            modelName.set(model.name());
            roleArn.set(model.executionRoleArn() == null ? "" : model.executionRoleArn());
        }
        List.<javafx.beans.Observable>of(candidates, workers, targetRps, p99Ms, budgetUsd, stepSeconds, method,
                modelName, roleArn).forEach(p -> p.addListener(obs -> check()));
        check();
        loadSamples(history);
    }

    /**
     * The sample choices: the console's recent answered requests to the spec's endpoint on this
     * connection (text bodies, which the sample field can hold), then the spec's own sample; the
     * newest fills an empty sample field.
     */
    private void loadSamples(Supplier<List<HistoryEntry>> history) {
        jobs.job("Read the console history", job -> {
            List<RecommendSample> found = new ArrayList<>(RecommendSample.fromHistory(history.get(),
                    List.of(connection.id()), spec.endpoint().name(), RECENT_SAMPLES).stream()
                    .filter(RecommendSample::isText).toList());
            found.add(RecommendSample.ofSpec(spec));
            return found;
        }).quietly().onSuccess(found -> {
            samples.setAll(found);
            if (body.get().isBlank()) {
                use(found.get(0));
            }
        }).start();
    }

    /** Makes a sample choice the request each load step sends. */
    public void use(RecommendSample sample) {
        if (sample != null) {
            body.set(new String(sample.request().body(), StandardCharsets.UTF_8));
            contentType.set(sample.request().contentType());
        }
    }

    public ObservableList<RecommendSample> samples() {
        return samples;
    }

    public boolean local() {
        return connection.isLocal();
    }

    /** The ways to measure on this connection: AWS's Inference Recommender runs on AWS only. */
    public List<RecommendMethod> methods() {
        return local() ? List.of(RecommendMethod.LOAD_TEST) : List.of(RecommendMethod.values());
    }

    private String region() {
        return local() || connection.region() == null ? "us-east-1" : connection.region();
    }

    /** Reads the fields; problems name the field as the dialog labels it. */
    private RecommendRun plan() {
        problems.clear();
        List<String> types = split(candidates.get());
        List<Integer> counts = new ArrayList<>();
        if (local()) {
            for (String count : split(workers.get())) {
                Integer n = whole(count);
                if (n == null || n < 1) {
                    problems.add(new FieldError("Workers", "'" + count + "' is not a whole number from 1"));
                } else {
                    counts.add(n);
                }
            }
        } else if (types.isEmpty()) {
            problems.add(new FieldError("Instance types", "name at least one type (ml.c5.large, …)"));
        } else {
            knownTypes(types);
        }
        Double rps = positive("Target requests/s", targetRps.get());
        Double p99 = positive("p99 limit (ms)", p99Ms.get());
        Double step = positive("Step (s)", stepSeconds.get());
        if (!budgetUsd.get().isBlank()) {
            positive("Budget (USD)", budgetUsd.get());
        }
        if (!problems.isEmpty()) {
            return null;
        }
        Duration stepDuration = Duration.ofMillis(Math.round(step * 1000));
        return new RecommendRun(types, counts, new Recommender.Goal(rps, p99), 2, stepDuration,
                Duration.ofMillis(Math.min(5000, stepDuration.toMillis() / 5)), 64, new InvocationRequest("sample",
                contentType.get(), null, body.get().getBytes(StandardCharsets.UTF_8), null, null, null, null, null));
    }

    private void knownTypes(List<String> types) {
        types.stream().filter(t -> !catalog.types().isKnown(t)).forEach(t -> problems.add(new FieldError(
                "Instance types", "'" + t + "' is not an endpoint instance type")));
    }

    /** Reads the fields of an Inference Recommender job: the Model, its role, up to ten types, the goal. */
    private InferenceRecommenderJob planJob() {
        problems.clear();
        if (local()) {
            problems.add(new FieldError("Recommend with", "AWS's Inference Recommender runs on AWS only"));
            return null;
        }
        List<String> types = split(candidates.get());
        knownTypes(types);
        Double rps = positive("Target requests/s", targetRps.get());
        Double p99 = positive("p99 limit (ms)", p99Ms.get());
        return InferenceRecommenderFields.plan(method.get(), types, modelName.get(), roleArn.get(),
                rps == null || p99 == null ? null : new Recommender.Goal(rps, p99), problems);
    }

    private void check() {
        if (method.get().jobType() != null) {
            estimate.set(planJob() == null ? "" : InferenceRecommenderFields.ESTIMATE);
            return;
        }
        RecommendRun run = plan();
        if (run == null) {
            estimate.set("");
            return;
        }
        if (local()) {
            estimate.set("Each worker count serves the model here in turn, at no charge (AWS's Inference Recommender "
                    + "needs an AWS connection).");
            return;
        }
        RunCost cost = run.estimate(RecommendRun.pricing(catalog, region()), false);
        estimate.set(cost.describe());
        if (!budgetUsd.get().isBlank() && cost.usd() > Double.parseDouble(budgetUsd.get().strip())) {
            problems.add(new FieldError("Budget (USD)", String.format(Locale.ROOT, "the run would cost about $%.2f: "
                    + "fewer types or shorter steps", cost.usd())));
        }
    }

    /** Starts the run; the dialog has shown the estimate and the user confirmed it. */
    public void start() {
        if (method.get().jobType() != null) {
            startJob();
            return;
        }
        check();
        RecommendRun run = plan();
        if (run == null || !problems.isEmpty()) {
            return;
        }
        result.set(null);
        progress.items().clear();
        String place = local() ? "local" : connection.place();
        Job<Recommendation> job = jobs.job("Recommend an instance type for " + spec.endpoint().name(), context -> {
            try (HostingProvider.Session session = hosting.open(connection)) {
                return run.run(spec, session.hosting(), journal, place, local(), RecommendRun.pricing(catalog,
                        region()), progress::add, context.cancelToken());
            }
        });
        running.start(job.onSuccess(result::set).whenDone(() -> {
            if (job.isCancelled()) {
                progress.add("Cancelled: the temporary endpoints made so far are deleted.");
            }
        }));
    }

    /** AWS's Inference Recommender, once the Model is found on the connection; a missing one shows at its field. */
    private void startJob() {
        InferenceRecommenderJob planned = planJob();
        if (planned == null) {
            return;
        }
        result.set(null);
        progress.items().clear();
        Job<Recommendation> job = jobs.job("Inference Recommender job for " + planned.modelName(), context -> {
            try (HostingProvider.Session session = hosting.open(connection)) {
                return planned.run(session.hosting(), "Model name", progress::add, context.cancelToken());
            }
        });
        running.start(job.onSuccess(result::set).onFailure(failure -> {
            if (failure instanceof ValidationException invalid) {
                problems.setAll(invalid.errors());
            } else {
                jobs.errors().report(job.title(), failure);
            }
        }).whenDone(() -> {
            if (job.isCancelled()) {
                progress.add("Cancelled: stopping the Inference Recommender job " + planned.jobName() + ".");
            }
        }));
    }

    public void cancel() {
        running.cancel();
    }

    public void loadBody(Path file) {
        jobs.job("Read " + file.getFileName(), job -> Files.readString(file, StandardCharsets.UTF_8))
                .onSuccess(body::set).start();
    }

    /** Writes the result as CSV or JSON, by the file's extension. */
    public void export(Path file) {
        Recommendation shown = result.get();
        if (shown == null) {
            return;
        }
        jobs.job("Save " + file.getFileName(), job -> Files.writeString(file, file.toString().endsWith(".json")
                ? shown.json() : shown.csv(), StandardCharsets.UTF_8)).onSuccess(saved -> jobs.status()
                .show("Saved the recommendation to " + saved)).start();
    }

    private Double positive(String field, String text) {
        try {
            double value = Double.parseDouble(text.strip());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        problems.add(new FieldError(field, "must be a number above 0"));
        return null;
    }

    private static Integer whole(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public ObservableList<String> progress() {
        return progress.items();
    }

    public ObservableList<FieldError> problems() {
        return problems;
    }

    public ReadOnlyStringProperty estimateProperty() {
        return estimate.getReadOnlyProperty();
    }

    public ObjectProperty<Recommendation> resultProperty() {
        return result;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.runningProperty();
    }
}
