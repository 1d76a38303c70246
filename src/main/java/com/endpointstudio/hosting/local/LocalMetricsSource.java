package com.endpointstudio.hosting.local;

import com.endpointstudio.core.hosting.MetricsSource;
import com.endpointstudio.core.metrics.MetricQuery;
import com.endpointstudio.core.metrics.MetricSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Local endpoints' metrics, from what the local runtime recorded per minute, with the same
 * names, statistics and units as CloudWatch's, per endpoint and per production variant. Instance
 * utilization is not recorded (its series come back empty).
 */
public final class LocalMetricsSource implements MetricsSource {

    private final LocalMetrics metrics;
    private final java.util.function.Function<String, List<Variant>> variants;

    /** Metrics of endpoints whose variants are unknown here: each is one variant, AllTraffic. */
    public LocalMetricsSource(LocalMetrics metrics) {
        this(metrics, endpoint -> List.of(new Variant("AllTraffic", false)));
    }

    /** Metrics of the endpoints of a local host, with their variants. */
    public LocalMetricsSource(LocalMetrics metrics, LocalHost host) {
        this(metrics, endpoint -> host.endpoint(endpoint).map(record -> record.topology().variants().stream()
                .map(v -> new Variant(v.name(), v.serverless() != null)).toList())
                .filter(list -> !list.isEmpty()).orElse(List.of(new Variant("AllTraffic", false))));
    }

    private LocalMetricsSource(LocalMetrics metrics, java.util.function.Function<String, List<Variant>> variants) {
        this.metrics = metrics;
        this.variants = variants;
    }

    @Override
    public List<MetricSeries> fetch(List<MetricQuery> queries, Instant start, Instant end, int periodSeconds) {
        List<MetricSeries> series = new ArrayList<>();
        for (MetricQuery query : queries) {
            series.add(new MetricSeries(query, points(query, start, end, periodSeconds)));
        }
        return series;
    }

    private List<MetricSeries.Point> points(MetricQuery query, Instant start, Instant end, int periodSeconds) {
        String metric = switch (query.metricName()) {
            case "InvocationsPerInstance" -> "Invocations";
            default -> query.metricName();
        };
        if (!MetricQuery.SAGEMAKER.equals(query.namespace()) || !LocalMetrics.NAMES.contains(metric)) {
            return List.of();
        }
        Map<Instant, List<LocalMetrics.Datapoint>> buckets = new LinkedHashMap<>();
        String key = query.variantName() != null && metrics.hasVariant(query.endpointName(), query.variantName())
                ? LocalMetrics.variantKey(query.endpointName(), query.variantName()) : query.endpointName();
        for (LocalMetrics.Datapoint minute : metrics.query(key, metric, start, end, query.stat().startsWith("p"))) {
            long bucket = Math.floorDiv(minute.minute().getEpochSecond(), periodSeconds) * periodSeconds;
            buckets.computeIfAbsent(Instant.ofEpochSecond(bucket), b -> new ArrayList<>()).add(minute);
        }
        List<MetricSeries.Point> points = new ArrayList<>();
        buckets.forEach((time, minutes) -> {
            LocalMetrics.Datapoint point = LocalMetrics.merge(time, minutes);
            if (point.sampleCount() > 0 && !(query.stat().startsWith("p") && point.histogram() == null)) {
                points.add(new MetricSeries.Point(time, point.stat(query.stat())));
            }
        });
        return points;
    }

    @Override
    public List<Variant> variants(String endpointName) {
        return variants.apply(endpointName);
    }
}
