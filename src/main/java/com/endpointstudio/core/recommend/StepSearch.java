package com.endpointstudio.core.recommend;

import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.loadtest.LoadTestPlan;
import com.endpointstudio.core.loadtest.LoadTestReport;
import com.endpointstudio.core.loadtest.LoadTester;
import com.endpointstudio.core.task.CancelToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Finds the most one instance sustains within a latency limit: a stepped load test that doubles the
 * concurrency (1, 2, 4, …) until the p99 crosses the limit, errors pass 1 %, or throughput stops
 * growing (the knee: more requests in flight only queue). The answer is the best step within the
 * limit. Each step's warm-up is left out of its figures.
 */
public final class StepSearch {

    /**
     * One step of the ramp.
     *
     * @param errorRate failed calls out of all, 0 to 1
     * @param from      when the step started sending (for the host's metrics of the same time)
     * @param to        when it ended
     */
    public record Step(int concurrency, double requestsPerSecond, double p50Ms, double p99Ms, double errorRate,
                       Instant from, Instant to) {
    }

    /** Every step, and the best one within the limits (null when even one request in flight was too slow). */
    public record Outcome(List<Step> steps, Step best, String stoppedBecause) {
    }

    /** More than this share of errors makes a step unsustainable. */
    static final double ERROR_LIMIT = 0.01;
    /** A step that adds less than this to the throughput is past the knee. */
    static final double KNEE_GAIN = 0.05;

    private final LoadTester tester;
    private final Duration stepDuration;
    private final Duration warmup;
    private final int maxConcurrency;

    public StepSearch(LoadTester tester, Duration stepDuration, Duration warmup, int maxConcurrency) {
        this.tester = tester;
        this.stepDuration = stepDuration;
        this.warmup = warmup;
        this.maxConcurrency = maxConcurrency;
    }

    public Outcome run(String endpoint, double p99LimitMs, Supplier<InvocationResult> call, Consumer<Step> onStep,
                       CancelToken cancel) {
        List<Step> steps = new ArrayList<>();
        Step best = null;
        String stopped = "reached " + maxConcurrency + " requests in flight";
        for (int concurrency = 1; concurrency <= maxConcurrency; concurrency *= 2) {
            cancel.throwIfCancelled();
            LoadTestReport report = tester.run(endpoint, new LoadTestPlan(concurrency, null, stepDuration, null, warmup),
                    call, snapshot -> { }, cancel);
            long all = report.completed() + report.failed();
            Step step = new Step(concurrency, report.throughput(), report.latency().p50Ms(), report.latency().p99Ms(),
                    all == 0 ? 1.0 : (double) report.failed() / all, report.startedAt(),
                    report.startedAt().plus(report.elapsed()));
            steps.add(step);
            onStep.accept(step);
            if (step.p99Ms() > p99LimitMs) {
                stopped = String.format(java.util.Locale.ROOT, "p99 %.1f ms passed the %.1f ms limit at %d in flight",
                        step.p99Ms(), p99LimitMs, concurrency);
                break;
            }
            if (step.errorRate() > ERROR_LIMIT) {
                stopped = String.format(java.util.Locale.ROOT, "%.1f %% errors at %d in flight", 100 * step.errorRate(),
                        concurrency);
                break;
            }
            boolean growing = best == null || step.requestsPerSecond() > best.requestsPerSecond() * (1 + KNEE_GAIN);
            if (best == null || step.requestsPerSecond() > best.requestsPerSecond()) {
                best = step;
            }
            if (!growing) {
                stopped = "throughput stopped growing at " + concurrency + " in flight";
                break;
            }
        }
        return new Outcome(steps, best, stopped);
    }
}
