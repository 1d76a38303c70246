package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.endpoints.EndpointCleanup;
import com.endpointstudio.core.endpoints.EndpointDetails;
import com.endpointstudio.core.endpoints.EndpointUpdates;
import com.endpointstudio.core.endpoints.MultiModelEndpoints;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.hosting.SageMakerControl.EndpointDescription;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.ui.common.Job;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What can be done to an endpoint: update it or revert its last update (and follow it until it
 * is InService again), change its autoscaling, add a model to a multi-model endpoint, delete it.
 * What runs can be cancelled: following stops (the change goes on in SageMaker), an upload stops
 * and adds nothing.
 */
public final class EndpointActionsModel {

    private final Jobs jobs;
    private final Function<Connection, Hosting> hosting;
    private final BiFunction<Connection, Hosting, EndpointUpdates> updates;
    private final JobSlot changing = new JobSlot();
    private final JobSlot uploading = new JobSlot();
    private final JobSlot deleting = new JobSlot();
    private final JobSlot reading = new JobSlot();
    private final StringProperty progress = new SimpleStringProperty("");
    /** An archive just built on the packaging screen, waiting for the user to pick the endpoint it joins. */
    private final ObjectProperty<Path> offeredArchive = new SimpleObjectProperty<>();
    private final BooleanBinding busy = Bindings.or(changing.runningProperty(), uploading.runningProperty());
    private CancelToken stopUpload;
    /** Where to go after a change: the table and the details are read again. */
    private Consumer<EndpointRow> changed = row -> { };

    public EndpointActionsModel(Jobs jobs, Function<Connection, Hosting> hosting,
                                BiFunction<Connection, Hosting, EndpointUpdates> updates) {
        this.jobs = jobs;
        this.hosting = hosting;
        this.updates = updates;
    }

    void onChanged(Consumer<EndpointRow> reload) {
        this.changed = reload;
    }

    /** Applies an update and follows the endpoint until it is InService again (or Failed). */
    public void update(Connection target, EndpointRow row, List<EndpointUpdates.VariantChange> changes) {
        EndpointDetails current = row.details.get();
        if (target == null || current == null) {
            return;
        }
        follow(row, "Update " + row.name(), (ports, job) -> {
            String config = updates.apply(target, ports).apply(current, changes);
            waitWhileUpdating(ports, row.name(), job);
            return config == null ? row.name() + ": weights and counts updated" : row.name() + " switched to " + config;
        }, target);
    }

    public void revert(Connection target, EndpointRow row) {
        if (target == null || row == null) {
            return;
        }
        follow(row, "Revert " + row.name(), (ports, job) -> {
            EndpointUpdates.Switch back = updates.apply(target, ports).revert(row.name());
            waitWhileUpdating(ports, row.name(), job);
            return row.name() + " is back on " + back.newConfig();
        }, target);
    }

    private void follow(EndpointRow row, String title, Change work, Connection target) {
        Job<String> job = jobs.job(title, context -> work.apply(hosting.apply(target), context));
        job.messageProperty().addListener((obs, old, now) -> progress.set(now));
        changing.cancel(); // what the run before says as it stops comes first
        progress.set(title + "…");
        changing.start(job.onSuccess(summary -> {
            progress.set(summary);
            changed.accept(row);
        }).whenDone(() -> {
            if (job.isCancelled()) {
                progress.set("Stopped following " + row.name() + "; SageMaker goes on with the change.");
            } else if (job.errorProperty().get() != null) {
                progress.set("");
            }
        }));
    }

    @FunctionalInterface
    private interface Change {
        String apply(Hosting ports, Job.Context job) throws Exception;
    }

