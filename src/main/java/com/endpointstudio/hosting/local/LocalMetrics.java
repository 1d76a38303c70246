package com.endpointstudio.hosting.local;

import com.endpointstudio.core.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * The CloudWatch metrics SageMaker records for an endpoint, recorded for local endpoints by the
 * runtime server: Invocations, Invocation4XXErrors, Invocation5XXErrors, ModelLatency and
 * OverheadLatency (microseconds, with an HdrHistogram per minute for percentiles), in one-minute
 * buckets kept for three days, saved to a file so they survive restarts. The histograms are packed:
 * a plain one of this range and precision holds 184 KiB of counters whatever it counted, so the
 * 4,320 minutes of a busy endpoint's two latencies (and again its variant's) would need 3 GiB;
 * a minute's packed histogram takes about what its distinct latencies take.
 */
public final class LocalMetrics {

    public static final List<String> NAMES = List.of("Invocations", "Invocation4XXErrors", "Invocation5XXErrors",
            "ModelLatency", "OverheadLatency", "ModelSetupTime");

    private static final long KEPT_MINUTES = 3 * 24 * 60;
    private static final long MAX_MICROS = 3_600_000_000L;

    /** The statistics of one metric in one minute, as GetMetricData reports them. */
    public record Datapoint(Instant minute, double sum, double sampleCount, double minimum, double maximum,
                            Histogram histogram) {

        /** Average, Sum, Minimum, Maximum, SampleCount, or a percentile such as p99 or p99.9. */
        public double stat(String name) {
            return switch (name) {
                case "Average" -> sampleCount == 0 ? 0 : sum / sampleCount;
                case "Sum" -> sum;
                case "Minimum" -> minimum;
                case "Maximum" -> maximum;
                case "SampleCount" -> sampleCount;
                default -> {
                    if (!name.matches("p\\d+(\\.\\d+)?") || histogram == null) {
                        throw new IllegalArgumentException("no statistic " + name + " for this metric");
                    }
                    yield histogram.getValueAtPercentile(Double.parseDouble(name.substring(1)));
                }
            };
        }
    }

    /** One point over several minutes: sums and counts add up, percentiles come from the merged histograms. */
    public static Datapoint merge(Instant start, List<Datapoint> minutes) {
        double sum = 0;
        double count = 0;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        Histogram histogram = null;
        for (Datapoint minute : minutes) {
            sum += minute.sum();
            count += minute.sampleCount();
            if (minute.sampleCount() > 0) {
                min = Math.min(min, minute.minimum());
                max = Math.max(max, minute.maximum());
            }
            if (minute.histogram() != null) {
                if (histogram == null) {
                    histogram = new PackedHistogram(MAX_MICROS, 3);
                }
                histogram.add(minute.histogram());
            }
        }
        return new Datapoint(start, sum, count, count == 0 ? 0 : min, count == 0 ? 0 : max, histogram);
    }

    /**
     * One metric's minute. Its histogram stays live only while the minute is recorded; a minute gone
     * by keeps it compressed (a few hundred bytes where a live one, with the iterators HdrHistogram
     * keeps in each, takes several KiB: 3 days of a busy endpoint held some 30 MiB) and is inflated
     * when it is asked for.
     */
    private static final class Stat {
        double sum;
        long count;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        Histogram histogram;
        byte[] compressed;

        synchronized void add(double value, boolean latency) {
            sum += value;
            count++;
            min = Math.min(min, value);
            max = Math.max(max, value);
            if (latency) {
                if (histogram == null) {
                    histogram = compressed == null ? null : inflate();
                    histogram = histogram == null ? new PackedHistogram(MAX_MICROS, 3) : histogram;
                    compressed = null;
                }
                histogram.recordValue(Math.min(MAX_MICROS, Math.max(0, (long) value)));
            }
        }

        synchronized Datapoint point(Instant minute, boolean percentiles) {
            Histogram copy = !percentiles ? null : histogram != null ? histogram.copy()
                    : compressed != null ? inflate() : null;
            return new Datapoint(minute, sum, count, count == 0 ? 0 : min, count == 0 ? 0 : max, copy);
        }

        /** The histogram compressed, as kept for a minute gone by and as saved. */
        synchronized byte[] compressed(ByteBuffer buffer) {
            if (histogram != null) {
                buffer.clear();
                int length = histogram.encodeIntoCompressedByteBuffer(buffer);
                return java.util.Arrays.copyOf(buffer.array(), length);
            }
            return compressed;
        }

