package com.endpointstudio.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.invoke.history.HistoryEntry;
import com.endpointstudio.core.metrics.MetricChart;
import com.endpointstudio.core.metrics.MetricSeries;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.TestJobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Metrics screen's view model without a toolkit, against moto server: what is laid over the charts, and a connection change. */
@ExtendWith(MotoExtension.class)
class MetricsViewModelTest {

    @TempDir
    Path dir;

    private static HistoryEntry call(String connectionId, double latencyMs) {
        InvocationRequest request = InvocationRequest.of("home", "application/json",
                "[[1]]".getBytes(StandardCharsets.UTF_8));
        InvocationResult result = new InvocationResult(200, "application/json", new byte[0], "AllTraffic", null,
                Duration.ofNanos((long) (latencyMs * 1e6)), null, null, null);
        return HistoryEntry.of(connectionId, request, result);
    }

    @Test
    void onlyCallsToTheSameEndpointOnTheSameConnectionAreLaidOverAndAnotherConnectionClearsTheCharts(MotoServer moto) {
        moto.reset();
        try (StudioServices services = moto.services(dir)) {
            moto.createEndpoints(services, "home");
            // the same endpoint name called on the AWS connection and on Local
            List<HistoryEntry> history = List.of(call(moto.connection().id(), 41), call(Connection.LOCAL_ID, 3),
                    call(Connection.LOCAL_ID, 4));
            List<String> loadTestsAskedFor = new ArrayList<>();
            TestJobs jobs = TestJobs.direct();
            MetricsViewModel metrics = new MetricsViewModel(services.hostingProvider(), () -> history, jobs.jobs());
            metrics.useLoadTestLatency((connectionId, endpoint) -> {
                loadTestsAskedFor.add(connectionId + "/" + endpoint);
                return List.of(new MetricSeries.Point(Instant.now().minusSeconds(30), 12));
            });
            metrics.connectionChanged(moto.connection());
            metrics.shown();
            metrics.useEndpoint("home");

            var latency = metrics.drawnProperty().get().get(MetricChart.LATENCY).lines();
            assertThat(latency.get("client latency (console)")).extracting(MetricSeries.Point::value).containsExactly(41.0);
            assertThat(latency.get("client p50 (load test)")).hasSize(1);
            // asked only for this connection and endpoint (once per refresh, however many the listing started)
            assertThat(loadTestsAskedFor).isNotEmpty().containsOnly("moto-connection/home");

            metrics.connectionChanged(Connection.local());
            assertThat(metrics.drawnProperty().get()).isEmpty();
            assertThat(metrics.endpointNameProperty().get()).isEmpty();
            assertThat(metrics.summaryProperty().get()).isEmpty();
            assertThat(jobs.reported()).isEmpty();
            metrics.close();
        }
    }
}
