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
 * names, statistics and units as CloudWatch's. A local endpoint is one instance of variant
 * AllTraffic; instance utilization is not recorded (its series come back empty).
 */
public final class LocalMetricsSource implements MetricsSource {

    private final LocalMetrics metrics;

    public LocalMetricsSource(LocalMetrics metrics) {
        this.metrics = metrics;
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
        for (LocalMetrics.Datapoint minute : metrics.query(query.endpointName(), metric, start, end)) {
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
        return List.of(new Variant("AllTraffic", false));
    }
}
