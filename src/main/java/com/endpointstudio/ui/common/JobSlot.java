package com.endpointstudio.ui.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;

/**
 * One command of a view model (send, describe the selection, list): a new run supersedes the one
 * before, which is cancelled and whose late answer is dropped. Its running and progress follow the
 * latest run, for the screen's spinner and Cancel button.
 */
public final class JobSlot {

    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private Job<?> current;

    /** Cancels the run before, then starts {@code job}. */
    public <T> Job<T> start(Job<T> job) {
        cancel();
        current = job;
        running.bind(job.runningProperty());
        progress.bind(job.progressProperty());
        return job.start();
    }

    public void cancel() {
        if (current != null) {
            current.cancel();
        }
    }

    public boolean isRunning() {
        return running.get();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }
}
