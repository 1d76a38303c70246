package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.endpoints.Hibernation;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.instance.Quantities;
import com.endpointstudio.ui.common.Job;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Hibernate and wake on the Endpoints screen: an InService endpoint is deleted while its config,
 * models, tags and autoscaling are kept in a record; wake makes it again and follows it to
 * InService. The records of the active connection are listed with what each saves a day.
 */
public final class HibernationModel {

    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.systemDefault());

    private final Jobs jobs;
    private final Function<Connection, Hosting> hosting;
    private final Path folder;
    private final ObservableList<Hibernation.Record> sleeping = FXCollections.observableArrayList();
    private final JobSlot reading = new JobSlot();
    private final JobSlot changing = new JobSlot();
    private final StringProperty progress = new SimpleStringProperty("");
    private Runnable changed = () -> { };

    /** @param folder where the records are kept, the data folder's hibernated/ */
    public HibernationModel(Jobs jobs, Function<Connection, Hosting> hosting, Path folder) {
        this.jobs = jobs;
        this.hosting = hosting;
        this.folder = folder;
    }

    void onChanged(Runnable reload) {
        this.changed = reload;
    }

    private Hibernation hibernation(Connection target) {
        Hosting ports = hosting.apply(target);
        return new Hibernation(folder, target.place(), ports.control(), ports.inventory());
    }

    /** Reads the records of the connection's hibernated endpoints. */
    public void load(Connection target) {
        if (target == null) {
            sleeping.clear();
            return;
        }
        reading.start(jobs.job("Read the hibernated endpoints", job -> hibernation(target).list()).quietly()
                .onSuccess(sleeping::setAll));
    }

    /** Deletes the endpoint and keeps what makes it again; {@code hourly} is what its instances cost. */
    public void hibernate(Connection target, String name, Double hourly) {
        if (target == null) {
            return;
        }
        progress.set("Hibernating " + name + "…");
        changing.start(jobs.job("Hibernate " + name, job -> hibernation(target).hibernate(name, hourly))
                .onSuccess(record -> {
                    progress.set(record.name() + " hibernates" + (record.hourlyCost() == null ? "" : ", saving "
                            + Quantities.usd(record.hourlyCost() * 24) + " a day") + "; Wake makes it again.");
                    load(target);
                    changed.run();
                }));
    }

    /** Makes the endpoint again from its config and follows it until it is InService. */
    public void wake(Connection target, Hibernation.Record record) {
        if (target == null) {
            return;
        }
        Duration poll = target.isLocal() ? Duration.ofSeconds(1) : Duration.ofSeconds(15);
        Job<?> job = jobs.job("Wake " + record.name(), context -> hibernation(target).wake(record.name(), poll,
                Duration.ofMinutes(60), context::message, context.cancelToken()));
        job.messageProperty().addListener((obs, old, now) -> progress.set(now));
        progress.set("Waking " + record.name() + "…");
        changing.start(job.onSuccess(described -> {
            progress.set(record.name() + " is InService again.");
            load(target);
            changed.run();
        }).whenDone(() -> {
            if (job.isCancelled()) {
                progress.set("Stopped following " + record.name() + "; SageMaker goes on creating it.");
            }
        }));
    }

    /** What a record says in the list: "churn, since 2026-11-30 14:02, saves $5.52 a day". */
    public static String describe(Hibernation.Record record) {
        return record.name() + ", hibernated " + WHEN.format(record.hibernatedAt())
                + (record.hourlyCost() == null ? "" : ", saves " + Quantities.usd(record.hourlyCost() * 24) + " a day");
    }

    void clear() {
        reading.cancel();
        changing.cancel();
        sleeping.clear();
        progress.set("");
    }

    public ObservableList<Hibernation.Record> sleeping() {
        return sleeping;
    }

    public List<Hibernation.Record> snapshot() {
        return List.copyOf(sleeping);
    }

    public StringProperty progressProperty() {
        return progress;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return changing.runningProperty();
    }
}
