package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMetricsTest {

    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-11-25T10:00:30Z");

    @Test
    void recordsTheStatisticsSageMakerReportsPerMinuteWithPercentiles() {
        LocalMetrics metrics = new LocalMetrics();
        for (int i = 1; i <= 100; i++) {
            metrics.record("e", 200, i * 1000L, 500, T);
        }
        metrics.record("e", 500, 0, 0, T);
        metrics.record("e", 400, 0, 0, T.plusSeconds(60));

        List<LocalMetrics.Datapoint> latency = metrics.query("e", "ModelLatency", T.minusSeconds(60), T.plusSeconds(120));
        assertThat(latency).singleElement().satisfies(p -> {
            assertThat(p.stat("SampleCount")).isEqualTo(100);
            assertThat(p.stat("Average")).isEqualTo(50_500);
            assertThat(p.stat("Minimum")).isEqualTo(1000);
            assertThat(p.stat("Maximum")).isEqualTo(100_000);
            assertThat(p.stat("p50")).isBetween(49_900.0, 50_100.0);
            assertThat(p.stat("p99")).isBetween(98_900.0, 99_100.0);
        });
        assertThat(metrics.query("e", "Invocations", T.minusSeconds(60), T.plusSeconds(120)))
                .extracting(p -> p.stat("Sum")).containsExactly(101.0, 1.0);
        assertThat(metrics.query("e", "Invocation4XXErrors", T, T.plusSeconds(120))).extracting(p -> p.stat("Sum"))
                .containsExactly(0.0, 1.0);
        assertThat(metrics.query("e", "Invocation5XXErrors", T, T.plusSeconds(10))).extracting(p -> p.stat("Sum"))
                .containsExactly(1.0);
    }

    @Test
    void aMinuteGoneByAnswersItsPercentilesTheSameAndTakesALateCall() throws Exception {
        LocalMetrics metrics = new LocalMetrics(dir.resolve("metrics.json"));
        for (int i = 1; i <= 100; i++) {
            metrics.record("e", 200, i * 1000L, 500, T);
        }
        for (int i = 1; i <= 10; i++) {
            metrics.record("e", 200, 7000, 500, T.plusSeconds(60)); // the next minute: T's is kept compressed
        }
        assertThat(metrics.query("e", "ModelLatency", T, T.plusSeconds(120))).extracting(p -> p.stat("p50"))
                .satisfiesExactly(p50 -> assertThat(p50).isBetween(49_900.0, 50_100.0),
                        p50 -> assertThat(p50).isBetween(6_990.0, 7_010.0));

        metrics.record("e", 200, 200_000, 500, T.plusSeconds(5)); // a call that ends late, in T's minute
        metrics.save();
        for (LocalMetrics read : List.of(metrics, new LocalMetrics(dir.resolve("metrics.json")))) {
            assertThat(read.query("e", "ModelLatency", T, T.plusSeconds(29))).singleElement().satisfies(p -> {
                assertThat(p.stat("SampleCount")).isEqualTo(101);
                assertThat(p.stat("Maximum")).isEqualTo(200_000);
                assertThat(p.stat("p100")).isBetween(199_900.0, 200_100.0);
                assertThat(p.stat("p50")).isBetween(50_900.0, 51_100.0);
            });
        }
    }

    @Test
    void aDamagedHistogramInTheFileLeavesTheMinutesOtherStatistics() throws Exception {
        Path file = dir.resolve("metrics.json");
        LocalMetrics before = new LocalMetrics(file);
        before.record("e", 200, 1000, 50, T);
        before.save();
        Files.writeString(file, Files.readString(file).replaceAll("\"histogram\":\"[^\"]+\"",
                "\"histogram\":\"AAAA\""));

        LocalMetrics after = new LocalMetrics(file);
        assertThat(after.query("e", "ModelLatency", T, T.plusSeconds(60))).singleElement().satisfies(p -> {
            assertThat(p.stat("SampleCount")).isEqualTo(1);
            assertThat(p.stat("Average")).isEqualTo(1000);
            assertThat(p.histogram()).isNull();
        });
        after.record("e", 200, 3000, 50, T); // the minute records again from a new histogram
        assertThat(after.query("e", "ModelLatency", T, T.plusSeconds(60))).singleElement()
                .satisfies(p -> assertThat(p.stat("p50")).isBetween(2_990.0, 3_010.0));
    }

    @Test
    void savedMetricsSurviveARestartAndADamagedFileIsSetAside() throws Exception {
        Path file = dir.resolve("metrics.json");
        LocalMetrics before = new LocalMetrics(file);
        for (int i = 1; i <= 10; i++) {
            before.record("e", 200, i * 100L, 50, T);
        }
        before.save();

        LocalMetrics after = new LocalMetrics(file);
        assertThat(after.query("e", "ModelLatency", T.minusSeconds(60), T.plusSeconds(60))).singleElement()
                .satisfies(p -> {
                    assertThat(p.stat("SampleCount")).isEqualTo(10);
                    assertThat(p.stat("p90")).isBetween(899.0, 901.0);
                });

        Files.writeString(file, "{not json");
        LocalMetrics recovered = new LocalMetrics(file);
        assertThat(recovered.query("e", "Invocations", T.minusSeconds(60), T.plusSeconds(60))).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anySatisfy(n -> assertThat(n).contains("corrupt"));
        }
    }

    @Test
    void metricsAreSavedWhileTheStudioRunsSoACrashLosesAtMostOnePeriod() throws Exception {
        Path file = dir.resolve("autosaved.json");
        LocalMetrics running = new LocalMetrics(file);
        running.autosaveEvery(java.time.Duration.ofMillis(100));
        running.record("e", 200, 700, 40, T);

        org.testfx.util.WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> Files.exists(file));
        // no close(): as after a crash
        assertThat(new LocalMetrics(file).query("e", "Invocations", T.minusSeconds(60), T.plusSeconds(60)))
                .singleElement().satisfies(p -> assertThat(p.stat("Sum")).isEqualTo(1.0));
        running.close();
    }
}
