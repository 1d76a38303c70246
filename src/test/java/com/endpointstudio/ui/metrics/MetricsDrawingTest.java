package com.endpointstudio.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.metrics.MetricChart;
import com.endpointstudio.core.metrics.MetricQuery;
import com.endpointstudio.core.metrics.MetricSeries;
import com.endpointstudio.core.metrics.MetricsData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the charts are given: every line downsampled, the console's latency overlaid, empty charts explained. */
class MetricsDrawingTest {

    private static final Instant T = Instant.parse("2026-11-18T00:00:00Z");

    @Test
    void aWeekOfMinutesIsDrawnWithAFewHundredPointsAndTheConsoleLatencyIsOverlaid() {
        var charts = MetricChart.queries("houses", List.of("AllTraffic"), false);
        List<MetricQuery> all = new ArrayList<>();
        charts.values().forEach(all::addAll);
        MetricsData data = new MetricsData(all);
        List<MetricSeries> week = new ArrayList<>();
        for (MetricQuery query : charts.get(MetricChart.LATENCY)) {
            List<MetricSeries.Point> points = new ArrayList<>();
            for (int minute = 0; minute < 10_080; minute++) {
                points.add(new MetricSeries.Point(T.plusSeconds(60L * minute), 1000 + minute % 60));
            }
            week.add(new MetricSeries(query, points));
        }
        data.merge(week, T.plusSeconds(7 * 86_400));
        List<MetricSeries.Point> console = List.of(new MetricSeries.Point(T.plusSeconds(600), 3.5));

        List<MetricSeries.Point> loadTest = List.of(new MetricSeries.Point(T.plusSeconds(900), 2.0),
                new MetricSeries.Point(T.plusSeconds(901), 2.5));
        var drawn = ChartDrawing.draw(data, charts, false, console, loadTest);

        var latency = drawn.get(MetricChart.LATENCY).lines();
        assertThat(latency.get("ModelLatency p99")).hasSize(ChartDrawing.DRAWN_POINTS);
        assertThat(latency.get("ModelLatency p99").get(0).value()).isEqualTo(1.0); // 1000 µs shown as 1 ms
        assertThat(latency.get("client latency (console)")).containsExactly(console.get(0));
        assertThat(latency.get("client p50 (load test)")).isEqualTo(loadTest);
        assertThat(data.points(charts.get(MetricChart.LATENCY).get(0).id())).hasSize(10_080);
        assertThat(drawn.get(MetricChart.TRAFFIC).emptyReason()).contains("No invocations in this range yet")
                .contains("about a minute after");
        assertThat(drawn.get(MetricChart.UTILIZATION).emptyReason()).contains("no instances");
    }
}
