package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.hosting.MetricsSource;
import com.endpointstudio.core.metrics.MetricQuery;
import com.endpointstudio.core.metrics.MetricSeries;
import com.endpointstudio.core.metrics.MetricUnit;
import com.endpointstudio.core.metrics.MetricsData;
import com.endpointstudio.core.metrics.TimeRange;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** An endpoint's latency, traffic and errors over a recent span, as a table or CSV. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Print an endpoint's CloudWatch metrics (or a Local endpoint's, with --local):",
                "ModelLatency and OverheadLatency (ms) at the statistic asked, Invocations and 4XX / 5XX errors."})
public final class MetricsCommand implements Callable<Integer> {

    private static final List<String> COUNTS = List.of("Invocations", "Invocation4XXErrors", "Invocation5XXErrors");

    private final StudioServices services;

    @Parameters(index = "0", paramLabel = "NAME", description = "the endpoint")
    String endpointName;

    @Option(names = "--variant", paramLabel = "V", description = "one production variant (default: all)")
    String variant;

    @Option(names = "--since", paramLabel = "D", defaultValue = "3h", converter = DurationConverter.class,
            description = "how far back (default: ${DEFAULT-VALUE}; e.g. 15m, 1d, 1w)")
    Duration since;

    @Option(names = "--stat", paramLabel = "S", defaultValue = "Average",
            description = "the latency statistic: Average, Minimum, Maximum or a percentile such as p50, p90, p99")
    String stat;

    @Option(names = "--format", paramLabel = "F", defaultValue = "table", description = "table or csv")
    String format;

    @Mixin
    EndpointTarget target;

    @Spec
    CommandSpec spec;

    public MetricsCommand(StudioServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        if (!stat.matches("Average|Minimum|Maximum|Sum|SampleCount|p\\d{1,2}(\\.\\d+)?")) {
            throw new ValidationException("--stat", "'" + stat + "' is not a statistic: use Average, Minimum, Maximum "
                    + "or a percentile such as p99");
        }
        if (!format.equals("table") && !format.equals("csv")) {
            throw new ValidationException("--format", "must be table or csv");
        }
        Instant now = Instant.now();
        TimeRange range = new TimeRange(now.minus(since), now);
        return target.withHosting(services, hosting -> print(hosting.metrics(), range, now));
    }

    private int print(MetricsSource source, TimeRange range, Instant now) {
        List<String> variants = variant != null ? List.of(variant) : source.variantNames(endpointName);
        List<MetricQuery> queries = new ArrayList<>();
        boolean many = variants.size() > 1;
        for (String name : variants) {
            var dims = MetricQuery.endpointDimensions(endpointName, name);
            String suffix = many ? " (" + name + ")" : "";
            for (String metric : List.of("ModelLatency", "OverheadLatency")) {
                queries.add(new MetricQuery("m" + queries.size(), MetricQuery.SAGEMAKER, metric, stat, dims,
                        metric + " " + stat + suffix, MetricUnit.MICROSECONDS));
            }
            for (String metric : COUNTS) {
                queries.add(new MetricQuery("m" + queries.size(), MetricQuery.SAGEMAKER, metric, "Sum", dims,
                        metric + suffix, MetricUnit.COUNT));
            }
        }
        int period = range.periodSeconds(now, queries.size());
        TimeRange aligned = range.aligned(period);
        MetricsData data = new MetricsData(queries);
        data.merge(source.fetch(queries, aligned.start(), aligned.end(), period), aligned.end());
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("csv")) {
            out.print(data.toCsv(queries, java.time.ZoneOffset.UTC));
        } else {
            table(out, data, queries, period);
        }
        out.flush();
        return 0;
    }

    private void table(PrintWriter out, MetricsData data, List<MetricQuery> queries, int period) {
        if (data.isEmpty()) {
            out.println("No datapoints for " + endpointName + " in the last " + since.toMinutes() + " min: no "
                    + "invocations yet, or they are not published yet (CloudWatch shows them about a minute after "
                    + "the traffic).");
            return;
        }
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("UTC"));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-17s", "time (UTC)"));
        for (MetricQuery query : queries) {
            String title = query.label() + (query.unit() == MetricUnit.MICROSECONDS ? " ms" : "");
            header.append(String.format(Locale.ROOT, " %" + Math.max(12, title.length()) + "s", title));
        }
        out.println(header);
        TreeSet<Instant> times = new TreeSet<>();
        queries.forEach(q -> data.points(q.id()).forEach(p -> times.add(p.time())));
        for (Instant at : times) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-17s", time.format(at)));
            for (MetricQuery query : queries) {
                String title = query.label() + (query.unit() == MetricUnit.MICROSECONDS ? " ms" : "");
                String cell = data.points(query.id()).stream().filter(p -> p.time().equals(at)).findFirst()
                        .map(MetricSeries.Point::value).map(v -> query.unit() == MetricUnit.COUNT
                                ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v))
                        .orElse("-");
                row.append(String.format(Locale.ROOT, " %" + Math.max(12, title.length()) + "s", cell));
            }
            out.println(row);
        }
        out.println("period " + period + " s");
    }
}
