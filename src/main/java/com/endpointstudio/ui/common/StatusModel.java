package com.endpointstudio.ui.common;

import java.time.Duration;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the status bar shows: the jobs running now (the newest, and how many more), else a short
 * notice ("Saved …") that fades after a few seconds and goes when the connection changes.
 */
public final class StatusModel {

    static final Duration NOTICE_TIME = Duration.ofSeconds(8);
    private static final String IDLE = "Ready";

    private final ObservableList<Job<?>> running = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(IDLE);
    private final BooleanBinding busy = Bindings.isNotEmpty(running);
    private final Scheduler scheduler;
    private String notice;
    private Scheduler.Timer fading;

    /** @param scheduler fades notices; null keeps them until the next job or connection change */
    public StatusModel(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public StatusModel() {
        this(null);
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanBinding busyProperty() {
        return busy;
    }

    /** The jobs running now, oldest first. */
    public ObservableList<Job<?>> running() {
        return FXCollections.unmodifiableObservableList(running);
    }

    /** A passing notice, shown while no job runs. */
    public void show(String text) {
        notice = text;
        if (fading != null) {
            fading.close();
        }
        if (scheduler != null) {
            fading = scheduler.after(NOTICE_TIME, this::clearNotice);
        }
        refresh();
    }

    /** Forgets the notice (the connection changed: it was about the one before). */
    public void clearNotice() {
        notice = null;
        refresh();
    }

    void add(Job<?> job) {
        notice = null;
        running.add(job);
        refresh();
    }

    void remove(Job<?> job) {
        if (running.remove(job)) {
            refresh();
        }
    }

    void refresh() {
        if (running.isEmpty()) {
            message.set(notice == null ? IDLE : notice);
            return;
        }
        Job<?> newest = running.get(running.size() - 1);
        message.set(newest.messageProperty().get() + (running.size() > 1
                ? " (and " + (running.size() - 1) + " more)" : ""));
    }
}
