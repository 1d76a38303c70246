package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.hosting.EndpointRuntime;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.loadtest.LoadTestCost;
import com.endpointstudio.core.loadtest.LoadTestPlan;
import com.endpointstudio.core.loadtest.LoadTestReport;
import com.endpointstudio.core.loadtest.LoadTestSnapshot;
import com.endpointstudio.core.loadtest.LoadTestStream;
import com.endpointstudio.core.loadtest.LoadTester;
import com.endpointstudio.core.task.CancelToken;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A load test: live figures each second on standard error, the report on standard output. */
@Command(name = "loadtest", mixinStandardHelpOptions = true,
        description = {"Call an endpoint from N concurrent workers and report throughput and latency percentiles.",
                "Exit 0 when every request succeeded, 1 when some failed."})
public final class LoadTestCommand implements Callable<Integer> {

    private final StudioServices services;

    @Parameters(index = "0", paramLabel = "NAME", description = "the endpoint")
    String endpointName;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "1", description = "requests in flight at once")
    int concurrency;

    @Option(names = "--requests", paramLabel = "M", description = "how many requests to send")
    Integer requests;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "run this long instead (e.g. 30s, 5m)")
    Duration duration;

    @Option(names = "--rate", paramLabel = "R", description = "target requests per second (latency then counts "
            + "from each request's intended start: coordinated-omission correction)")
    Double rate;

    @Option(names = "--warmup", paramLabel = "D", converter = DurationConverter.class,
            description = "call for this long first and leave those calls out of the figures (e.g. 5s)")
    Duration warmup;

    @Option(names = "--content-type", paramLabel = "T", defaultValue = "application/json") String contentType;
    @Option(names = "--accept", paramLabel = "A") String accept;
    @Option(names = "--body", paramLabel = "@FILE|TEXT", required = true,
            description = "the request body: @FILE for a file's bytes, else the text itself")
    String body;
    @Mixin
    RoutingOptions routing;

    @Option(names = "--format", paramLabel = "F", defaultValue = "table",
            description = "table, json, csv, or jsonl: a JSON line a second on standard output ({\"second\": …}), "
                    + "then the report as one line ({\"report\": …}) (default: ${DEFAULT-VALUE})")
    String format;

    /** The window's load generator: a line "stop" on standard input, or its end, stops the test (it still reports). */
    @Option(names = "--stop-on-input", hidden = true)
    boolean stopOnInput;

    @Option(names = "--yes", description = "don't ask before sending more than "
            + LoadTestCost.ASK_ABOVE_REQUESTS + " requests to an AWS endpoint")
    boolean yes;

    @Mixin
    EndpointTarget target;

    @Spec
    CommandSpec spec;

    public LoadTestCommand(StudioServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        if (!java.util.List.of("table", "json", "csv", "jsonl").contains(format)) {
            throw new com.endpointstudio.core.error.ValidationException("--format", "must be table, json, csv or jsonl");
        }
        LoadTestPlan plan = new LoadTestPlan(concurrency, requests, duration, rate, warmup);
        plan.validate();
        InvocationRequest request = routing.request(endpointName, contentType, accept, RequestBody.read(body));
        request.validate();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (LoadTestCost.needsConfirmation(!target.isLocal(), plan) && !confirmed(plan, request, err)) {
            return Cli.BAD_INPUT;
        }
        CancelToken cancel = new CancelToken();
        Thread stop = new Thread(cancel::cancel, "loadtest-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        if (stopOnInput) {
            stopOnInput(cancel);
        }
        boolean lines = format.equals("jsonl");
        if (lines) {
            LoadTestStream.warmWriter();
        }
        try {
            LoadTestReport report = target.withHosting(services, hosting -> {
                EndpointRuntime once = hosting.runtime().forLoadTest();
                return new LoadTester().run(endpointName, plan, () -> once.invoke(request),
                        snapshot -> live(lines ? out : err, snapshot, lines), cancel);
            });
            switch (format) {
                case "json" -> out.println(report.toJson());
                case "csv" -> out.print(report.toCsv());
                case "jsonl" -> out.println(LoadTestStream.line(report));
                default -> {
                    out.print(report.summary());
                    costPerMillion(report, request.body().length).ifPresent(out::println);
                }
            }
            out.flush();
            return report.failed() == 0 ? 0 : Cli.FAILED;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the test was stopped with Ctrl+C
            }
        }
    }

    /** The AWS endpoint's cost per million inferences at the measured throughput; nothing when it can't be described. */
    private java.util.Optional<String> costPerMillion(LoadTestReport report, int requestBytes) {
        if (target.isLocal()) {
            return java.util.Optional.empty();
        }
        try {
            return target.withHosting(services, hosting -> hosting.inventory().describe(endpointName))
                    .flatMap(details -> LoadTestCost.perMillion(details, report,
                            com.endpointstudio.core.instance.InstanceCatalog.load(), target.region(), requestBytes));
        } catch (RuntimeException cannotDescribe) {
            return java.util.Optional.empty();
        }
    }

    private boolean confirmed(LoadTestPlan plan, InvocationRequest request, PrintWriter err) {
        err.println(LoadTestCost.describe(endpointName, plan, request.body().length));
        if (yes) {
            return true;
        }
        java.io.Console console = System.console();
        if (console == null) {
            err.println("error: not confirmed: add --yes to run it without asking");
            err.flush();
            return false;
        }
        String answer = console.readLine("Proceed? [y/N] ");
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    }

    /** Cancels the test when standard input says "stop" or ends (the window that started it is gone). */
    private static void stopOnInput(CancelToken cancel) {
        Thread watch = new Thread(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null && !line.strip().equals("stop")) {
                    // only "stop" means something
                }
            } catch (java.io.IOException closed) {
                // as good as its end
            }
            cancel.cancel();
        }, "loadtest-input");
        watch.setDaemon(true);
        watch.start();
    }

    private static void live(PrintWriter to, LoadTestSnapshot second, boolean asLine) {
        if (asLine) {
            to.println(LoadTestStream.line(second));
            to.flush();
            return;
        }
        to.println(String.format(Locale.ROOT, "%6.1f s  %8.1f req/s  p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  "
                        + "done %d  failed %d", second.elapsed().toMillis() / 1000.0, second.throughput(),
                second.latency().p50Ms(), second.latency().p90Ms(), second.latency().p99Ms(), second.completed(),
                second.failed()));
        to.flush();
    }
}
