package com.endpointstudio.core.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a load test measured.
 *
 * @param latency      client-side latency of every request; with a target rate, from its intended start
 * @param serviceTime  from each request's actual start (equal to {@code latency} without a target rate)
 * @param errors       failed requests by kind ("ModelError 500", "ThrottlingException", …)
 * @param cancelled    whether the user stopped it before the plan's end
 */
public record LoadTestReport(String endpointName, LoadTestPlan plan, Instant startedAt, Duration elapsed, long completed,
                             long failed, LatencyStats latency, LatencyStats serviceTime, Map<String, Long> errors,
                             List<LoadTestSnapshot> timeline, boolean cancelled) {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** Completed requests a second over the whole run. */
    @com.fasterxml.jackson.annotation.JsonProperty("throughput")
    public double throughput() {
        return elapsed.isZero() ? 0 : completed * 1e9 / elapsed.toNanos();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The timeline, a row a second, then the summary: for spreadsheets and plotting tools. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("elapsed_s,throughput_rps,p50_ms,p90_ms,p99_ms,max_ms,completed,failed\n");
        for (LoadTestSnapshot second : timeline) {
            csv.append(String.format(Locale.ROOT, "%.3f,%.2f,%.3f,%.3f,%.3f,%.3f,%d,%d%n",
                    second.elapsed().toMillis() / 1000.0, second.throughput(), second.latency().p50Ms(),
                    second.latency().p90Ms(), second.latency().p99Ms(), second.latency().maxMs(), second.completed(),
                    second.failed()));
        }
        csv.append(String.format(Locale.ROOT, "total %.3f,%.2f,%.3f,%.3f,%.3f,%.3f,%d,%d%n", elapsed.toMillis() / 1000.0,
                throughput(), latency.p50Ms(), latency.p90Ms(), latency.p99Ms(), latency.maxMs(), completed, failed));
        return csv.toString();
    }

    /** A few lines for a terminal. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%s: %d requests in %.2f s (%d failed)%s%n", endpointName, completed,
                elapsed.toMillis() / 1000.0, failed, cancelled ? ", cancelled" : ""));
        text.append(String.format(Locale.ROOT, "throughput  %.1f requests/s at concurrency %d%s%n", throughput(),
                plan.concurrency(), plan.ratePerSecond() == null ? ""
                        : String.format(Locale.ROOT, ", target %.1f/s", plan.ratePerSecond())));
        text.append(String.format(Locale.ROOT, "latency ms  p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  mean %.2f%n",
                latency.p50Ms(), latency.p90Ms(), latency.p99Ms(), latency.p999Ms(), latency.maxMs(), latency.meanMs()));
        if (plan.ratePerSecond() != null) {
            text.append(String.format(Locale.ROOT, "service ms  p50 %.2f  p90 %.2f  p99 %.2f (from each request's actual "
                    + "start)%n", serviceTime.p50Ms(), serviceTime.p90Ms(), serviceTime.p99Ms()));
        }
        errors.forEach((kind, count) -> text.append("errors      ").append(count).append(" × ").append(kind).append('\n'));
        return text.toString();
    }
}
