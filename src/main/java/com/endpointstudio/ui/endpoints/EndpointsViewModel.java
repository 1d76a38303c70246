package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.endpoints.EndpointCleanup;
import com.endpointstudio.core.endpoints.EndpointCosts;
import com.endpointstudio.core.endpoints.EndpointDetails;
import com.endpointstudio.core.endpoints.EndpointUpdates;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.hosting.SageMakerControl.EndpointDescription;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.instance.Quantities;
import com.endpointstudio.ui.common.Background;
import com.endpointstudio.ui.common.ConnectionSession;
import com.endpointstudio.ui.common.ErrorReporter;
import com.endpointstudio.ui.common.StatusModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The endpoints dashboard: every endpoint of the connection (the list first, then each one's
 * details filled in the background, then one metrics call for their invocations), filtered and
 * sorted by the view; what they cost and which are idle; the selected one's details, timeline
 * and log; update, revert and delete.
 */
public final class EndpointsViewModel {

    public static final String ANY = "All";

    /** Auto-refresh choices. */
    public enum Refresh {
        OFF("Off", null), S30("30 s", Duration.ofSeconds(30)), M1("1 min", Duration.ofMinutes(1)),
        M5("5 min", Duration.ofMinutes(5));

        private final String label;
        private final Duration every;

