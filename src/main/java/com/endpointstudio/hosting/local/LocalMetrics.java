package com.endpointstudio.hosting.local;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CloudWatch metrics SageMaker records for an endpoint, recorded for local endpoints by the
 * runtime server: Invocations, Invocation4XXErrors, Invocation5XXErrors, ModelLatency and
 * OverheadLatency (microseconds), in one-minute buckets per endpoint, kept for three days.
 */
public final class LocalMetrics {

    public static final List<String> NAMES = List.of("Invocations", "Invocation4XXErrors", "Invocation5XXErrors",
            "ModelLatency", "OverheadLatency");

    private static final long KEPT_MINUTES = 3 * 24 * 60;

    /** One statistic set of one metric in one minute. */
    public record Datapoint(Instant minute, double sum, double sampleCount, double minimum, double maximum) {

        public double average() {
            return sampleCount == 0 ? 0 : sum / sampleCount;
        }
    }

    private static final class Stat {
        double sum;
        long count;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;

        synchronized void add(double value) {
            sum += value;
            count++;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }

        synchronized Datapoint point(Instant minute) {
            return new Datapoint(minute, sum, count, count == 0 ? 0 : min, count == 0 ? 0 : max);
        }
    }

    /** endpoint → metric → minute → stat */
    private final Map<String, Map<String, TreeMap<Instant, Stat>>> data = new ConcurrentHashMap<>();

    /** Records one invocation's outcome. */
    public void record(String endpoint, int status, long modelMicros, long overheadMicros, Instant at) {
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        add(endpoint, "Invocations", minute, 1);
        add(endpoint, "Invocation4XXErrors", minute, status >= 400 && status < 500 ? 1 : 0);
        add(endpoint, "Invocation5XXErrors", minute, status >= 500 ? 1 : 0);
        if (status == 200) {
            add(endpoint, "ModelLatency", minute, modelMicros);
            add(endpoint, "OverheadLatency", minute, overheadMicros);
        }
    }

    private void add(String endpoint, String metric, Instant minute, double value) {
        TreeMap<Instant, Stat> series = data.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(metric, m -> new TreeMap<>());
        Stat stat;
        synchronized (series) {
            stat = series.computeIfAbsent(minute, m -> new Stat());
            Instant oldest = minute.minus(KEPT_MINUTES, ChronoUnit.MINUTES);
            series.headMap(oldest).clear();
        }
        stat.add(value);
    }

    /** The minutes of a metric between {@code start} (inclusive) and {@code end} (exclusive). */
    public List<Datapoint> query(String endpoint, String metric, Instant start, Instant end) {
        TreeMap<Instant, Stat> series = data.getOrDefault(endpoint, Map.of()).get(metric);
        List<Datapoint> points = new ArrayList<>();
        if (series == null) {
            return points;
        }
        synchronized (series) {
            series.subMap(start.truncatedTo(ChronoUnit.MINUTES), true, end, false)
                    .forEach((minute, stat) -> points.add(stat.point(minute)));
        }
        return points;
    }

    /** Forgets a deleted endpoint's metrics. */
    public void forget(String endpoint) {
        data.remove(endpoint);
    }
}
