package com.endpointstudio.ui.console;

import com.endpointstudio.core.loadtest.LatencyStats;
import com.endpointstudio.core.loadtest.LoadTestReport;
import com.endpointstudio.core.loadtest.LoadTestSnapshot;
import com.endpointstudio.ui.common.Plural;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A load test's result as a table of metric and value: requests, errors, throughput, the latency
 * percentiles and the cost of a million inferences; while it runs, the latest second's figures.
 */
public final class LoadTestFigures {

    /** One row: what was measured and its value with its unit. */
    public record Figure(String metric, String value) {
    }

    private LoadTestFigures() {
    }

    /**
     * @param costLine what a million inferences cost at this throughput ("" when unknown)
     * @param local    whether the endpoint runs on this computer, where nothing is billed
     */
    public static List<Figure> of(LoadTestReport report, String costLine, boolean local) {
        List<Figure> rows = new ArrayList<>();
        rows.add(new Figure("Endpoint", report.endpointName()));
        rows.add(new Figure("Requests", String.format(Locale.ROOT, "%,d in %.2f s", report.completed(),
                report.elapsed().toMillis() / 1000.0) + (report.cancelled() ? " (cancelled)" : "")));
        rows.add(new Figure("Errors", errors(report)));
        rows.add(new Figure("Throughput", String.format(Locale.ROOT, "%.1f requests/s at concurrency %d%s",
                report.throughput(), report.plan().concurrency(), report.plan().ratePerSecond() == null ? ""
                        : String.format(Locale.ROOT, ", target %.1f/s", report.plan().ratePerSecond()))));
        latency(rows, "", report.latency());
        rows.add(new Figure("p99.9", ms(report.latency().p999Ms())));
        rows.add(new Figure("Max", ms(report.latency().maxMs())));
        rows.add(new Figure("Mean", ms(report.latency().meanMs())));
        if (report.plan().ratePerSecond() != null) { // measured from each request's actual start
            latency(rows, "Service time ", report.serviceTime());
        }
        String cost = costLine == null ? "" : costLine.strip().replaceFirst("^cost\\s+", "");
        rows.add(new Figure("Cost per million", local ? "no charge: the endpoint runs on this computer"
                : cost.isEmpty() ? "unknown: the endpoint's instance prices could not be read" : cost));
        return rows;
    }

    /** The figures of the latest second while the test runs. */
    public static List<Figure> live(LoadTestSnapshot second) {
        List<Figure> rows = new ArrayList<>();
        rows.add(new Figure("Elapsed", String.format(Locale.ROOT, "%.0f s", second.elapsed().toMillis() / 1000.0)));
        rows.add(new Figure("Requests", String.format(Locale.ROOT, "%,d so far", second.completed())));
        rows.add(new Figure("Errors", String.format(Locale.ROOT, "%,d", second.failed())));
        rows.add(new Figure("Throughput", String.format(Locale.ROOT, "%.1f requests/s in the last second",
                second.throughput())));
        latency(rows, "", second.latency());
        rows.add(new Figure("Max", ms(second.latency().maxMs())));
        return rows;
    }

    /** The rows as lines of tab-separated metric and value, for a spreadsheet or a message. */
    public static String text(List<Figure> rows) {
        StringBuilder text = new StringBuilder();
        rows.forEach(row -> text.append(row.metric()).append('\t').append(row.value()).append('\n'));
        return text.toString();
    }

    private static String errors(LoadTestReport report) {
        if (report.failed() == 0) {
            return "none";
        }
        List<String> kinds = report.errors().entrySet().stream()
                .map(kind -> kind.getValue() + " × " + kind.getKey()).toList();
        return Plural.of(report.failed(), "failed request") + (kinds.isEmpty() ? "" : ": " + String.join(", ", kinds));
    }

    private static void latency(List<Figure> rows, String prefix, LatencyStats stats) {
        rows.add(new Figure(prefix + "p50", ms(stats.p50Ms())));
        rows.add(new Figure(prefix + "p90", ms(stats.p90Ms())));
        rows.add(new Figure(prefix + "p99", ms(stats.p99Ms())));
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.2f ms", value);
    }
}