        Refresh(String label, Duration every) {
            this.label = label;
            this.every = every;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final ConnectionSession sessions;
    private final Supplier<Connection> connection;
    private final InstanceCatalog catalog;
    private final DeploymentJournal journal;
    private final Path updatesFile;
    private final Background background;
    private final ErrorReporter errors;
    private final StatusModel status;
    private final ExecutorService describers = Executors.newFixedThreadPool(4, task -> {
        Thread thread = new Thread(task, "endpoint-describe");
        thread.setDaemon(true);
        return thread;
    });

    private final ObservableList<EndpointRow> rows = FXCollections.observableArrayList(
            row -> new javafx.beans.Observable[] {row.details, row.calls, row.status});
    private final FilteredList<EndpointRow> shown = new FilteredList<>(rows);
    final StringProperty search = new SimpleStringProperty("");
    final StringProperty statusFilter = new SimpleStringProperty(ANY);
    final StringProperty kindFilter = new SimpleStringProperty(ANY);
    final ObjectProperty<Duration> idleWindow = new SimpleObjectProperty<>(Duration.ofHours(24));
    final ObjectProperty<Refresh> refresh = new SimpleObjectProperty<>(Refresh.OFF);
    private final ObjectProperty<EndpointRow> selected = new SimpleObjectProperty<>();
    private final StringProperty totals = new SimpleStringProperty("");
    private final StringProperty detailsText = new SimpleStringProperty("");
    private final StringProperty logText = new SimpleStringProperty("");
    private final StringProperty progress = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty canRevert = new SimpleBooleanProperty();
    private final BooleanProperty multiModel = new SimpleBooleanProperty();
    private final BooleanProperty captures = new SimpleBooleanProperty();
    private final HostingProvider hosting;
    /** An archive just built on the packaging screen, waiting for the user to pick the endpoint it joins. */
    private final ObjectProperty<Path> offeredArchive = new SimpleObjectProperty<>();
    /** The Add model upload in flight, cancelled by the user's Cancel upload; null when none runs. */
    private final ObjectProperty<com.endpointstudio.core.task.CancelToken> upload = new SimpleObjectProperty<>();
    private final Timeline ticker = new Timeline();
    private int generation;
    private Consumer<String> openConsole = name -> { };
    private Consumer<String> openMetrics = name -> { };

    public EndpointsViewModel(HostingProvider hosting, Supplier<Connection> connection, InstanceCatalog catalog,
                              DeploymentJournal journal, Path updatesFile, Background background, ErrorReporter errors,
                              StatusModel status) {
        this.sessions = new ConnectionSession(hosting);
        this.hosting = hosting;
        this.connection = connection;
        this.catalog = catalog;
        this.journal = journal;
        this.updatesFile = updatesFile;
        this.background = background;
        this.errors = errors;
        this.status = status;
        for (javafx.beans.Observable input : List.<javafx.beans.Observable>of(search, statusFilter, kindFilter)) {
            input.addListener(obs -> shown.setPredicate(this::matches));
        }
        selected.addListener((obs, old, now) -> {
            showDetails(now);
            components().show(now == null ? null : now.name());
        });
        ticker.setCycleCount(Timeline.INDEFINITE);
        refresh.addListener((obs, old, now) -> {
            ticker.stop();
            if (now != null && now.every != null) {
                ticker.getKeyFrames().setAll(new KeyFrame(javafx.util.Duration.millis(now.every.toMillis()),
                        event -> load()));
                ticker.play();
            }
        });
    }

    /** Where the Invoke and Metrics actions lead (wired by the window). */
    public void onOpen(Consumer<String> console, Consumer<String> metrics) {
        this.openConsole = console;
        this.openMetrics = metrics;
    }

    private boolean matches(EndpointRow row) {
        String text = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        if (!text.isEmpty() && !row.name().toLowerCase(Locale.ROOT).contains(text)
                && !row.capacity().toLowerCase(Locale.ROOT).contains(text)) {
            return false;
        }
        if (!ANY.equals(statusFilter.get()) && !statusFilter.get().equals(row.status.get())) {
            return false;
        }
        return ANY.equals(kindFilter.get()) || kindFilter.get().equals(row.kind());
    }

    // ---- loading ------------------------------------------------------------------------------

    /** Lists the endpoints (paginated), then describes them four at a time, then reads their invocations. */
    public void load() {
        Connection target = connection.get();
        if (target == null || loading.get()) {
            return;
        }
        loading.set(true);
        int run = ++generation;
        Runnable done = status.begin("Listing the endpoints of " + target.label() + "…");
        background.run(() -> session(target).hosting().control().listEndpoints(), listed -> {
            done.run();
            merge(listed);
            describeAll(target, run);
        }, error -> {
            done.run();
            loading.set(false);
            errors.report("List endpoints", error);
        });
    }

    private void merge(List<EndpointDescription> listed) {
        Map<String, EndpointRow> existing = new HashMap<>();
        rows.forEach(row -> existing.put(row.name(), row));
        List<EndpointRow> next = new ArrayList<>(listed.size());
        for (EndpointDescription endpoint : listed) {
            EndpointRow row = existing.getOrDefault(endpoint.name(), new EndpointRow(endpoint.name(), endpoint.createdAt()));
            row.status.set(endpoint.status());
            next.add(row);
        }
        rows.setAll(next);
    }

    private void describeAll(Connection target, int run) {
        Hosting ports = session(target).hosting();
        List<EndpointRow> todo = List.copyOf(rows);
        List<CompletableFuture<Void>> described = new ArrayList<>();
        for (EndpointRow row : todo) {
            described.add(CompletableFuture.supplyAsync(() -> ports.inventory().describe(row.name()), describers)
                    .thenAcceptAsync(found -> {
                        if (run == generation) {
                            found.ifPresent(row.details::set);
                        }
                    }, background.fx()));
        }
        CompletableFuture.allOf(described.toArray(CompletableFuture[]::new)).whenCompleteAsync((ignored, error) -> {
            if (error != null) {
                loading.set(false);
                errors.report("Describe endpoints", error.getCause() == null ? error : error.getCause());
                return;
            }
            readInvocations(target, run);
        }, background.fx());
    }

    private void readInvocations(Connection target, int run) {
        List<EndpointDetails> details = rows.stream().map(row -> row.details.get())
                .filter(java.util.Objects::nonNull).toList();
        Duration window = idleWindow.get();
        background.run(() -> session(target).hosting().metrics() == null ? Map.<String, Double>of()
                : EndpointCosts.invocations(session(target).hosting().metrics(), details, window, Instant.now()), calls -> {
            loading.set(false);
            if (run != generation) {
                return;
            }
            EndpointCosts costs = costs(target);
            Instant now = Instant.now();
            for (EndpointRow row : rows) {
                EndpointDetails d = row.details.get();
                Double n = calls.get(row.name());
                row.calls.set(n);
                row.hourly.set(d == null ? null : costs.hourly(d));
                row.idle.set(d != null && n != null && costs.idle(d, n, window, now));
                row.idleCost.set(row.idle.get() ? costs.idleCost(d, window) : null);
            }
            refreshTotals(costs);
            status.show(rows.size() + " endpoint(s) on " + target.label());
        }, error -> {
            loading.set(false);
            refreshTotals(costs(target));
            status.show("Invocations could not be read: " + error.getMessage());
        });
    }

    private EndpointCosts costs(Connection target) {
        String region = target.isLocal() || target.region() == null ? "us-east-1" : target.region();
        return new EndpointCosts(catalog, region);
    }

    private void refreshTotals(EndpointCosts costs) {
        List<EndpointDetails> running = rows.stream().map(row -> row.details.get()).filter(java.util.Objects::nonNull)
                .filter(d -> "InService".equals(d.status()) || "Updating".equals(d.status())).toList();
        double hourly = costs.totalHourly(running);
        long idle = rows.stream().filter(row -> row.idle.get()).count();
        double idleCost = rows.stream().map(row -> row.idleCost.get()).filter(java.util.Objects::nonNull)
                .mapToDouble(Double::doubleValue).sum();
        Connection target = connection.get();
        totals.set(rows.size() + " endpoint(s) · running cost " + Quantities.usd(hourly) + " an hour, "
                + Quantities.usd(hourly * 24) + " a day" + (target != null && target.isLocal()
                ? " if they ran on AWS (Local costs nothing)" : "") + (idle == 0 ? "" : " · " + idle + " idle for "
                + idleWindow.get().toHours() + " h, costing " + Quantities.usd(idleCost) + " meanwhile"));
    }

    // ---- the selected endpoint -----------------------------------------------------------------

    private void showDetails(EndpointRow row) {
        if (row == null) {
            detailsText.set("");
            logText.set("");
            canRevert.set(false);
            return;
        }
        Connection target = connection.get();
        background.run(() -> {
            Hosting ports = session(target).hosting();
            EndpointDetails details = ports.inventory().describe(row.name()).orElse(null);
            List<String> log = ports.logs() == null ? List.of() : ports.logs().read(row.name(), null).lines();
            List<DeploymentRecord> runs = journal.all().stream().filter(r -> r.spec() != null
                    && r.spec().endpoint() != null && row.name().equals(r.spec().endpoint().name())).toList();
            boolean revertible = updates(target, ports).lastSwitch(row.name()).isPresent();
            List<String> models = details == null ? List.of()
                    : com.endpointstudio.core.endpoints.MultiModelEndpoints.models(details, ports.modelData());
            List<String> loaded = details == null ? List.of() : ports.inventory().loadedModels(row.name()).stream()
                    .map(com.endpointstudio.core.endpoints.LoadedModel::targetModel).toList();
            return new Object[] {details, log, runs, revertible, models.stream().map(m -> loaded.contains(m)
                    ? m + "  (loaded)" : m).toList()};
        }, found -> {
            EndpointDetails details = (EndpointDetails) found[0];
            if (details != null) {
                row.details.set(details);
            }
            @SuppressWarnings("unchecked") List<String> log = (List<String>) found[1];
            @SuppressWarnings("unchecked") List<DeploymentRecord> runs = (List<DeploymentRecord>) found[2];
            @SuppressWarnings("unchecked") List<String> models = (List<String>) found[4];
            boolean mme = details != null && com.endpointstudio.core.endpoints.MultiModelEndpoints.prefix(details)
                    .isPresent();
            multiModel.set(mme);
            captures.set(details != null && details.dataCaptureDestination() != null);
            detailsText.set(EndpointText.describe(details, runs) + (mme ? "\nModels under "
                    + com.endpointstudio.core.endpoints.MultiModelEndpoints.prefix(details).get() + " (TargetModel)\n"
                    + (models.isEmpty() ? "  none yet\n" : "  " + String.join("\n  ", models) + "\n") : ""));
            logText.set(log.isEmpty() ? "No log lines." : String.join("\n", log.subList(Math.max(0, log.size() - 200),
                    log.size())));
            canRevert.set((Boolean) found[3]);
        }, error -> errors.report("Describe " + row.name(), error));
    }

    private EndpointUpdates updates(Connection target, Hosting ports) {
        return new EndpointUpdates(ports.control(), ports.inventory(), updatesFile, target.id());
    }

    /** Offers an archive built on the packaging screen; Add model then uploads it to the endpoint chosen. */
    public void offerArchive(Path archive) {
        offeredArchive.set(archive);
        if (rows.isEmpty()) {
            load();
        }
    }

    public void cancelUpload() {
        if (upload.get() != null) {
            upload.get().cancel();
        }
    }

    public javafx.beans.binding.BooleanBinding uploadingProperty() {
        return upload.isNotNull();
    }

    public ObjectProperty<Path> offeredArchiveProperty() {
        return offeredArchive;
    }

    /** Uploads another packaged model under a multi-model endpoint's prefix, showing how far it got. */
    public void addModel(EndpointRow row, Path archive) {
        Connection target = connection.get();
        EndpointDetails details = row.details.get();
        if (target == null || details == null) {
            return;
        }
        if (archive.equals(offeredArchive.get())) {
            offeredArchive.set(null);
        }
        progress.set("Uploading " + archive.getFileName() + "…");
        var shown = new com.endpointstudio.ui.common.LatestValue<String>(background.fx(), progress::set);
        com.endpointstudio.core.task.ProgressListener uploaded = (done, total) -> shown.publish(total > 0
                ? String.format(java.util.Locale.ROOT, "Uploading %s: %d %%", archive.getFileName(), 100 * done / total)
                : "Uploading " + archive.getFileName() + "…");
        var cancel = new com.endpointstudio.core.task.CancelToken();
        upload.set(cancel);
        background.run(() -> com.endpointstudio.core.endpoints.MultiModelEndpoints.add(details, archive,
                session(target).hosting().modelData(), uploaded, cancel), added -> {
            upload.set(null);
            progress.set(row.name() + " serves " + added + " as TargetModel " + added);
            showDetails(row);
        }, error -> {
            upload.set(null);
            if (cancel.isCancelled()) {
                progress.set("Upload of " + archive.getFileName() + " cancelled; nothing was added.");
            } else {
                progress.set("");
                errors.report("Add model to " + row.name(), error);
            }
        });
    }

    public BooleanProperty multiModelProperty() {
        return multiModel;
    }

    /** Whether the selected endpoint captures data (the Captured data viewer applies). */
    public BooleanProperty capturesProperty() {
        return captures;
    }

    private ComponentsViewModel components;

    /** The inference components of the selected endpoint. */
    public synchronized ComponentsViewModel components() {
        if (components == null) {
            components = new ComponentsViewModel(hosting, connection, background, errors);
        }
        return components;
    }

    /** The captured data viewer of an endpoint whose details are read. */
    public CapturedDataViewModel capturedData(EndpointRow row) {
        return new CapturedDataViewModel(hosting, connection.get(), row.detailsProperty().get(), background, errors);
    }

    public void invokeSelected() {
        if (selected.get() != null) {
            openConsole.accept(selected.get().name());
        }
    }

    public void metricsOfSelected() {
        if (selected.get() != null) {
            openMetrics.accept(selected.get().name());
        }
    }

    /** Applies an update and follows the endpoint until it is InService again (or Failed). */
    public void update(EndpointRow row, List<EndpointUpdates.VariantChange> changes) {
        Connection target = connection.get();
        EndpointDetails current = row.details.get();
        if (target == null || current == null) {
            return;
        }
        progress.set("Updating " + row.name() + "…");
        background.run(() -> {
            Hosting ports = session(target).hosting();
            String config = updates(target, ports).apply(current, changes);
            follow(ports, row.name());
            return config;
        }, config -> {
            progress.set(config == null ? row.name() + ": weights and counts updated"
                    : row.name() + " switched to " + config);
            load();
            showDetails(row);
        }, error -> {
            progress.set("");
            errors.report("Update " + row.name(), error);
        });
    }

    /** Reads each instance-backed variant's autoscaling (off the FX thread) for the autoscaling dialog. */
    public void readAutoScaling(EndpointRow row,
            Consumer<Map<String, java.util.Optional<com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec>>> onRead) {
        Connection target = connection.get();
        EndpointDetails current = row == null ? null : row.details.get();
        if (target == null || current == null) {
            return;
        }
        if (target.isLocal()) {
            errors.report("Autoscaling", new com.endpointstudio.core.error.StudioException("Local hosting runs one "
                    + "model server per endpoint; autoscaling applies to endpoints on AWS."));
            return;
        }
        progress.set("Reading the autoscaling of " + row.name() + "…");
        background.run(() -> {
            var control = session(target).hosting().control();
            Map<String, java.util.Optional<com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec>> found =
                    new java.util.LinkedHashMap<>();
            for (EndpointDetails.Variant variant : current.variants()) {
                if (!variant.serverless()) {
                    found.put(variant.name(), control.describeAutoScaling(row.name(), variant.name()));
                }
            }
            return found;
        }, found -> {
            progress.set("");
            onRead.accept(found);
        }, error -> {
            progress.set("");
            errors.report("Autoscaling of " + row.name(), error);
        });
    }

    /** Registers, changes or removes the variants' scalable targets and target-tracking policies. */
    public void changeAutoScaling(EndpointRow row, List<AutoScalingDialog.Change> changes) {
        Connection target = connection.get();
        EndpointDetails current = row.details.get();
        if (target == null || current == null || changes.isEmpty()) {
            return;
        }
        progress.set("Updating the autoscaling of " + row.name() + "…");
        background.run(() -> {
            var control = session(target).hosting().control();
            List<String> done = new java.util.ArrayList<>();
            for (AutoScalingDialog.Change change : changes) {
                EndpointDetails.Variant variant = current.variants().stream()
                        .filter(v -> v.name().equals(change.variantName())).findFirst().orElseThrow();
                if (change.scaling() == null) {
                    control.removeAutoScaling(row.name(), variant.name());
                    done.add(variant.name() + ": autoscaling off");
                } else {
                    done.add(variant.name() + ": " + control.configureAutoScaling(row.name(),
                            new com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec(variant.name(),
                                    variant.modelName(), variant.instanceType(), variant.desiredCount() == null ? 1
                                    : variant.desiredCount(), variant.weight(), null, change.scaling())));
                }
            }
            return String.join("; ", done);
        }, summary -> {
            progress.set(summary);
            showDetails(row);
        }, error -> {
            progress.set("");
            errors.report("Autoscaling of " + row.name(), error);
        });
    }

    public void revert(EndpointRow row) {
        Connection target = connection.get();
        if (target == null || row == null) {
            return;
        }
        progress.set("Reverting " + row.name() + "…");
        background.run(() -> {
            Hosting ports = session(target).hosting();
            EndpointUpdates.Switch back = updates(target, ports).revert(row.name());
            follow(ports, row.name());
            return back;
        }, back -> {
            progress.set(row.name() + " is back on " + back.newConfig());
            load();
            showDetails(row);
        }, error -> {
            progress.set("");
            errors.report("Revert " + row.name(), error);
        });
    }

    /** Polls the endpoint every five seconds while it updates, reporting its status, for up to an hour. */
    private void follow(Hosting ports, String name) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofHours(1));
        while (Instant.now().isBefore(until)) {
            var now = ports.control().describeEndpoint(name);
            String state = now.map(EndpointDescription::status).orElse("gone");
            background.fx().execute(() -> progress.set(name + ": " + state));
            if (!"Updating".equals(state) && !"Creating".equals(state) && !"SystemUpdating".equals(state)) {
                return;
            }
            Thread.sleep(5000);
        }
    }

