package com.endpointstudio.core.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadTestStreamTest {

    @Test
    void secondsAndTheReportComeBackAsTheyWereAndOtherLinesAreSkipped() {
        LoadTestSnapshot second = new LoadTestSnapshot(Duration.ofNanos(1_000_123_456L), 812.5,
                LatencyStats.ofMicros(4_900, 5_100, 5_300, 9_800), 813, 2);
        LoadTestReport report = new LoadTestReport("houses", new LoadTestPlan(8, null, Duration.ofSeconds(30), 900.0,
                Duration.ofSeconds(3)), Instant.parse("2026-12-01T20:00:00.123456789Z"), Duration.ofMillis(30_004),
                24_400, 2, LatencyStats.ofMicros(5_000, 5_200, 11_000), LatencyStats.ofMicros(4_800, 5_000),
                Map.of("ModelError 500", 2L), List.of(second), true);
        List<Object> read = new ArrayList<>();

        for (String line : List.of("Picked up JAVA_TOOL_OPTIONS: -Xmx1g", LoadTestStream.line(second), "{\"other\": 1}",
                LoadTestStream.line(report))) {
            LoadTestStream.read(line, read::add, read::add);
        }

        assertThat(read).containsExactly(second, report);
        assertThat(LoadTestStream.line(second)).startsWith("{\"second\":").doesNotContain("\n");
        assertThat(LoadTestStream.line(report)).startsWith("{\"report\":").doesNotContain("\n");
    }
}
