package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.endpoints.EndpointDetails;
import com.endpointstudio.core.endpoints.EndpointUpdates;
import com.endpointstudio.core.endpoints.LoadedModel;
import com.endpointstudio.core.endpoints.MultiModelEndpoints;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The selected endpoint's details: its description, models, the studio's deploy runs of it on
 * this connection, its latest log lines, and whether it can be reverted. Choosing another
 * endpoint supersedes the read in progress, so a slow answer for the one before never shows.
 */
public final class EndpointDetailsModel {

    private final Jobs jobs;
    private final Function<Connection, Hosting> hosting;
    private final DeploymentJournal journal;
    private final Path updatesFile;
    private final JobSlot reading = new JobSlot();
    private final ObservableList<EndpointFacts.Fact> facts = FXCollections.observableArrayList();
    private final StringProperty detailsText = new SimpleStringProperty("");
    private final StringProperty logText = new SimpleStringProperty("");
    private final BooleanProperty canRevert = new SimpleBooleanProperty();
    private final BooleanProperty multiModel = new SimpleBooleanProperty();
    private final BooleanProperty captures = new SimpleBooleanProperty();

    /** What one read found. */
    private record Read(EndpointDetails details, List<String> log, List<DeploymentRecord> runs, boolean revertible,
                        List<String> models) {
    }

    public EndpointDetailsModel(Jobs jobs, Function<Connection, Hosting> hosting, DeploymentJournal journal,
                                Path updatesFile) {
        this.jobs = jobs;
        this.hosting = hosting;
        this.journal = journal;
        this.updatesFile = updatesFile;
    }

    /** Reads the details of {@code row} (or shows none). */
    public void show(Connection target, EndpointRow row) {
        clear();
        if (row == null || target == null) {
            return;
        }
        reading.start(jobs.job("Describe " + row.name(), job -> {
            Hosting ports = hosting.apply(target);
            EndpointDetails details = ports.inventory().describe(row.name()).orElse(null);
            List<String> log = ports.logs() == null ? List.of() : ports.logs().read(row.name(), null).lines();
            List<DeploymentRecord> runs = journal.all().stream().filter(r -> target.id().equals(r.connectionId())
                    && r.spec() != null && r.spec().endpoint() != null
                    && row.name().equals(r.spec().endpoint().name())).toList();
            boolean revertible = updates(target, ports).lastSwitch(row.name()).isPresent();
            List<String> models = details == null ? List.of() : MultiModelEndpoints.models(details, ports.modelData());
            if (!models.isEmpty()) { // the models in memory now are marked
                List<String> loaded = ports.inventory().loadedModels(row.name()).stream()
                        .map(LoadedModel::targetModel).toList();
                models = models.stream().map(m -> loaded.contains(m) ? m + "  (loaded)" : m).toList();
            }
            return new Read(details, log, runs, revertible, models);
        }).quietly().onSuccess(read -> {
            EndpointDetails details = read.details();
            if (details != null) {
                row.details.set(details);
            }
            var prefix = details == null ? java.util.Optional.<String>empty() : MultiModelEndpoints.prefix(details);
            multiModel.set(prefix.isPresent());
            captures.set(details != null && details.dataCaptureDestination() != null);
            List<EndpointFacts.Fact> shown = new java.util.ArrayList<>(EndpointFacts.of(details, read.runs(),
                    target.isLocal(), java.time.ZoneId.systemDefault()));
            prefix.ifPresent(p -> {
                shown.add(EndpointFacts.Fact.heading("Models under " + p + " (TargetModel)"));
                (read.models().isEmpty() ? List.of("none yet") : read.models())
                        .forEach(m -> shown.add(new EndpointFacts.Fact("", m)));
            });
            facts.setAll(shown);
            detailsText.set(EndpointFacts.text(shown));
            List<String> log = read.log();
            logText.set(log.isEmpty() ? "No log lines." : String.join("\n", log.subList(Math.max(0, log.size() - 200),
                    log.size())));
            canRevert.set(read.revertible());
        }));
    }

    EndpointUpdates updates(Connection target, Hosting ports) {
        return new EndpointUpdates(ports.control(), ports.inventory(), updatesFile, target.id());
    }

    /** Shows nothing (no selection, or the connection changed) and drops a read in progress. */
    void clear() {
        reading.cancel();
        facts.clear();
        detailsText.set("");
        logText.set("");
        canRevert.set(false);
        multiModel.set(false);
        captures.set(false);
    }

    /** The details as rows of a form: section headings, labels and values. */
    public ObservableList<EndpointFacts.Fact> facts() {
        return facts;
    }

    /** The details as text, a line per row ("Label: value"), for copying. */
    public StringProperty detailsTextProperty() {
        return detailsText;
    }

    public StringProperty logTextProperty() {
        return logText;
    }

    public BooleanProperty canRevertProperty() {
        return canRevert;
    }

    public BooleanProperty multiModelProperty() {
        return multiModel;
    }

    /** Whether the selected endpoint captures data (the Captured data viewer applies). */
    public BooleanProperty capturesProperty() {
        return captures;
    }
}
