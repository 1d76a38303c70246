package com.endpointstudio.hosting.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.metrics.MetricChart;
import com.endpointstudio.core.metrics.MetricQuery;
import com.endpointstudio.core.metrics.MetricSeries;
import com.endpointstudio.core.metrics.MetricUnit;
import com.endpointstudio.core.metrics.MetricsData;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * CloudWatch metrics with the real SDK against moto server, seeded with PutMetricData. Moto
 * computes Average, Sum, Minimum and Maximum; percentile statistics are not emulated, so the
 * queries here use those four.
 */
@ExtendWith(MotoExtension.class)
class AwsMetricsSourceTest {

    private static final Instant MINUTE = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);

    @TempDir
    Path dir;

    private AwsSession session;
    private CloudWatchClient cloudWatch;
    private final AtomicInteger getMetricDataCalls = new AtomicInteger();
    private AwsMetricsSource source;

    @BeforeEach
    void open(MotoServer moto) {
        moto.reset();
        session = MotoServer.awsEnvironment(dir.resolve(".aws")).sessionFactory().open(moto.connection());
        cloudWatch = session.client(CloudWatchClient.builder());
        CloudWatchClient counted = CloudWatchClient.builder().region(session.region()).credentialsProvider(
                session.credentials()).endpointOverride(java.net.URI.create(moto.endpointUrl()))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if ("GetMetricData".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                            getMetricDataCalls.incrementAndGet();
                        }
                    }
                })).build();
        source = new AwsMetricsSource(session, counted);
    }

    @AfterEach
    void close() {
        cloudWatch.close();
        session.close();
    }

    private void put(String metric, String variant, Instant at, double... values) {
        List<MetricDatum> data = java.util.Arrays.stream(values).mapToObj(value -> MetricDatum.builder().metricName(metric)
                .dimensions(Dimension.builder().name("EndpointName").value("houses").build(),
                        Dimension.builder().name("VariantName").value(variant).build())
                .timestamp(at).value(value).unit(metric.contains("Latency") ? StandardUnit.MICROSECONDS
                        : StandardUnit.NONE).build()).toList();
        cloudWatch.putMetricData(b -> b.namespace("AWS/SageMaker").metricData(data));
    }

    private static MetricQuery query(String id, String metric, String stat, String variant, MetricUnit unit) {
        return new MetricQuery(id, MetricQuery.SAGEMAKER, metric, stat, MetricQuery.endpointDimensions("houses",
                variant), metric + " " + stat, unit);
    }

    @Test
    void oneCallFetchesEverySeriesWithItsDimensionsAndStatistic() {
        put("ModelLatency", "blue", MINUTE.plusSeconds(5), 2000, 4000);
        put("ModelLatency", "green", MINUTE.plusSeconds(5), 9000);
        put("Invocations", "blue", MINUTE.plusSeconds(5), 1, 1);
        put("Invocations", "blue", MINUTE.plusSeconds(65), 1);

        List<MetricQuery> queries = List.of(query("m0", "ModelLatency", "Average", "blue", MetricUnit.MICROSECONDS),
                query("m1", "ModelLatency", "Average", "green", MetricUnit.MICROSECONDS),
                query("m2", "ModelLatency", "Maximum", "blue", MetricUnit.MICROSECONDS),
                query("m3", "Invocations", "Sum", "blue", MetricUnit.COUNT),
                query("m4", "Invocation5XXErrors", "Sum", "blue", MetricUnit.COUNT));
        List<MetricSeries> series = source.fetch(queries, MINUTE.minusSeconds(60), MINUTE.plusSeconds(180), 60);

        assertThat(getMetricDataCalls.get()).isEqualTo(1);
        assertThat(series.get(0).points()).extracting(MetricSeries.Point::value).containsExactly(3000.0);
        assertThat(series.get(0).points().get(0).time()).isEqualTo(MINUTE);
        assertThat(series.get(1).points()).extracting(MetricSeries.Point::value).containsExactly(9000.0);
        assertThat(series.get(2).points()).extracting(MetricSeries.Point::value).containsExactly(4000.0);
        assertThat(series.get(3).points()).extracting(MetricSeries.Point::value).containsExactly(2.0, 1.0);
        assertThat(series.get(4).points()).isEmpty();
    }

    @Test
    void aRefreshFetchesOnlyTheNewWindow() {
        put("Invocations", "AllTraffic", MINUTE.plusSeconds(5), 1, 1, 1);
        MetricQuery calls = query("m0", "Invocations", "Sum", "AllTraffic", MetricUnit.COUNT);
        MetricsData data = new MetricsData(List.of(calls));
        Instant start = MINUTE.minusSeconds(600);
        Instant firstEnd = MINUTE.plusSeconds(60);
        data.merge(source.fetch(List.of(calls), data.refreshFrom(start, 60), firstEnd, 60), firstEnd);
        assertThat(data.points("m0")).extracting(MetricSeries.Point::value).containsExactly(3.0);

        put("Invocations", "AllTraffic", MINUTE.plusSeconds(70), 1, 1);
        Instant from = data.refreshFrom(start, 60);
        assertThat(from).isEqualTo(MINUTE);
        data.merge(source.fetch(List.of(calls), from, MINUTE.plusSeconds(120), 60), MINUTE.plusSeconds(120));

        assertThat(data.points("m0")).extracting(MetricSeries.Point::value).containsExactly(3.0, 2.0);
        assertThat(getMetricDataCalls.get()).isEqualTo(2);
    }

    @Test
    void allVariantsOfAnEndpointAreCharted() {
        var queries = MetricChart.queries("houses", List.of("blue", "green"), false).get(MetricChart.TRAFFIC);
        put("Invocations", "green", MINUTE.plusSeconds(1), 5);
        List<MetricSeries> series = source.fetch(queries, MINUTE.minusSeconds(60), MINUTE.plusSeconds(120), 60);
        assertThat(series).hasSize(8);
        assertThat(series).filteredOn(s -> s.query().label().equals("Invocations (green)")).singleElement()
                .satisfies(s -> assertThat(s.points()).extracting(MetricSeries.Point::value).containsExactly(5.0));
        assertThat(getMetricDataCalls.get()).isEqualTo(1);
    }

    @Test
    void variantsComeFromTheEndpointWithWhetherTheyAreServerless() {
        try (var sagemaker = session.client(software.amazon.awssdk.services.sagemaker.SageMakerClient.builder())) {
            sagemaker.createModel(b -> b.modelName("m").executionRoleArn("arn:aws:iam::123456789012:role/R")
                    .primaryContainer(c -> c.image("123456789012.dkr.ecr.us-east-1.amazonaws.com/i:1")));
            sagemaker.createEndpointConfig(b -> b.endpointConfigName("c").productionVariants(
                    v -> v.variantName("blue").modelName("m").instanceType("ml.m5.large").initialInstanceCount(1),
                    v -> v.variantName("cheap").modelName("m").serverlessConfig(s -> s.memorySizeInMB(2048)
                            .maxConcurrency(5))));
            sagemaker.createEndpoint(b -> b.endpointName("houses").endpointConfigName("c"));
        }

        assertThat(source.variants("houses")).containsExactly(new com.endpointstudio.core.hosting.MetricsSource.Variant(
                "blue", false), new com.endpointstudio.core.hosting.MetricsSource.Variant("cheap", true));
    }
}
