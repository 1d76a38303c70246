package com.endpointstudio.ui.metrics;

import com.endpointstudio.core.metrics.Lttb;
import com.endpointstudio.core.metrics.MetricSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * A week of one-minute data (10,080 points) for each of 8 series: the time from the data in hand
 * to the chart drawn (downsampled off the FX thread, then laid out by the next pulse), and the FX
 * thread's longest stall meanwhile, measured by a probe that posts to it every 2 ms. Goal: under
 * 200 ms to draw, no stall over 50 ms. The same data drawn without downsampling is printed for
 * comparison.
 *
 * <p>Run: {@code ./mvnw test -Dtest=MetricsChartBenchmark}.
 */
class MetricsChartBenchmark {

    private static final int SERIES = 8;
    private static final int POINTS = 10_080;

    @Test
    void aWeekOfMinutesForEightSeries() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        MetricChartView[] view = new MetricChartView[1];
        FxToolkit.setupFixture(() -> {
            view[0] = new MetricChartView("Latency", "ms");
            stage.setScene(new Scene(view[0], 1200, 700));
            stage.show();
        });
        Map<String, List<MetricSeries.Point>> week = week();
        for (int warm = 0; warm < 3; warm++) {
            draw(view[0], week, true);
        }
        List<double[]> runs = new ArrayList<>();
        for (int run = 0; run < 5; run++) {
            runs.add(draw(view[0], week, true));
        }
        double[] raw = draw(view[0], week, false);
        runs.sort((a, b) -> Double.compare(a[0], b[0]));
        double worstStall = runs.stream().mapToDouble(r -> r[1]).max().orElse(0);
        System.out.printf(Locale.ROOT, "%nMetrics chart: %d series x %,d points (a week of minutes)%n", SERIES, POINTS);
        System.out.printf(Locale.ROOT, "downsampled to %d points a line: data in hand to drawn median %.1f ms, max %.1f ms"
                        + " (goal < 200 ms); longest FX stall %.1f ms (goal < 50 ms)%n", ChartDrawing.DRAWN_POINTS,
                runs.get(2)[0], runs.get(4)[0], worstStall);
        System.out.printf(Locale.ROOT, "every point drawn, for comparison: %.1f ms, longest FX stall %.1f ms%n", raw[0],
                raw[1]);
        FxToolkit.cleanupStages();
    }

    private static Map<String, List<MetricSeries.Point>> week() {
        Instant start = Instant.parse("2026-11-18T00:00:00Z");
        Map<String, List<MetricSeries.Point>> series = new LinkedHashMap<>();
        java.util.Random random = new java.util.Random(7);
        for (int s = 0; s < SERIES; s++) {
            List<MetricSeries.Point> points = new ArrayList<>(POINTS);
            for (int minute = 0; minute < POINTS; minute++) {
                double daily = Math.sin(minute * 2 * Math.PI / 1440) * 5;
                points.add(new MetricSeries.Point(start.plusSeconds(60L * minute),
                        20 + 3 * s + daily + random.nextGaussian() * (minute % 977 == 0 ? 40 : 1)));
            }
            series.put("series " + s, points);
        }
        return series;
    }

    /** Returns {ms from data in hand to drawn, longest FX stall in ms}. */
    private static double[] draw(MetricChartView view, Map<String, List<MetricSeries.Point>> week, boolean downsample)
            throws Exception {
        AtomicLong worst = new AtomicLong();
        Thread probe = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long posted = System.nanoTime();
                Platform.runLater(() -> worst.accumulateAndGet(System.nanoTime() - posted, Math::max));
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        probe.setDaemon(true);
        probe.start();
        Thread.sleep(50);
        worst.set(0);
        long start = System.nanoTime();
        CompletableFuture<Map<String, List<MetricSeries.Point>>> lines = CompletableFuture.supplyAsync(() -> {
            Map<String, List<MetricSeries.Point>> drawn = new LinkedHashMap<>();
            week.forEach((name, points) -> drawn.put(name, downsample
                    ? Lttb.downsample(points, ChartDrawing.DRAWN_POINTS) : points));
            return drawn;
        });
        CompletableFuture<Void> shown = new CompletableFuture<>();
        lines.thenAccept(ready -> Platform.runLater(() -> {
            view.show(ready, "");
            // drawn: the next pulse has laid the new lines out and handed them to the renderer
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                view.getScene().removePostLayoutPulseListener(listener[0]);
                shown.complete(null);
            };
            view.getScene().addPostLayoutPulseListener(listener[0]);
            Platform.requestNextPulse();
        }));
        shown.get(120, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        CompletableFuture<Void> drained = new CompletableFuture<>();
        Platform.runLater(() -> drained.complete(null));
        drained.get(120, TimeUnit.SECONDS);
        Thread.sleep(20);
        probe.interrupt();
        probe.join();
        return new double[] {elapsed / 1e6, worst.get() / 1e6};
    }
}
