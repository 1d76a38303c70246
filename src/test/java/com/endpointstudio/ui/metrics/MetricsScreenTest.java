package com.endpointstudio.ui.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.metrics.MetricChart;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.core.packaging.SampleModel;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.hosting.aws.AwsEndpointRuntime;
import com.endpointstudio.hosting.aws.AwsSession;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.StudioUiTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The Metrics screen on a Local endpoint that served real invocations. */
class MetricsScreenTest extends StudioUiTest {


    @TempDir
    Path dir;




    @Test
    void chartsShowTheLocalEndpointsTrafficAndExportEveryPoint() throws Exception {
        services = new StudioServices(StudioPaths.under(dir.resolve("studio")), MotoServer.awsEnvironment(dir.resolve(".aws")));
        Path archive = dir.resolve("houses.tar.gz");
        new ModelPackager().build(SampleModel.tree().toPlan(), Set.of(), archive, Compression.FAST, false,
                ProgressListener.NONE, CancelToken.none());
        services.localHost().create("houses", archive, "custom", line -> { });
        try (AwsSession session = com.endpointstudio.hosting.aws.LocalRuntimeSessions.forLocalRuntime(URI.create(services.localRuntime().url()))) {
            AwsEndpointRuntime runtime = new AwsEndpointRuntime(session);
            for (int i = 0; i < 20; i++) {
                runtime.invoke(InvocationRequest.of("houses", "application/json",
                        "[[3, 80, 12]]".getBytes(StandardCharsets.UTF_8)));
            }
        }
        open(services, studio -> studio.shell().show("metrics"));
        MetricsViewModel model = window.metrics();
        // the connection's only endpoint is chosen and charted as the screen opens, with no Refresh
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !model.drawnProperty().get().isEmpty());
        assertThat(model.endpointNameProperty().get()).isEqualTo("houses");
        WaitForAsyncUtils.waitForFxEvents();

        MetricChartView latency = lookup("#chart-latency").query();
        MetricChartView traffic = lookup("#chart-traffic").query();
        MetricChartView utilization = lookup("#chart-utilization").query();
        assertThat(latency.chart().getData()).extracting(s -> s.getName()).contains("ModelLatency p99",
                "OverheadLatency Average");
        assertThat(latency.chart().getData().get(0).getData()).isNotEmpty();
        assertThat(traffic.chart().getData()).filteredOn(s -> s.getName().equals("Invocations")).singleElement()
                .satisfies(s -> assertThat(s.getData().stream().mapToDouble(d -> d.getYValue().doubleValue()).sum())
                        .isEqualTo(20));
        assertThat(utilization.emptyReason()).contains("Local endpoints record no instance utilization");
        assertThat(lookup("#summaryLabel").queryLabeled().getText()).startsWith("houses · 60 min at 60 s");

        interact(() -> latency.setSeriesVisible("ModelLatency p99", false));
        assertThat(latency.isSeriesVisible("ModelLatency p99")).isFalse();
        interact(() -> latency.zoomTo(0, 1));
        assertThat(latency.isZoomed()).isTrue();
        doubleClickOn(latency);
        assertThat(latency.isZoomed()).isFalse();

        Path csv = dir.resolve("traffic.csv");
        interact(() -> model.exportCsv(MetricChart.TRAFFIC, csv));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Files.exists(csv));
        assertThat(Files.readString(csv)).startsWith("time,Invocations [count],InvocationsPerInstance [count]");
        Path png = dir.resolve("latency.png");
        interact(() -> {
            try {
                latency.exportPng(png);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(Files.size(png)).isGreaterThan(1000);
    }
}
