package com.endpointstudio.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.loadtest.LatencyStats;
import com.endpointstudio.core.loadtest.LoadTestPlan;
import com.endpointstudio.core.loadtest.LoadTestReport;
import com.endpointstudio.core.loadtest.LoadTestSnapshot;
import com.endpointstudio.ui.console.LoadTestFigures.Figure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The load test's result table: a metric a row, each value with its unit. */
class LoadTestFiguresTest {

    private static final LatencyStats LATENCY = new LatencyStats(300, 14.5, 12.25, 20.5, 31.75, 40.0, 52.125);

    private static LoadTestReport report(long failed, Map<String, Long> errors, Double rate) {
        return new LoadTestReport("houses", new LoadTestPlan(4, 300, null, rate), Instant.EPOCH,
                Duration.ofMillis(12_500), 300, failed, LATENCY, new LatencyStats(300, 9, 8, 9, 10, 11, 12), errors,
                List.of(), false);
    }

    @Test
    void aReportReadsAsMetricsAndValuesWithTheCostPerMillion() {
        List<Figure> rows = LoadTestFigures.of(report(0, Map.of(), null), "cost        $0.53 per million inferences",
                false);

        assertThat(rows).containsExactly(new Figure("Endpoint", "houses"), new Figure("Requests", "300 in 12.50 s"),
                new Figure("Errors", "none"), new Figure("Throughput", "24.0 requests/s at concurrency 4"),
                new Figure("p50", "12.25 ms"), new Figure("p90", "20.50 ms"), new Figure("p99", "31.75 ms"),
                new Figure("p99.9", "40.00 ms"), new Figure("Max", "52.13 ms"), new Figure("Mean", "14.50 ms"),
                new Figure("Cost per million", "$0.53 per million inferences"));
        assertThat(LoadTestFigures.text(rows)).startsWith("Endpoint\thouses\nRequests\t300 in 12.50 s\n");
    }

    @Test
    void errorsAreCountedByKindAndARatedTestShowsItsServiceTime() {
        List<Figure> rows = LoadTestFigures.of(report(3, Map.of("ModelError 500", 3L), 25.0), "", false);

        assertThat(rows).contains(new Figure("Errors", "3 failed requests: 3 × ModelError 500"),
                new Figure("Throughput", "24.0 requests/s at concurrency 4, target 25.0/s"),
                new Figure("Service time p99", "10.00 ms"),
                new Figure("Cost per million", "unknown: the endpoint's instance prices could not be read"));
        assertThat(LoadTestFigures.of(report(1, Map.of("ThrottlingException", 1L), null), "", true))
                .contains(new Figure("Errors", "1 failed request: 1 × ThrottlingException"),
                        new Figure("Cost per million", "no charge: the endpoint runs on this computer"));
    }

    @Test
    void whileRunningTheTableShowsTheLatestSecond() {
        assertThat(LoadTestFigures.live(new LoadTestSnapshot(Duration.ofSeconds(3), 22.5, LATENCY, 70, 2)))
                .containsExactly(new Figure("Elapsed", "3 s"), new Figure("Requests", "70 so far"),
                        new Figure("Errors", "2"), new Figure("Throughput", "22.5 requests/s in the last second"),
                        new Figure("p50", "12.25 ms"), new Figure("p90", "20.50 ms"), new Figure("p99", "31.75 ms"),
                        new Figure("Max", "52.13 ms"));
    }
}
