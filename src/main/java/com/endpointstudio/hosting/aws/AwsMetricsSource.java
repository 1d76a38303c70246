package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.hosting.MetricsSource;
import com.endpointstudio.core.metrics.MetricQuery;
import com.endpointstudio.core.metrics.MetricSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** Endpoint metrics from CloudWatch: every series of a view in one GetMetricData call, paginated. */
public final class AwsMetricsSource implements MetricsSource {

    /** GetMetricData takes at most 500 queries per request. */
    static final int MAX_QUERIES = 500;

    private final AwsSession session;
    private final CloudWatchClient cloudWatch;

    public AwsMetricsSource(AwsSession session) {
        this(session, session.client(CloudWatchClient.builder()));
    }

    AwsMetricsSource(AwsSession session, CloudWatchClient cloudWatch) {
        this.session = session;
        this.cloudWatch = cloudWatch;
    }

    @Override
    public List<MetricSeries> fetch(List<MetricQuery> queries, Instant start, Instant end, int periodSeconds) {
        Map<String, List<MetricSeries.Point>> points = new HashMap<>();
        try {
            for (int from = 0; from < queries.size(); from += MAX_QUERIES) {
                List<MetricDataQuery> batch = queries.subList(from, Math.min(queries.size(), from + MAX_QUERIES))
                        .stream().map(query -> toQuery(query, periodSeconds)).toList();
                cloudWatch.getMetricDataPaginator(b -> b.startTime(start).endTime(end).scanBy(ScanBy.TIMESTAMP_ASCENDING)
                                .metricDataQueries(batch))
                        .forEach(page -> page.metricDataResults().forEach(result -> collect(result, points)));
            }
        } catch (AwsServiceException | SdkClientException e) {
            throw AwsErrors.translate(e, session.connection(), "Reading the endpoint's metrics from CloudWatch",
                    session.endpointFor("monitoring"));
        }
        List<MetricSeries> series = new ArrayList<>();
        for (MetricQuery query : queries) {
            List<MetricSeries.Point> found = new ArrayList<>(points.getOrDefault(query.id(), List.of()));
            found.sort(java.util.Comparator.comparing(MetricSeries.Point::time));
            series.add(new MetricSeries(query, found));
        }
        return series;
    }

    private static void collect(MetricDataResult result, Map<String, List<MetricSeries.Point>> points) {
        List<MetricSeries.Point> into = points.computeIfAbsent(result.id(), id -> new ArrayList<>());
        for (int i = 0; i < result.timestamps().size() && i < result.values().size(); i++) {
            into.add(new MetricSeries.Point(result.timestamps().get(i), result.values().get(i)));
        }
    }

    private static MetricDataQuery toQuery(MetricQuery query, int periodSeconds) {
        List<Dimension> dimensions = query.dimensions().entrySet().stream()
                .map(d -> Dimension.builder().name(d.getKey()).value(d.getValue()).build()).toList();
        return MetricDataQuery.builder().id(query.id()).label(query.label()).returnData(true)
                .metricStat(stat -> stat.period(periodSeconds).stat(query.stat())
                        .metric(metric -> metric.namespace(query.namespace()).metricName(query.metricName())
                                .dimensions(dimensions)))
                .build();
    }

    @Override
    public List<Variant> variants(String endpointName) {
        try (SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            return sagemaker.describeEndpoint(b -> b.endpointName(endpointName)).productionVariants().stream()
                    .map(v -> new Variant(v.variantName(), v.currentServerlessConfig() != null)).toList();
        } catch (AwsServiceException | SdkClientException e) {
            throw AwsErrors.translate(e, session.connection(), "Describing endpoint " + endpointName,
                    session.endpointFor("api.sagemaker"));
        }
    }
}
