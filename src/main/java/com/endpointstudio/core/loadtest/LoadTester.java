package com.endpointstudio.core.loadtest;

import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.task.CancelToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Calls an endpoint from {@code concurrency} workers until the plan's requests or duration are
 * done, recording every latency in HdrHistogram recorders. Each second the interval's
 * throughput and percentiles go to the listener (the live chart). A call's latency is the one its
 * runtime measured around the exchange with the endpoint (not the client's own work before it,
 * such as signing), as wrk and other load generators time it. With a target rate, request
 * {@code n} is due at {@code start + n / rate} and its latency counts from then, so a slow
 * endpoint that makes requests wait is not hidden (coordinated omission).
 */
public final class LoadTester {

    private final Duration snapshotPeriod;

    public LoadTester() {
        this(Duration.ofSeconds(1));
    }

    LoadTester(Duration snapshotPeriod) {
        this.snapshotPeriod = snapshotPeriod;
    }

    public LoadTestReport run(String endpointName, LoadTestPlan plan, Supplier<InvocationResult> call,
                              Consumer<LoadTestSnapshot> onSnapshot, CancelToken cancel) {
        plan.validate();
        if (plan.warmup() != null && !plan.warmup().isZero()) {
            drive(new Run(new LoadTestPlan(plan.concurrency(), null, plan.warmup(), plan.ratePerSecond()), call, cancel),
                    plan.concurrency(), cancel);
        }
        Run run = new Run(plan, call, cancel);
        Instant startedAt = Instant.now();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemons("loadtest-ticker"));
        ticker.scheduleAtFixedRate(() -> onSnapshot.accept(run.snapshot()), snapshotPeriod.toNanos(),
                snapshotPeriod.toNanos(), TimeUnit.NANOSECONDS);
        drive(run, plan.concurrency(), cancel);
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LoadTestSnapshot last = run.snapshot();
        if (last.latency().count() > 0) {
            onSnapshot.accept(last);
        }
        return run.report(endpointName, startedAt);
    }

    /** Runs the workers until the run's plan is done or the user cancels. */
    private static void drive(Run run, int concurrency, CancelToken cancel) {
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, daemons("loadtest-worker"));
        for (int i = 0; i < concurrency; i++) {
            workers.execute(run::work);
        }
        workers.shutdown();
        try {
            while (!workers.awaitTermination(50, TimeUnit.MILLISECONDS)) {
                if (cancel.isCancelled()) {
                    workers.shutdownNow(); // in-flight calls are abandoned: cancel stops at once
                    break;
                }
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The state one run shares between its workers and its ticker. */
    private static final class Run {
        private final LoadTestPlan plan;
        private final Supplier<InvocationResult> call;
        private final CancelToken cancel;
        private final long start = System.nanoTime();
        private final long deadline;
        private final long spacingNanos;
        private final AtomicLong tickets = new AtomicLong();
        private final LongAdder completed = new LongAdder();
        private final AtomicLong lastDone = new AtomicLong();
        private final LongAdder failed = new LongAdder();
        private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        private final Recorder latency = new Recorder(1, LatencyStats.HIGHEST_MICROS, 3);
        private final Recorder service = new Recorder(1, LatencyStats.HIGHEST_MICROS, 3);
        private final Histogram allLatency = LatencyStats.newHistogram();
        private final List<LoadTestSnapshot> timeline = Collections.synchronizedList(new ArrayList<>());
        private Histogram interval;
        private long lastSnapshot = start;

        Run(LoadTestPlan plan, Supplier<InvocationResult> call, CancelToken cancel) {
            this.plan = plan;
            this.call = call;
            this.cancel = cancel;
            this.deadline = plan.duration() == null ? Long.MAX_VALUE : start + plan.duration().toNanos();
            this.spacingNanos = plan.ratePerSecond() == null ? 0 : (long) (1e9 / plan.ratePerSecond());
        }

        void work() {
            while (!cancel.isCancelled() && !Thread.currentThread().isInterrupted()) {
                long ticket = tickets.getAndIncrement();
                if (plan.requests() != null && ticket >= plan.requests()) {
                    return;
                }
                long due = spacingNanos > 0 ? start + ticket * spacingNanos : System.nanoTime();
                if (due >= deadline || !waitUntil(due)) {
                    return;
                }
                long sent = System.nanoTime();
                String failure;
                Duration exchange = null;
                try {
                    InvocationResult result = call.get();
                    failure = result.succeeded() ? null : result.error().kind(result.status());
                    exchange = result.latency();
                } catch (RuntimeException e) {
                    if (cancel.isCancelled()) {
                        return;
                    }
                    failure = e.getClass().getSimpleName();
                }
                long done = System.nanoTime();
                lastDone.accumulateAndGet(done, Math::max);
                // the runtime's own clock covers the exchange only (as wrk's does); ours also the client's work
                long serviceNanos = exchange != null ? exchange.toNanos() : done - sent;
                latency.recordValue(micros(spacingNanos > 0 ? done - due : serviceNanos));
                service.recordValue(micros(serviceNanos));
                completed.increment();
                if (failure != null) {
                    failed.increment();
                    errors.computeIfAbsent(failure, kind -> new LongAdder()).increment();
                }
            }
        }

        private boolean waitUntil(long due) {
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                if (cancel.isCancelled() || Thread.currentThread().isInterrupted()) {
                    return false;
                }
                LockSupport.parkNanos(Math.min(wait, 50_000_000L));
            }
            return System.nanoTime() < deadline;
        }

        private static long micros(long nanos) {
            return Math.max(1, Math.min(nanos / 1000, LatencyStats.HIGHEST_MICROS));
        }

        synchronized LoadTestSnapshot snapshot() {
            long now = System.nanoTime();
            interval = latency.getIntervalHistogram(interval);
            allLatency.add(interval);
            double seconds = Math.max(1e-9, (now - lastSnapshot) / 1e9);
            lastSnapshot = now;
            LoadTestSnapshot snapshot = new LoadTestSnapshot(Duration.ofNanos(now - start), interval.getTotalCount() / seconds,
                    LatencyStats.of(interval), completed.sum(), failed.sum());
            if (interval.getTotalCount() > 0) {
                timeline.add(snapshot);
            }
            return snapshot;
        }

        synchronized LoadTestReport report(String endpointName, Instant startedAt) {
            Map<String, Long> byKind = new TreeMap<>();
            errors.forEach((kind, count) -> byKind.put(kind, count.sum()));
            boolean finished = plan.requests() != null ? completed.sum() >= plan.requests() : !cancel.isCancelled();
            long end = lastDone.get() > 0 ? lastDone.get() : lastSnapshot;
            return new LoadTestReport(endpointName, plan, startedAt, Duration.ofNanos(end - start),
                    completed.sum(), failed.sum(), LatencyStats.of(allLatency),
                    LatencyStats.of(service.getIntervalHistogram()), byKind, List.copyOf(timeline),
                    cancel.isCancelled() && !finished);
        }
    }
}
