package com.endpointstudio.ui.console;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.hosting.EndpointRuntime;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.io.AtomicFiles;
import com.endpointstudio.core.loadtest.LoadGenerator;
import com.endpointstudio.core.loadtest.LoadTestCost;
import com.endpointstudio.core.loadtest.LoadTestPlan;
import com.endpointstudio.core.loadtest.LoadTestReport;
import com.endpointstudio.core.loadtest.LoadTestSnapshot;
import com.endpointstudio.core.loadtest.LoadTester;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.ui.common.BatchedList;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * The console's load test: the plan's fields, the run off the FX thread with a snapshot a second
 * for the live chart, the report and its exports. Before many requests to a paid endpoint the
 * {@code confirm} callback is shown the cost estimate and decides.
 */
public final class LoadTestViewModel {

    private final Jobs jobs;
    private final Supplier<InvocationRequest> request;
    private final Supplier<Connection> connection;
    /** Where tests run: in this JVM until the app gives a load generator of its own. */
    private LoadGenerator generator;
    private final BatchedList<LoadTestSnapshot> snapshots;
    private final JobSlot run = new JobSlot();

    final IntegerProperty concurrency = new SimpleIntegerProperty(4);
    final StringProperty requests = new SimpleStringProperty("200");
    final StringProperty durationSeconds = new SimpleStringProperty("");
    final StringProperty rate = new SimpleStringProperty("");
    final StringProperty warmupSeconds = new SimpleStringProperty("");
    private final ObjectProperty<LoadTestReport> report = new SimpleObjectProperty<>();
    private final StringProperty problem = new SimpleStringProperty("");
    private Predicate<String> confirm = estimate -> false;
    /** What a million inferences cost at the measured throughput, for an AWS endpoint (called off the FX thread). */
    private Costs costs = (target, done, requestBytes) -> java.util.Optional.empty();
    private final StringProperty costLine = new SimpleStringProperty("");
    private final ObservableList<LoadTestFigures.Figure> figures =
            javafx.collections.FXCollections.observableArrayList();
    /** The connection the last report's endpoint is on. */
    private volatile String reportConnectionId;
    /** Stops the run in progress early (its report still comes); a superseded run is dropped instead. */
    private CancelToken stop;

    /**
     * @param request    the console's request, as the load test sends it
     * @param connection the active connection
     * @param runtimes   the runtime of a connection (called off the FX thread)
     */
    public LoadTestViewModel(Jobs jobs, Supplier<InvocationRequest> request, Supplier<Connection> connection,
                             Function<Connection, EndpointRuntime> runtimes) {
        this.jobs = jobs;
        this.request = request;
        this.connection = connection;
        this.generator = (target, sent, plan, onSecond, stop) -> {
            EndpointRuntime runtime = runtimes.apply(target).forLoadTest();
            return new LoadTester().run(sent.endpointName(), plan, () -> runtime.invoke(sent), onSecond, stop);
        };
        this.snapshots = new BatchedList<>(jobs.fx(), 100_000);
        // while a test runs, the table shows its latest second; its report replaces them when it ends
        snapshots.items().addListener((javafx.collections.ListChangeListener<LoadTestSnapshot>) change -> {
            List<LoadTestSnapshot> seconds = snapshots.items();
            if (report.get() == null) {
                figures.setAll(seconds.isEmpty() ? List.of() : LoadTestFigures.live(seconds.get(seconds.size() - 1)));
            }
        });
    }

    /** Runs the tests elsewhere (the app: in a load generator's JVM, out of reach of the window's collector). */
    public void useGenerator(LoadGenerator generator) {
        this.generator = generator;
    }

    /** How the cost per million inferences of a finished test is found (the endpoint described, the prices). */
    public void useCosts(Costs costs) {
        this.costs = costs;
    }

    /** The cost line of a finished test; {@code requestBytes} is the body each call sent. */
    @FunctionalInterface
    public interface Costs {
        java.util.Optional<String> of(Connection target, LoadTestReport report, int requestBytes);
    }

    /** Asks the user (a dialog in the app) whether to go on, given the cost sentence. */
    public void useConfirmation(Predicate<String> confirmation) {
        this.confirm = confirmation;
    }

    LoadTestPlan plan() {
        List<FieldError> errors = new ArrayList<>();
        Integer count = integer(requests.get(), "Requests", errors);
        Double seconds = number(durationSeconds.get(), "Duration", errors);
        Double perSecond = number(rate.get(), "Target rate", errors);
        Double warm = number(warmupSeconds.get(), "Warm-up", errors);
        if (!errors.isEmpty()) {
            throw new com.endpointstudio.core.error.ValidationException(errors);
        }
        return new LoadTestPlan(concurrency.get(), seconds != null ? null : count,
                seconds == null ? null : Duration.ofMillis((long) (seconds * 1000)), perSecond,
                warm == null ? null : Duration.ofMillis((long) (warm * 1000)));
    }

