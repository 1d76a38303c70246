package com.endpointstudio.hosting.local;

import com.endpointstudio.core.deploy.DeploymentSpec.ServerlessSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serverless variants on Local hosting (serverless-endpoints.md): at most MaxConcurrency
 * invocations at once — the next ones are throttled, as SageMaker throttles invocations beyond
 * the maximum —, and scaled to zero after an idle time without invocations, so the next one
 * waits for a cold start (its model server starting again), which is measured as SageMaker's
 * ModelSetupTime. A variant with ProvisionedConcurrency stays warm.
 */
final class ServerlessCapacity implements AutoCloseable {

    /** SageMaker does not publish how long an idle serverless endpoint stays warm; locally five minutes. */
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(5);

    /** An admitted invocation: holds one of the variant's concurrency slots until closed. */
    interface Permit extends AutoCloseable {
        /** How long the variant took to start again before this invocation, or null when it was warm. */
        Duration coldStart();

        @Override
        void close();
    }

    private static final Permit UNLIMITED = new Permit() {
        @Override
        public Duration coldStart() {
            return null;
        }

        @Override
        public void close() {
        }
    };

    private final class Slot {
        final String endpoint;
        final LocalTopology.Variant variant;
        final Semaphore concurrency;
        final AtomicInteger inFlight = new AtomicInteger();
        volatile Instant lastUsed = Instant.now();

        Slot(String endpoint, LocalTopology.Variant variant) {
            this.endpoint = endpoint;
            this.variant = variant;
            this.concurrency = new Semaphore(variant.serverless().maxConcurrency());
        }
    }

    private final LocalHost host;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private volatile Duration idle = DEFAULT_IDLE;
    private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "local-serverless-idle");
        thread.setDaemon(true);
        return thread;
    });

    ServerlessCapacity(LocalHost host) {
        this.host = host;
        reaper.scheduleWithFixedDelay(this::scaleIdleToZero, 250, 250, TimeUnit.MILLISECONDS);
    }

    void useIdleTime(Duration time) {
        this.idle = time;
    }

    /** Admits an invocation of a variant, warming it up first if it was scaled to zero; throttles past MaxConcurrency. */
    Permit admit(LocalEndpointRecord endpoint, LocalTopology.Variant variant) throws RuntimeFailure {
        ServerlessSpec serverless = variant.serverless();
        if (serverless == null) {
            return UNLIMITED;
        }
        Slot slot = slots.compute(endpoint.name() + "/" + variant.name(), (key, existing) ->
                existing != null && existing.variant.equals(variant) ? existing : new Slot(endpoint.name(), variant));
        if (!slot.concurrency.tryAcquire()) {
            throw RuntimeFailure.throttling("Rate exceeded: the serverless variant " + variant.name() + " of endpoint "
                    + endpoint.name() + " already serves its MaxConcurrency of " + serverless.maxConcurrency()
                    + " invocation" + (serverless.maxConcurrency() == 1 ? "" : "s") + ".");
        }
        slot.inFlight.incrementAndGet();
        Duration coldStart;
        try {
            coldStart = host.warm(endpoint.name(), variant.containers());
        } catch (RuntimeException e) {
            release(slot);
            throw RuntimeFailure.validation("Endpoint " + endpoint.name() + " could not start its serverless variant "
                    + variant.name() + ": " + e.getMessage());
        }
        return new Permit() {
            private boolean closed;

            @Override
            public Duration coldStart() {
                return coldStart;
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    release(slot);
                }
            }
        };
    }

    private static void release(Slot slot) {
        slot.lastUsed = Instant.now();
        slot.inFlight.decrementAndGet();
        slot.concurrency.release();
    }

    /** Stops the model servers of serverless variants idle for longer than the idle time (no provisioned concurrency). */
    private void scaleIdleToZero() {
        Instant cutoff = Instant.now().minus(idle);
        for (Slot slot : slots.values()) {
            if (slot.inFlight.get() == 0 && slot.lastUsed.isBefore(cutoff)
                    && slot.variant.serverless().provisionedConcurrency() == null) {
                try {
                    host.coolDown(slot.endpoint, slot.variant.containers());
                } catch (RuntimeException e) {
                    // the endpoint was deleted meanwhile
                }
            }
        }
        slots.values().removeIf(slot -> host.endpoint(slot.endpoint).isEmpty());
    }

    /** Forgets an endpoint's variants (stopped, deleted or updated). */
    void forget(String endpoint) {
        slots.keySet().removeIf(key -> key.startsWith(endpoint + "/"));
    }

    @Override
    public void close() {
        reaper.shutdownNow();
    }
}