    /** Polls the endpoint every five seconds while it updates, reporting its status, for up to an hour. */
    private static void waitWhileUpdating(Hosting ports, String name, Job.Context job) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofHours(1));
        while (Instant.now().isBefore(until)) {
            job.cancelToken().throwIfCancelled();
            String state = ports.control().describeEndpoint(name).map(EndpointDescription::status).orElse("gone");
            job.message(name + ": " + state);
            if (!"Updating".equals(state) && !"Creating".equals(state) && !"SystemUpdating".equals(state)) {
                return;
            }
            Thread.sleep(5000);
        }
    }

    /** Reads each instance-backed variant's autoscaling for the autoscaling dialog. */
    public void readAutoScaling(Connection target, EndpointRow row, Consumer<Map<String, Optional<AutoScalingSpec>>> onRead) {
        EndpointDetails current = row == null ? null : row.details.get();
        if (target == null || current == null) {
            return;
        }
        if (target.isLocal()) {
            jobs.errors().report("Autoscaling", new StudioException("Local hosting runs one model server per "
                    + "endpoint; autoscaling applies to endpoints on AWS."));
            return;
        }
        reading.start(jobs.job("Read the autoscaling of " + row.name(), job -> {
            var control = hosting.apply(target).control();
            Map<String, Optional<AutoScalingSpec>> found = new LinkedHashMap<>();
            for (EndpointDetails.Variant variant : current.variants()) {
                if (!variant.serverless()) {
                    found.put(variant.name(), control.describeAutoScaling(row.name(), variant.name()));
                }
            }
            return found;
        }).onSuccess(onRead));
    }

    /** Registers, changes or removes the variants' scalable targets and target-tracking policies. */
    public void changeAutoScaling(Connection target, EndpointRow row, List<AutoScalingDialog.Change> changes) {
        EndpointDetails current = row.details.get();
        if (target == null || current == null || changes.isEmpty()) {
            return;
        }
        follow(row, "Update the autoscaling of " + row.name(), (ports, job) -> {
            List<String> done = new ArrayList<>();
            for (AutoScalingDialog.Change change : changes) {
                EndpointDetails.Variant variant = current.variants().stream()
                        .filter(v -> v.name().equals(change.variantName())).findFirst().orElseThrow();
                if (change.scaling() == null) {
                    ports.control().removeAutoScaling(row.name(), variant.name());
                    done.add(variant.name() + ": autoscaling off");
                } else {
                    done.add(variant.name() + ": " + ports.control().configureAutoScaling(row.name(),
                            new VariantSpec(variant.name(), variant.modelName(), variant.instanceType(),
                                    variant.desiredCount() == null ? 1 : variant.desiredCount(), variant.weight(), null,
                                    change.scaling())));
                }
            }
            return String.join("; ", done);
        }, target);
    }

    /** Uploads another packaged model under a multi-model endpoint's prefix, showing how far it got. */
    public void addModel(Connection target, EndpointRow row, Path archive) {
        EndpointDetails details = row.details.get();
        if (target == null || details == null) {
            return;
        }
        if (archive.equals(offeredArchive.get())) {
            offeredArchive.set(null);
        }
        String file = archive.getFileName().toString();
        uploading.cancel();
        progress.set("Uploading " + file + "…");
        CancelToken stop = new CancelToken();
        stopUpload = stop;
        Job<String> job = jobs.job("Add " + file + " to " + row.name(), context -> {
            ProgressListener uploaded = (done, total) -> context.message(total > 0
                    ? String.format(Locale.ROOT, "Uploading %s: %d %%", file, 100 * done / total)
                    : "Uploading " + file + "…");
            try (CancelToken.Registration dropped = context.cancelToken().onCancel(stop::cancel)) {
                return MultiModelEndpoints.add(details, archive, hosting.apply(target).modelData(), uploaded, stop);
            }
        });
        job.messageProperty().addListener((obs, old, now) -> progress.set(now));
        uploading.start(job.onSuccess(added -> {
            progress.set(row.name() + " serves " + added + " as TargetModel " + added);
            changed.accept(row);
        }).whenDone(() -> {
            if (job.isCancelled()) {
                progress.set("Upload of " + file + " cancelled; nothing was added.");
            } else if (job.errorProperty().get() != null) {
                progress.set("");
            }
        }));
    }

    /** Cancels what runs: an upload stops (and adds nothing), an update is no longer followed. */
    public void cancel() {
        if (stopUpload != null) {
            stopUpload.cancel();
        }
        changing.cancel();
    }

    /** Deletes the endpoint (and with cascade the studio's unshared config and models). */
    public void delete(Connection target, EndpointRow row, boolean cascade, Consumer<EndpointCleanup.Outcome> onDone) {
        if (target == null || row == null) {
            return;
        }
        deleting.start(jobs.job("Delete " + row.name(), job -> {
            Hosting ports = hosting.apply(target);
            return new EndpointCleanup(ports.control(), ports.inventory()).delete(row.name(), cascade);
        }).onSuccess(outcome -> {
            jobs.status().show("Deleted: " + String.join(", ", outcome.deleted()));
            onDone.accept(outcome);
        }));
    }

    /** Offers an archive built on the packaging screen; Add model then uploads it to the endpoint chosen. */
    public void offerArchive(Path archive) {
        offeredArchive.set(archive);
    }

    /** Stops what runs for the connection before and forgets what it said. */
    void clear() {
        changing.cancel();
        uploading.cancel();
        deleting.cancel();
        reading.cancel();
        progress.set("");
    }

    public StringProperty progressProperty() {
        return progress;
    }

    public ObjectProperty<Path> offeredArchiveProperty() {
        return offeredArchive;
    }

    /** An update being followed or an upload running: what Cancel stops. */
    public BooleanBinding busyProperty() {
        return busy;
    }
}
