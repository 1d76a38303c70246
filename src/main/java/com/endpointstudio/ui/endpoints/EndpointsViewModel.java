package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.endpoints.EndpointCleanup;
import com.endpointstudio.core.endpoints.EndpointUpdates;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.ui.common.ConnectedScreenModel;
import com.endpointstudio.ui.common.Jobs;
import com.endpointstudio.ui.common.Poller;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Endpoints screen: the table of the active connection's endpoints, the selected one's
 * details and what can be done to it. Auto-refresh runs only while the screen is shown; a
 * connection change empties everything and reads the new connection's endpoints.
 */
public final class EndpointsViewModel extends ConnectedScreenModel {

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

    private final CompletableFuture<InstanceCatalog> catalog;
    private final EndpointsTableModel table;
    private final EndpointDetailsModel details;
    private final EndpointActionsModel actions;
    private final ComponentsViewModel components;
    private final Jobs jobs;
    private final HibernationModel hibernation;
    private final Poller poller;
    final ObjectProperty<Refresh> refresh = new SimpleObjectProperty<>(Refresh.OFF);
    private final ObjectProperty<EndpointRow> selected = new SimpleObjectProperty<>();
    private Consumer<String> openConsole = name -> { };
    private Consumer<String> openMetrics = name -> { };
    private Consumer<com.endpointstudio.core.deploy.DeploymentSpec> openSpec = spec -> { };
    private final com.endpointstudio.ui.common.JobSlot readingSpec = new com.endpointstudio.ui.common.JobSlot();

    /**
     * @param catalog     the instance catalog (prices), read in the background at start-up
     * @param updatesFile where the studio remembers each endpoint's previous config, for revert
     */
    public EndpointsViewModel(HostingProvider hosting, CompletableFuture<InstanceCatalog> catalog,
                              DeploymentJournal journal, Path updatesFile, Jobs jobs) {
        super(hosting);
        this.jobs = jobs;
        this.catalog = catalog;
        this.table = new EndpointsTableModel(jobs, this::hosting, catalog);
        this.details = new EndpointDetailsModel(jobs, this::hosting, journal, updatesFile);
        this.actions = new EndpointActionsModel(jobs, this::hosting, details::updates);
        this.components = new ComponentsViewModel(jobs, this::hosting);
        this.hibernation = new HibernationModel(jobs, this::hosting, updatesFile.resolveSibling("hibernated"));
        hibernation.onChanged(this::load);
        // a tick while a load still runs lets it finish rather than starting it over
        this.poller = poll(jobs.scheduler(), () -> {
            if (!table.loadingProperty().get()) {
                load();
            }
        });
        selected.addListener((obs, old, now) -> {
            details.show(connection(), now);
            components.show(connection(), now == null ? null : now.name());
        });
        refresh.addListener((obs, old, now) -> poller.every(now == null ? null : now.every));
        actions.onChanged(row -> {
            load();
            details.show(connection(), row);
        });
    }

    @Override
    protected void clear() {
        table.clear();
        details.clear();
        actions.clear();
        components.clear();
        hibernation.clear();
        readingSpec.cancel();
    }

    @Override
    protected void reload() {
        load();
    }

    /** Where the Invoke and Metrics actions lead (wired by the window). */
    public void onOpen(Consumer<String> console, Consumer<String> metrics) {
        this.openConsole = console;
        this.openMetrics = metrics;
    }

    /** Reads the endpoints of the active connection again. */
    public void load() {
        table.load(connection());
        hibernation.load(connection());
    }

    /** Offers an archive built on the packaging screen; Add model then uploads it to the endpoint chosen. */
    public void offerArchive(Path archive) {
        actions.offerArchive(archive);
        if (table.rows().isEmpty()) {
            load();
        }
    }

    /** Where "Open as spec…" leads: the deploy wizard, with the spec read from the endpoint (wired by the window). */
    public void onOpenSpec(Consumer<com.endpointstudio.core.deploy.DeploymentSpec> deploy) {
        this.openSpec = deploy;
    }

    /** Reads the selected endpoint back as the spec that would make it: config, models, tags and autoscaling. */
    public void openSpecOfSelected() {
        EndpointRow row = selected.get();
        var target = connection();
        if (row == null || target == null) {
            return;
        }
        readingSpec.start(jobs.job("Open " + row.name() + " as a spec", job -> hosting(target).control()
                .specOf(row.name())).onSuccess(spec -> openSpec.accept(spec)));
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

    public void update(EndpointRow row, List<EndpointUpdates.VariantChange> changes) {
        actions.update(connection(), row, changes);
    }

    public void revert(EndpointRow row) {
        actions.revert(connection(), row);
    }

    public void readAutoScaling(EndpointRow row,
            Consumer<Map<String, Optional<com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec>>> onRead) {
        actions.readAutoScaling(connection(), row, onRead);
    }

    public void changeAutoScaling(EndpointRow row, List<AutoScalingDialog.Change> changes) {
        actions.changeAutoScaling(connection(), row, changes);
    }

    public void addModel(EndpointRow row, Path archive) {
        actions.addModel(connection(), row, archive);
    }

    public void delete(EndpointRow row, boolean cascade, Consumer<EndpointCleanup.Outcome> onDone) {
        actions.delete(connection(), row, cascade, outcome -> {
            table.remove(row);
            onDone.accept(outcome);
            load();
        });
    }

    @Override
    public void close() {
        table.close();
        super.close();
    }

    public EndpointsTableModel table() {
        return table;
    }

    public EndpointDetailsModel details() {
        return details;
    }

    public EndpointActionsModel actions() {
        return actions;
    }

    /** The inference components of the selected endpoint. */
    public ComponentsViewModel components() {
        return components;
    }

    /** The captured data viewer of an endpoint whose details are read. */
    public CapturedDataViewModel capturedData(EndpointRow row) {
        return new CapturedDataViewModel(this::hosting, connection(), row.detailsProperty().get(), jobs);
    }

    public HibernationModel hibernation() {
        return hibernation;
    }

    /** Hibernates the selected endpoint, remembering what its instances cost an hour. */
    public void hibernate(EndpointRow row) {
        if (row != null) {
            hibernation.hibernate(connection(), row.name(), row.hourlyProperty().get());
        }
    }

    public ObjectProperty<EndpointRow> selectedProperty() {
        return selected;
    }

    public ObjectProperty<Refresh> refreshProperty() {
        return refresh;
    }

    public CompletableFuture<InstanceCatalog> catalog() {
        return catalog;
    }
}
