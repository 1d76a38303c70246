package com.endpointstudio.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.error.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricQueriesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void theViewQueriesEveryMetricWithItsStatisticsNamespaceAndDimensions() {
        Map<MetricChart, List<MetricQuery>> charts = MetricChart.queries("houses", List.of("blue", "green"), true);

        List<MetricQuery> latency = charts.get(MetricChart.LATENCY);
        assertThat(latency).hasSize(16);
        assertThat(latency).filteredOn(q -> q.variantName().equals("blue") && q.metricName().equals("ModelLatency"))
                .extracting(MetricQuery::stat).containsExactly("Average", "p50", "p90", "p99");
        assertThat(latency.get(0).dimensions()).containsExactlyInAnyOrderEntriesOf(
                Map.of("EndpointName", "houses", "VariantName", "blue"));
        assertThat(latency.get(0).namespace()).isEqualTo("AWS/SageMaker");
        assertThat(latency.get(0).label()).isEqualTo("ModelLatency Average (blue)");
        assertThat(charts.get(MetricChart.TRAFFIC)).extracting(MetricQuery::metricName).contains("Invocations",
                "InvocationsPerInstance", "Invocation4XXErrors", "Invocation5XXErrors", "ModelSetupTime");
        assertThat(charts.get(MetricChart.UTILIZATION)).allSatisfy(q -> {
            assertThat(q.namespace()).isEqualTo("/aws/sagemaker/Endpoints");
            assertThat(q.stat()).isEqualTo("Average");
        });
        List<MetricQuery> all = new ArrayList<>();
        charts.values().forEach(all::addAll);
        assertThat(new HashSet<>(all.stream().map(MetricQuery::id).toList())).hasSize(all.size());
        assertThat(all).allSatisfy(q -> assertThat(q.id()).matches("^[a-z][a-zA-Z0-9_]*$"));
        assertThat(MetricChart.queries("houses", List.of("AllTraffic"), false).get(MetricChart.TRAFFIC))
                .extracting(MetricQuery::metricName).doesNotContain("ModelSetupTime");
    }

    @Test
    void latenciesAreReportedInMicrosecondsAndShownInMilliseconds() {
        assertThat(MetricUnit.MICROSECONDS.display(12_500)).isEqualTo(12.5);
        assertThat(MetricUnit.COUNT.display(3)).isEqualTo(3);
    }

    @Test
    void thePeriodFollowsCloudWatchRulesForTheRangeAndTheDataAge() {
        assertThat(TimeRange.Preset.WEEK_1.endingAt(NOW).periodSeconds(NOW, 8)).isEqualTo(60);
        assertThat(TimeRange.Preset.WEEK_1.endingAt(NOW).periodSeconds(NOW, 24)).isEqualTo(180);
        assertThat(TimeRange.Preset.HOUR_1.endingAt(NOW).periodSeconds(NOW, 40)).isEqualTo(60);
        TimeRange older = new TimeRange(NOW.minus(Duration.ofDays(20)), NOW.minus(Duration.ofDays(19)));
        assertThat(older.periodSeconds(NOW, 8)).isEqualTo(300);
        TimeRange oldest = new TimeRange(NOW.minus(Duration.ofDays(70)), NOW.minus(Duration.ofDays(69)));
        assertThat(oldest.periodSeconds(NOW, 8)).isEqualTo(3600);
        assertThat(new TimeRange(Instant.parse("2026-11-25T11:00:30Z"), Instant.parse("2026-11-25T11:10:10Z"))
                .aligned(60)).isEqualTo(new TimeRange(Instant.parse("2026-11-25T11:00:00Z"),
                Instant.parse("2026-11-25T11:11:00Z")));
        // a refresh in a minute's first second still charts that minute's calls
        assertThat(new TimeRange(Instant.parse("2026-11-25T10:30:00.400Z"), Instant.parse("2026-11-25T11:30:00.400Z"))
                .aligned(60).end()).isEqualTo(Instant.parse("2026-11-25T11:31:00Z"));
        assertThat(new TimeRange(Instant.parse("2026-11-25T10:30:00Z"), Instant.parse("2026-11-25T11:30:00Z"))
                .aligned(60).end()).isEqualTo(Instant.parse("2026-11-25T11:30:00Z"));
        assertThatThrownBy(() -> new TimeRange(NOW, NOW)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("Time range");
    }

    @Test
    void downsamplingKeepsTheShapeIncludingASpike() {
        List<MetricSeries.Point> week = new ArrayList<>();
        for (int minute = 0; minute < 10_080; minute++) {
            week.add(new MetricSeries.Point(NOW.plusSeconds(60L * minute), minute == 5_000 ? 900 : 10 + minute % 7));
        }
        List<MetricSeries.Point> drawn = Lttb.downsample(week, 800);

        assertThat(drawn).hasSize(800);
        assertThat(drawn.get(0)).isEqualTo(week.get(0));
        assertThat(drawn.get(799)).isEqualTo(week.get(10_079));
        assertThat(drawn).extracting(MetricSeries.Point::value).contains(900.0);
        assertThat(Lttb.downsample(week.subList(0, 100), 800)).hasSize(100);
    }

    @Test
    void refreshesMergeOnlyTheNewWindowAndExportsKeepEveryPoint() {
        MetricQuery latency = new MetricQuery("m0", MetricQuery.SAGEMAKER, "ModelLatency", "Average",
                Map.of("EndpointName", "houses", "VariantName", "AllTraffic"), "ModelLatency Average", MetricUnit.MICROSECONDS);
        MetricQuery calls = new MetricQuery("m1", MetricQuery.SAGEMAKER, "Invocations", "Sum",
                Map.of("EndpointName", "houses", "VariantName", "AllTraffic"), "Invocations", MetricUnit.COUNT);
        MetricsData data = new MetricsData(List.of(latency, calls));
        Instant start = NOW.minus(Duration.ofMinutes(15));
        assertThat(data.refreshFrom(start, 60)).isEqualTo(start);

        data.merge(List.of(new MetricSeries(latency, List.of(new MetricSeries.Point(NOW.minusSeconds(120), 4000),
                new MetricSeries.Point(NOW.minusSeconds(60), 5000))), new MetricSeries(calls,
                List.of(new MetricSeries.Point(NOW.minusSeconds(60), 3)))), NOW);
        assertThat(data.refreshFrom(start, 60)).isEqualTo(NOW.minusSeconds(60));

        data.merge(List.of(new MetricSeries(latency, List.of(new MetricSeries.Point(NOW.minusSeconds(60), 6000),
                new MetricSeries.Point(NOW, 7000)))), NOW.plusSeconds(60));
        assertThat(data.points("m0")).extracting(MetricSeries.Point::value).containsExactly(4.0, 6.0, 7.0);

        data.trim(NOW.minusSeconds(60));
        assertThat(data.points("m0")).hasSize(2);
        assertThat(data.toCsv(List.of(latency, calls), ZoneOffset.UTC)).isEqualTo("""
                time,ModelLatency Average [ms],Invocations [count]
                2026-11-25T11:59:00Z,6.00000,3.00000
                2026-11-25T12:00:00Z,7.00000,
                """);
    }
}
