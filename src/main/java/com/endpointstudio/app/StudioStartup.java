package com.endpointstudio.app;

import com.endpointstudio.core.image.ImageCatalog;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.invoke.history.InvocationHistory;
import com.endpointstudio.core.settings.SettingsStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What the window needs read from disk, read off the FX thread: the settings before the window
 * is made (its theme and connections are in them; the file is small), the console history and the
 * catalogs in the background once the shell's first frame is drawn, so they don't compete with it.
 * Screens take them when they arrive.
 */
public final class StudioStartup {

    private final StudioServices services;
    private final SettingsStore.Loaded settings;
    private final CompletableFuture<InvocationHistory> history = new CompletableFuture<>();
    private final CompletableFuture<ImageCatalog> images = new CompletableFuture<>();
    private final CompletableFuture<InstanceCatalog> instances = new CompletableFuture<>();
    private final AtomicBoolean reading = new AtomicBoolean();

    private StudioStartup(StudioServices services, SettingsStore.Loaded settings) {
        this.services = services;
        this.settings = settings;
    }

    /** Reads the settings; call it off the FX thread. */
    public static StudioStartup begin(StudioServices services) {
        return new StudioStartup(services, services.settingsStore().load());
    }

    /** Starts reading the rest on the services' executor (once; later calls do nothing). */
    public void readInBackground() {
        if (!reading.compareAndSet(false, true)) {
            return;
        }
        Executor io = services.background();
        read(history, () -> new InvocationHistory(services.paths().dataDir().resolve("console")), io);
        read(images, ImageCatalog::load, io);
        read(instances, InstanceCatalog::load, io);
    }

    private static <T> void read(CompletableFuture<T> into, Supplier<T> reader, Executor io) {
        CompletableFuture.supplyAsync(reader, io).whenComplete((value, error) -> {
            if (error == null) {
                into.complete(value);
            } else {
                into.completeExceptionally(error);
            }
        });
    }

    public StudioServices services() {
        return services;
    }

    public SettingsStore.Loaded settings() {
        return settings;
    }

    public CompletableFuture<InvocationHistory> history() {
        return history;
    }

    public CompletableFuture<ImageCatalog> images() {
        return images;
    }

    public CompletableFuture<InstanceCatalog> instances() {
        return instances;
    }
}
