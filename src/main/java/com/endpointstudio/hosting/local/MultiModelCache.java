package com.endpointstudio.hosting.local;

import com.endpointstudio.core.invoke.RuntimeHeaders;
import com.endpointstudio.core.io.FileTrees;
import com.endpointstudio.core.packaging.archive.ArchiveExtractor;
import com.endpointstudio.core.task.CancelToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What SageMaker's platform does for a multi-model container (multi-model-endpoints.md, "How
 * multi-model endpoints work"; mms-container-apis.md): on the first call for a TargetModel it
 * takes the archive from the model data prefix ({@link MultiModelArchives}), unpacks it and
 * asks the container to load it (POST /models); it keeps the models loaded, and when the
 * container answers 507 (no room) it unloads the least recently used (DELETE /models/NAME) and
 * tries again. An invocation that waits longer than the runtime's time limit for its model gets
 * ModelNotReadyException while the load goes on.
 */
final class MultiModelCache {

    /** How long a model may take to download and load before the load is abandoned (invoke-multi-model-endpoint.md). */
    private static final Duration LOAD_LIMIT = Duration.ofSeconds(360);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalHost host;
    private final ContainerClient client;
    private final MultiModelArchives archives;
    private final Map<String, ServerCache> caches = new ConcurrentHashMap<>();
    private final ExecutorService loader = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "local-multi-model-load");
        thread.setDaemon(true);
        return thread;
    });

    MultiModelCache(LocalHost host, ContainerClient client) {
        this.host = host;
        this.client = client;
        this.archives = new MultiModelArchives(host);
    }

    private static final class ServerCache {
        final Map<String, Loaded> loaded = new LinkedHashMap<>();
        final Map<String, CompletableFuture<Loaded>> loading = new LinkedHashMap<>();
        final Object containerLock = new Object();
    }

    private static final class Loaded {
        final String targetModel;
        final String modelName;
        final Instant loadedAt = Instant.now();
        volatile Instant lastUsed = Instant.now();

        Loaded(String targetModel, String modelName) {
            this.targetModel = targetModel;
            this.modelName = modelName;
        }
    }

    /** Invokes the target model, loading it first when the container does not hold it. */
    ContainerClient.Answer invoke(String endpoint, LocalServer server, int port, String targetModel,
                                  Map<String, String> headers, byte[] body, Duration within)
            throws RuntimeFailure, IOException, ContainerClient.TimedOut, InterruptedException {
        Map<String, String> withTarget = new LinkedHashMap<>(headers);
        withTarget.put(RuntimeHeaders.TARGET_MODEL, targetModel);
        for (int attempt = 0; ; attempt++) {
            Loaded model = awaitLoaded(endpoint, server, port, targetModel);
            model.lastUsed = Instant.now();
            ContainerClient.Answer answer = client.post(port, "/models/" + model.modelName + "/invoke", withTarget, body,
                    within);
            if (answer.status() != 404 || attempt > 0) {
                return answer;
            }
            forget(cache(endpoint, server), model); // unloaded meanwhile: load it again once
        }
    }

    /** The models the endpoint's multi-model containers hold now, most recently used first. */
    List<com.endpointstudio.core.endpoints.LoadedModel> loaded(String endpoint) {
        List<com.endpointstudio.core.endpoints.LoadedModel> all = new ArrayList<>();
        caches.forEach((key, cache) -> {
            if (key.startsWith(endpoint + "\u0000")) {
                synchronized (cache) {
                    cache.loaded.values().forEach(m -> all.add(new com.endpointstudio.core.endpoints.LoadedModel(
                            m.targetModel, m.loadedAt, m.lastUsed)));
                }
            }
        });
        all.sort(Comparator.comparing(com.endpointstudio.core.endpoints.LoadedModel::lastUsed).reversed());
        return all;
    }

    /** Forgets an endpoint's models (it was deleted or stopped: its container holds none). */
    void forget(String endpoint) {
        caches.keySet().removeIf(key -> key.startsWith(endpoint + "\u0000"));
    }

    private ServerCache cache(String endpoint, LocalServer server) {
        return caches.computeIfAbsent(endpoint + "\u0000" + server.key(), k -> new ServerCache());
    }

    private Loaded awaitLoaded(String endpoint, LocalServer server, int port, String targetModel)
            throws RuntimeFailure, InterruptedException {
        ServerCache cache = cache(endpoint, server);
        CompletableFuture<Loaded> load;
        synchronized (cache) {
            Loaded ready = cache.loaded.get(targetModel);
            if (ready != null) {
                return ready;
            }
            MultiModelArchives.Source archive = archives.locate(endpoint, server, targetModel);
            load = cache.loading.computeIfAbsent(targetModel, t -> CompletableFuture.supplyAsync(
                    () -> load(cache, endpoint, server, port, targetModel, archive), loader));
        }
        try {
            return load.get(client.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw RuntimeFailure.modelNotReady("Model " + targetModel + " is still loading; retry the request.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LoadFailed failed) {
                throw failed.failure;
            }
            throw RuntimeFailure.model(endpoint, "model", 0, "Loading " + targetModel + " failed: "
                    + e.getCause().getMessage(), null);
        }
    }

    /** Unpacks and loads one model, unloading the least recently used ones while the container has no room. */
    private Loaded load(ServerCache cache, String endpoint, LocalServer server, int port, String targetModel,
                        MultiModelArchives.Source source) {
        String name = modelName(targetModel);
        Path dir = host.serverFolder(endpoint, server).resolve(name);
        try {
            synchronized (cache.containerLock) {
                FileTrees.delete(dir);
                Path archive = archives.fetch(endpoint, server, targetModel, source, dir.resolve("download"));
                new ArchiveExtractor().extract(archive, dir.resolve("model"), CancelToken.none());
                // unpacked: the instance keeps the model, not its archive
                FileTrees.delete(dir.resolve("download"));
                while (true) {
                    HttpResponse<String> response = loadRequest(port, name, dir.resolve("model"));
                    if (response.statusCode() == 200 || response.statusCode() == 409) {
                        Loaded loaded = new Loaded(targetModel, name);
                        synchronized (cache) {
                            cache.loaded.put(targetModel, loaded);
                        }
                        return loaded;
                    }
                    if (response.statusCode() != 507 || !unloadLeastRecentlyUsed(cache, endpoint, server, port)) {
                        FileTrees.delete(dir);
                        throw new LoadFailed(RuntimeFailure.model(endpoint, "model", response.statusCode(),
                                response.body(), response.statusCode() == 507 ? "The multi-model container has no "
                                        + "room for " + targetModel + " even with every other model unloaded." : null));
                    }
                }
            }
        } catch (RuntimeFailure e) {
            FileTrees.deleteQuietly(dir);
            throw new LoadFailed(e);
        } catch (IOException e) {
            throw new LoadFailed(RuntimeFailure.model(endpoint, "model", 0, "Loading " + targetModel + " failed: "
                    + e.getMessage(), null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadFailed(RuntimeFailure.model(endpoint, "model", 0, "interrupted", null));
        } finally {
            synchronized (cache) {
                cache.loading.remove(targetModel);
            }
        }
    }

    private HttpResponse<String> loadRequest(int port, String name, Path url) throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(Map.of("model_name", name, "url", url.toString()));
        var request = client.request(port, "/models", Map.of("Content-Type", "application/json", "Accept",
                "application/json"), body, LOAD_LIMIT);
        return client.sendText(request);
    }

    private boolean unloadLeastRecentlyUsed(ServerCache cache, String endpoint, LocalServer server, int port)
            throws IOException, InterruptedException {
        Loaded victim;
        synchronized (cache) {
            victim = cache.loaded.values().stream().min(Comparator.comparing(m -> m.lastUsed)).orElse(null);
        }
        if (victim == null) {
            return false;
        }
        client.manage(port, "DELETE", "/models/" + victim.modelName);
        forget(cache, victim);
        FileTrees.delete(host.serverFolder(endpoint, server).resolve(victim.modelName));
        return true;
    }

    private static void forget(ServerCache cache, Loaded model) {
        synchronized (cache) {
            cache.loaded.remove(model.targetModel, model);
        }
    }

    /** The opaque model_name of the container API: SageMaker does not pass the TargetModel as the name. */
    static String modelName(String targetModel) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(targetModel.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void close() {
        loader.shutdownNow();
    }

    /** Carries the runtime's answer for a load that failed out of the loading thread. */
    private static final class LoadFailed extends RuntimeException {
        final RuntimeFailure failure;

        LoadFailed(RuntimeFailure failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }
}