    public void start() {
        if (run.isRunning()) {
            return;
        }
        InvocationRequest request = this.request.get();
        LoadTestPlan plan;
        try {
            plan = plan();
            plan.validate();
            request.validate();
        } catch (com.endpointstudio.core.error.ValidationException e) {
            problem.set(e.getMessage());
            return;
        }
        Connection target = connection.get();
        if (target == null) {
            problem.set("No connection is active.");
            return;
        }
        if (LoadTestCost.needsConfirmation(!target.isLocal(), plan)
                && !confirm.test(LoadTestCost.describe(request.endpointName(), plan, request.body().length))) {
            problem.set("Not started.");
            return;
        }
        problem.set("");
        snapshots.clear();
        report.set(null);
        figures.clear();
        costLine.set("");
        CancelToken early = new CancelToken();
        stop = early;
        run.start(jobs.job("Load test " + request.endpointName(), job -> {
            LoadGenerator running = generator;
            LoadTestReport finished;
            try (CancelToken.Registration dropped = job.cancelToken().onCancel(early::cancel)) {
                finished = running.run(target, request, plan, snapshots::add, early);
            }
            String cost = "";
            try {
                cost = target.isLocal() ? "" : costs.of(target, finished, request.body().length).orElse("");
            } catch (RuntimeException cannotDescribe) {
                // the figures stand without it
            }
            return java.util.Map.entry(finished, cost);
        }).onSuccess(done -> {
            LoadTestReport finished = done.getKey();
            reportConnectionId = target.id();
            costLine.set(done.getValue());
            report.set(finished);
            figures.setAll(LoadTestFigures.of(finished, done.getValue(), target.isLocal()));
            jobs.status().show(String.format("%s: %d requests, %.1f/s, p99 %.1f ms", finished.endpointName(),
                    finished.completed(), finished.throughput(), finished.latency().p99Ms()));
        }));
    }

    /** Stops the run early; the report covers what was sent until then. */
    public void cancel() {
        if (stop != null) {
            stop.cancel();
        }
    }

    /** Forgets the last run (the connection changed: it measured an endpoint of the one before). */
    void clear() {
        run.cancel();
        snapshots.clear();
        report.set(null);
        figures.clear();
        reportConnectionId = null;
        problem.set("");
    }

    public void exportCsv(Path file) {
        export(file, LoadTestReport::toCsv);
    }

    public void exportJson(Path file) {
        export(file, LoadTestReport::toJson);
    }

    private void export(Path file, java.util.function.Function<LoadTestReport, String> format) {
        LoadTestReport done = report.get();
        if (done == null) {
            return;
        }
        jobs.job("Export the load test", job -> {
            AtomicFiles.write(file, format.apply(done).getBytes(StandardCharsets.UTF_8));
            return file;
        }).onSuccess(saved -> jobs.status().show("Saved " + saved)).start();
    }

    private static Integer integer(String text, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "'" + text + "' is not a whole number"));
            return null;
        }
    }

    private static Double number(String text, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(text.strip());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, "'" + text + "' is not a number"));
            return null;
        }
    }

    /**
     * The last run's per-second p50 as points in time, for the Metrics screen to lay over the same
     * endpoint of the same connection (empty for any other). Safe from any thread.
     */
    public List<com.endpointstudio.core.metrics.MetricSeries.Point> latencyPoints(String connectionId,
                                                                                 String endpointName) {
        LoadTestReport last = report.get();
        if (last == null || !connectionId.equals(reportConnectionId) || !endpointName.equals(last.endpointName())) {
            return List.of();
        }
        List<com.endpointstudio.core.metrics.MetricSeries.Point> points = new ArrayList<>();
        for (LoadTestSnapshot second : last.timeline()) {
            points.add(new com.endpointstudio.core.metrics.MetricSeries.Point(last.startedAt().plus(second.elapsed()),
                    second.latency().p50Ms()));
        }
        return points;
    }

    /** The table of the result: the report's figures, or the latest second's while the test runs. */
    public ObservableList<LoadTestFigures.Figure> figures() {
        return figures;
    }

    public ObservableList<LoadTestSnapshot> snapshots() {
        return snapshots.items();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return run.runningProperty();
    }

    /** "cost        $0.99 per million inferences at this throughput on …", or empty. */
    public StringProperty costLineProperty() {
        return costLine;
    }

    public ObjectProperty<LoadTestReport> reportProperty() {
        return report;
    }

    public StringProperty problemProperty() {
        return problem;
    }
}
