package com.endpointstudio.core.recommend;

import com.endpointstudio.core.hosting.MetricsSource;
import com.endpointstudio.core.metrics.MetricQuery;
import com.endpointstudio.core.metrics.MetricSeries;
import com.endpointstudio.core.metrics.MetricUnit;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * How busy a temporary endpoint's instance was during a load step, from the host's metrics: the
 * average of CPUUtilization, MemoryUtilization and GPUUtilization in the namespace
 * /aws/sagemaker/Endpoints, dimensions EndpointName and VariantName (SageMaker Developer Guide,
 * "Monitor Amazon SageMaker with Amazon CloudWatch", endpoint instance metrics). CPU and GPU are summed
 * over the instance's cores and GPUs (0–100 % each, so 400 % on four busy vCPUs); memory is 0–100 %.
 * SageMaker publishes them once a minute, so the figures cover the whole minutes around the step. A
 * metric without datapoints (no GPU, or not published yet) is null.
 */
public record Utilization(Double cpuPercent, Double memoryPercent, Double gpuPercent) {

    static final List<String> METRICS = List.of("CPUUtilization", "MemoryUtilization", "GPUUtilization");
    /** The period SageMaker publishes endpoint instance metrics at. */
    static final int PERIOD_SECONDS = 60;

    public static final Utilization NONE = new Utilization(null, null, null);

    /** The averages between {@code from} and {@code to}, widened to whole minutes. */
    static Utilization read(MetricsSource metrics, String endpoint, String variant, Instant from, Instant to) {
        List<MetricQuery> queries = METRICS.stream().map(metric -> new MetricQuery("u" + METRICS.indexOf(metric),
                MetricQuery.ENDPOINT_INSTANCES, metric, "Average", MetricQuery.endpointDimensions(endpoint, variant),
                metric, MetricUnit.PERCENT)).toList();
        Instant start = from.truncatedTo(ChronoUnit.MINUTES);
        Instant end = to.truncatedTo(ChronoUnit.MINUTES).plusSeconds(PERIOD_SECONDS);
        List<MetricSeries> series = metrics.fetch(queries, start, end, PERIOD_SECONDS);
        return new Utilization(average(series, 0), average(series, 1), average(series, 2));
    }

    private static Double average(List<MetricSeries> series, int index) {
        List<MetricSeries.Point> points = series.get(index).points();
        return points.isEmpty() ? null : points.stream().mapToDouble(MetricSeries.Point::value).average().orElseThrow();
    }
}
