package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.metrics.MetricChart;
import com.endpointstudio.core.metrics.MetricQuery;
import com.endpointstudio.core.metrics.MetricSeries;
import java.time.Instant;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Local endpoints' metrics answer the same queries as CloudWatch, from what the local runtime recorded. */
class LocalMetricsSourceTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void latencyPercentilesAndCountsPerMinuteAndPerFiveMinutes() {
        LocalMetrics metrics = new LocalMetrics();
        for (int i = 1; i <= 100; i++) {
            metrics.record("houses", 200, i * 1000L, 300, T.plusSeconds(i % 2 == 0 ? 10 : 70));
        }
        metrics.record("houses", 500, 0, 0, T.plusSeconds(20));
        LocalMetricsSource source = new LocalMetricsSource(metrics);
        var charts = MetricChart.queries("houses", source.variantNames("houses"), false);
        List<MetricQuery> latency = charts.get(MetricChart.LATENCY);
        List<MetricQuery> traffic = charts.get(MetricChart.TRAFFIC);

        List<MetricSeries> perMinute = source.fetch(latency, T, T.plusSeconds(300), 60);
        MetricSeries p99 = perMinute.stream().filter(s -> s.query().metricName().equals("ModelLatency")
                && s.query().stat().equals("p99")).findFirst().orElseThrow();
        assertThat(p99.points()).hasSize(2);
        assertThat(p99.points().get(0).value()).isCloseTo(100_000, Offset.offset(200.0));

        List<MetricSeries> perFive = source.fetch(traffic, T, T.plusSeconds(300), 300);
        assertThat(perFive.get(0).query().metricName()).isEqualTo("Invocations");
        assertThat(perFive.get(0).points()).singleElement().satisfies(p -> assertThat(p.value()).isEqualTo(101));
        assertThat(perFive.get(3).query().metricName()).isEqualTo("Invocation5XXErrors");
        assertThat(perFive.get(3).points()).singleElement().satisfies(p -> assertThat(p.value()).isEqualTo(1));
        MetricSeries p50 = source.fetch(latency, T, T.plusSeconds(300), 300).stream().filter(s -> s.query().stat()
                .equals("p50") && s.query().metricName().equals("ModelLatency")).findFirst().orElseThrow();
        assertThat(p50.points()).singleElement().satisfies(p -> assertThat(p.value()).isCloseTo(50_000,
                Offset.offset(100.0)));
        assertThat(source.fetch(charts.get(MetricChart.UTILIZATION), T, T.plusSeconds(300), 60))
                .allSatisfy(s -> assertThat(s.points()).isEmpty());
    }
}
