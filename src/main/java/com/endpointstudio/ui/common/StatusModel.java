package com.endpointstudio.ui.common;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;

/** What the status bar shows: the latest message and whether background work is running. */
public final class StatusModel {

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Ready");
    private final IntegerProperty running = new SimpleIntegerProperty();
    private final BooleanBinding busy = Bindings.greaterThan(running, 0);

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanBinding busyProperty() {
        return busy;
    }

    public void show(String text) {
        message.set(text);
    }

    /** Marks the start of background work; call the returned runnable when it ends. */
    public Runnable begin(String text) {
        message.set(text);
        running.set(running.get() + 1);
        boolean[] ended = {false};
        return () -> {
            if (!ended[0]) {
                ended[0] = true;
                running.set(running.get() - 1);
            }
        };
    }
}