        synchronized void close(ByteBuffer buffer) {
            if (histogram != null) {
                compressed = compressed(buffer);
                histogram = null;
            }
        }

        /** Null for a damaged one (from the file): the minute's other statistics still hold. */
        private Histogram inflate() {
            try {
                return PackedHistogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), MAX_MICROS);
            } catch (DataFormatException | RuntimeException e) {
                return null;
            }
        }
    }

    /** Room for any histogram of this range compressed: each asks for its whole range's (184 KiB). */
    private static ByteBuffer histogramBuffer() {
        return ByteBuffer.allocate(new PackedHistogram(MAX_MICROS, 3).getNeededByteBufferCapacity());
    }

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();
    /** Where closing minutes compress their histogram (one at a time). */
    private final ByteBuffer closing = histogramBuffer();
    /** endpoint → metric → minute → stat */
    private final Map<String, Map<String, TreeMap<Instant, Stat>>> data = new ConcurrentHashMap<>();

    /** Metrics kept in memory only. */
    public LocalMetrics() {
        this(null);
    }

    /** Metrics loaded from and saved to {@code file}. */
    public LocalMetrics(Path file) {
        this.file = file;
        if (file != null && Files.exists(file)) {
            load();
        }
    }

    private final java.util.concurrent.atomic.AtomicBoolean changed = new java.util.concurrent.atomic.AtomicBoolean();
    private java.util.concurrent.ScheduledExecutorService autosave;

    /**
     * Saves the metrics every {@code period} while they change, so a studio that crashes loses at
     * most that much; {@link #close()} stops it and saves the rest.
     */
    public synchronized void autosaveEvery(java.time.Duration period) {
        if (file == null || autosave != null) {
            return;
        }
        autosave = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "local-metrics-autosave");
            thread.setDaemon(true);
            return thread;
        });
        autosave.scheduleWithFixedDelay(this::saveIfChanged, period.toMillis(), period.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void saveIfChanged() {
        if (changed.getAndSet(false)) {
            try {
                save();
            } catch (IOException | RuntimeException e) {
                changed.set(true);
                org.slf4j.LoggerFactory.getLogger(LocalMetrics.class).warn("local metrics not saved: {}", e.getMessage());
            }
        }
    }

    /** Stops the autosave and writes what changed since its last run. */
    public synchronized void close() throws IOException {
        if (autosave != null) {
            autosave.shutdownNow();
            autosave = null;
        }
        if (changed.getAndSet(false)) {
            save();
        }
    }

    /** Records one invocation's outcome. */
    public void record(String endpoint, int status, long modelMicros, long overheadMicros, Instant at) {
        record(endpoint, null, status, modelMicros, overheadMicros, at);
    }

    /**
     * Records one invocation's outcome for the endpoint, and for the variant that answered it (null
     * when the call was refused before a variant was chosen).
     */
    public void record(String endpoint, String variant, int status, long modelMicros, long overheadMicros, Instant at) {
        recordUnder(endpoint, status, modelMicros, overheadMicros, at);
        if (variant != null) {
            recordUnder(variantKey(endpoint, variant), status, modelMicros, overheadMicros, at);
        }
    }

    /** Where a variant's own series are kept: endpoint and variant names hold no slash. */
    static String variantKey(String endpoint, String variant) {
        return endpoint + "/" + variant;
    }

    /** Records a serverless variant's cold start (ModelSetupTime, microseconds). */
    public void recordModelSetup(String endpoint, String variant, long micros, Instant at) {
        changed.set(true);
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        add(endpoint, "ModelSetupTime", minute, micros);
        add(variantKey(endpoint, variant), "ModelSetupTime", minute, micros);
    }

    /** Whether anything was recorded for the variant on its own (endpoints of earlier versions recorded none). */
    public boolean hasVariant(String endpoint, String variant) {
        return data.containsKey(variantKey(endpoint, variant));
    }

    private void recordUnder(String endpoint, int status, long modelMicros, long overheadMicros, Instant at) {
        changed.set(true);
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES);
        add(endpoint, "Invocations", minute, 1);
        add(endpoint, "Invocation4XXErrors", minute, status >= 400 && status < 500 ? 1 : 0);
        add(endpoint, "Invocation5XXErrors", minute, status >= 500 ? 1 : 0);
        if (status == 200) {
            add(endpoint, "ModelLatency", minute, modelMicros);
            add(endpoint, "OverheadLatency", minute, overheadMicros);
        }
    }

    private Stat bucket(String endpoint, String metric, Instant minute) {
        TreeMap<Instant, Stat> series = data.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(metric, m -> new TreeMap<>());
        synchronized (series) {
            series.headMap(minute.minus(KEPT_MINUTES, ChronoUnit.MINUTES)).clear();
            Stat stat = series.get(minute);
            if (stat == null) {
                stat = new Stat();
                // a new minute: the one before is over, its histogram is compressed
                Map.Entry<Instant, Stat> before = series.lowerEntry(minute);
                if (before != null && before.getValue().histogram != null) {
                    synchronized (closing) {
                        before.getValue().close(closing);
                    }
                }
                series.put(minute, stat);
            }
            return stat;
        }
    }

    private void add(String endpoint, String metric, Instant minute, double value) {
        bucket(endpoint, metric, minute).add(value, metric.endsWith("Latency") || metric.endsWith("Time"));
    }

    /** The minutes of a metric between {@code start} (inclusive) and {@code end} (exclusive). */
    public List<Datapoint> query(String endpoint, String metric, Instant start, Instant end) {
        return query(endpoint, metric, start, end, true);
    }

    /** The same; without {@code percentiles} the minutes come without their histograms (quicker). */
    public List<Datapoint> query(String endpoint, String metric, Instant start, Instant end, boolean percentiles) {
        TreeMap<Instant, Stat> series = data.getOrDefault(endpoint, Map.of()).get(metric);
        List<Datapoint> points = new ArrayList<>();
        if (series == null) {
            return points;
        }
        synchronized (series) {
            series.subMap(start.truncatedTo(ChronoUnit.MINUTES), true, end, false)
                    .forEach((minute, stat) -> points.add(stat.point(minute, percentiles)));
        }
        return points;
    }

    /** Forgets a deleted endpoint's metrics. */
    public void forget(String endpoint) {
        data.remove(endpoint);
        data.keySet().removeIf(key -> key.startsWith(endpoint + "/"));
        changed.set(true);
    }

    /** Writes every bucket to the file (atomically). */
    public synchronized void save() throws IOException {
        if (file == null) {
            return;
        }
        Map<String, Map<String, List<Map<String, Object>>>> out = new LinkedHashMap<>();
        ByteBuffer buffer = histogramBuffer();
        data.forEach((endpoint, metrics) -> metrics.forEach((metric, series) -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            synchronized (series) {
                series.forEach((minute, stat) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    synchronized (stat) {
                        row.put("minute", minute.toString());
                        row.put("sum", stat.sum);
                        row.put("count", (double) stat.count);
                        row.put("min", stat.count == 0 ? 0 : stat.min);
                        row.put("max", stat.count == 0 ? 0 : stat.max);
                        byte[] histogram = stat.compressed(buffer);
                        if (histogram != null) {
                            row.put("histogram", Base64.getEncoder().encodeToString(histogram));
                        }
                    }
                    rows.add(row);
                });
            }
            out.computeIfAbsent(endpoint, e -> new LinkedHashMap<>()).put(metric, rows);
        }));
        AtomicFiles.write(file, json.writeValueAsBytes(out));
    }

    @SuppressWarnings("unchecked")
    private void load() {
        try {
            Map<String, Map<String, List<Map<String, Object>>>> in = json.readValue(file.toFile(), Map.class);
            in.forEach((endpoint, metrics) -> metrics.forEach((metric, rows) -> rows.forEach(row -> {
                Stat stat = bucket(endpoint, metric, Instant.parse((String) row.get("minute")));
                stat.sum = ((Number) row.get("sum")).doubleValue();
                stat.count = ((Number) row.get("count")).longValue();
                stat.min = ((Number) row.get("min")).doubleValue();
                stat.max = ((Number) row.get("max")).doubleValue();
                if (row.get("histogram") instanceof String encoded) {
                    stat.compressed = Base64.getDecoder().decode(encoded); // inflated when asked for
                }
            })));
        } catch (IOException | RuntimeException e) {
            // A damaged metrics file is set aside, never silently overwritten.
            try {
                AtomicFiles.setAside(file);
            } catch (IOException ignored) {
                // nothing more to do: the metrics start empty
            }
        }
    }
}
