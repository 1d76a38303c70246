package com.endpointstudio.ui.metrics;

import com.endpointstudio.core.metrics.Lttb;
import com.endpointstudio.core.metrics.MetricChart;
import com.endpointstudio.core.metrics.MetricQuery;
import com.endpointstudio.core.metrics.MetricSeries;
import com.endpointstudio.core.metrics.MetricsData;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What each chart draws: its lines downsampled off the FX thread, the client's own latencies, why it is empty. */
final class ChartDrawing {

    /** Points drawn per line at most: about one per two pixels of a wide chart. */
    static final int DRAWN_POINTS = 600;

    private ChartDrawing() {
    }

    static Map<MetricChart, MetricsViewModel.ChartData> draw(MetricsData data, Map<MetricChart, List<MetricQuery>> charts,
                                                             boolean local, List<MetricSeries.Point> clientLatency,
                                                             List<MetricSeries.Point> loadTestLatency) {
        Map<MetricChart, MetricsViewModel.ChartData> drawn = new EnumMap<>(MetricChart.class);
        boolean anyInvocations = charts.getOrDefault(MetricChart.TRAFFIC, List.of()).stream()
                .filter(q -> q.metricName().equals("Invocations")).anyMatch(q -> !data.points(q.id()).isEmpty());
        charts.forEach((chart, queries) -> {
            Map<String, List<MetricSeries.Point>> lines = new LinkedHashMap<>();
            for (MetricQuery query : queries) {
                lines.put(query.label(), Lttb.downsample(data.points(query.id()), DRAWN_POINTS));
            }
            if (chart == MetricChart.LATENCY && !clientLatency.isEmpty()) {
                lines.put("client latency (console)", Lttb.downsample(clientLatency, DRAWN_POINTS));
            }
            if (chart == MetricChart.LATENCY && !loadTestLatency.isEmpty()) {
                lines.put("client p50 (load test)", Lttb.downsample(loadTestLatency, DRAWN_POINTS));
            }
            drawn.put(chart, new MetricsViewModel.ChartData(lines, emptyReason(chart, local, anyInvocations)));
        });
        return drawn;
    }

    static String emptyReason(MetricChart chart, boolean local, boolean anyInvocations) {
        if (chart == MetricChart.UTILIZATION) {
            return local ? "Local endpoints record no instance utilization; AWS endpoints report it per instance."
                    : "No utilization data: the variant has no instances in this range (serverless endpoints have "
                    + "none), or the endpoint is not InService.";
        }
        return anyInvocations ? "No datapoints for these series in this range."
                : "No invocations in this range yet. Send some from the Console; metrics arrive about a minute "
                + "after the traffic.";
    }
}
