package com.endpointstudio.ui.settings;

import com.endpointstudio.core.settings.Settings;
import com.endpointstudio.core.settings.SettingsStore;
import com.endpointstudio.ui.common.Jobs;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The settings as an observable value shared by every screen. Each change is saved off the
 * FX thread; when changes come faster than the disk, only the newest one is written.
 */
public final class SettingsModel {

    private final ReadOnlyObjectWrapper<Settings> settings;
    private final SettingsStore store;
    private final Jobs jobs;
    private final AtomicReference<Settings> pending = new AtomicReference<>();

    public SettingsModel(Settings initial, SettingsStore store, Jobs jobs) {
        this.settings = new ReadOnlyObjectWrapper<>(initial);
        this.store = store;
        this.jobs = jobs;
    }

    public ReadOnlyObjectProperty<Settings> settingsProperty() {
        return settings.getReadOnlyProperty();
    }

    public Settings get() {
        return settings.get();
    }

    /** Applies a change now (the UI reflects it at once) and saves it in the background. */
    public void update(UnaryOperator<Settings> change) {
        Settings next = change.apply(settings.get());
        settings.set(next);
        if (pending.getAndSet(next) == null) {
            jobs.job("Save settings", job -> {
                flush();
                return null;
            }).quietly().start();
        }
    }

    private void flush() {
        // Taking and writing under one lock keeps an older value from landing after a newer one.
        synchronized (store) {
            Settings latest;
            while ((latest = pending.getAndSet(null)) != null) {
                store.save(latest);
            }
        }
    }
}