    /** Deletes the endpoint (and with cascade the studio's unshared config and models). */
    public void delete(EndpointRow row, boolean cascade, Consumer<EndpointCleanup.Outcome> onDone) {
        Connection target = connection.get();
        if (target == null || row == null) {
            return;
        }
        Runnable done = status.begin("Deleting " + row.name() + "…");
        background.run(() -> {
            Hosting ports = session(target).hosting();
            return new EndpointCleanup(ports.control(), ports.inventory()).delete(row.name(), cascade);
        }, outcome -> {
            done.run();
            rows.remove(row);
            status.show("Deleted: " + String.join(", ", outcome.deleted()));
            onDone.accept(outcome);
            load();
        }, error -> {
            done.run();
            errors.report("Delete " + row.name(), error);
        });
    }

    HostingProvider.Session session(Connection target) {
        return sessions.of(target);
    }

    public synchronized void close() {
        ticker.stop();
        describers.shutdownNow();
        sessions.close();
    }

    /** The statuses and kinds the filters offer. */
    public static List<String> statuses() {
        return List.of(ANY, "InService", "Creating", "Updating", "SystemUpdating", "RollingBack", "OutOfService",
                "Deleting", "Failed");
    }

    public static List<String> kinds() {
        return List.of(ANY, "instances", "serverless", "async");
    }

    public ObservableList<EndpointRow> rows() {
        return rows;
    }

    public FilteredList<EndpointRow> shown() {
        return shown;
    }

    public ObjectProperty<EndpointRow> selectedProperty() {
        return selected;
    }

    public StringProperty totalsProperty() {
        return totals;
    }

    public StringProperty detailsTextProperty() {
        return detailsText;
    }

    public StringProperty logTextProperty() {
        return logText;
    }

    public StringProperty progressProperty() {
        return progress;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public BooleanProperty canRevertProperty() {
        return canRevert;
    }

    public InstanceCatalog catalog() {
        return catalog;
    }
}
