package com.endpointstudio.app;

import com.endpointstudio.core.image.ImageCatalog;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.invoke.history.InvocationHistory;
import com.endpointstudio.core.settings.SettingsStore;
import java.util.concurrent.CompletableFuture;

/**
 * What the window needs read from disk, read off the FX thread: the settings before the window
 * is made (its theme and connections are in them; the file is small), the console history and the
 * catalogs in the background while the shell appears. Screens take them when they arrive.
 */
public final class StudioStartup {

    private final SettingsStore.Loaded settings;
    private final CompletableFuture<InvocationHistory> history;
    private final CompletableFuture<ImageCatalog> images;
    private final CompletableFuture<InstanceCatalog> instances;

    private StudioStartup(SettingsStore.Loaded settings, CompletableFuture<InvocationHistory> history,
                          CompletableFuture<ImageCatalog> images, CompletableFuture<InstanceCatalog> instances) {
        this.settings = settings;
        this.history = history;
        this.images = images;
        this.instances = instances;
    }

    /** Starts the reads and waits for the settings only; call it off the FX thread. */
    public static StudioStartup begin(StudioServices services) {
        var io = services.background();
        var history = CompletableFuture.supplyAsync(() -> new InvocationHistory(
                services.paths().dataDir().resolve("console")), io);
        var images = CompletableFuture.supplyAsync(ImageCatalog::load, io);
        var instances = CompletableFuture.supplyAsync(InstanceCatalog::load, io);
        return new StudioStartup(services.settingsStore().load(), history, images, instances);
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
