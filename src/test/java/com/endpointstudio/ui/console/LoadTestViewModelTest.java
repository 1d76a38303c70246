package com.endpointstudio.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.TestJobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The console's load test view model without a toolkit, against moto server's runtime. */
@ExtendWith(MotoExtension.class)
class LoadTestViewModelTest {

    @TempDir
    Path dir;

    @Test
    void aRunReportsItsSecondsAndItsLatenciesBelongToItsConnectionAndEndpoint(MotoServer moto) {
        moto.reset();
        try (StudioServices services = moto.services(dir);
             HostingProvider.Session session = services.hostingProvider().open(moto.connection())) {
            TestJobs jobs = TestJobs.direct();
            List<String> asked = new ArrayList<>();
            LoadTestViewModel model = new LoadTestViewModel(jobs.jobs(), () -> InvocationRequest.of("home",
                    "application/json", "[[3, 80, 12]]".getBytes(StandardCharsets.UTF_8)), moto::connection,
                    target -> session.hosting().runtime());
            model.useConfirmation(estimate -> {
                asked.add(estimate);
                return false;
            });

            model.requests.set("ten");
            model.start();
            assertThat(model.problemProperty().get()).startsWith("Requests: 'ten' is not a whole number");

            model.requests.set("1000");
            model.start();
            assertThat(asked).singleElement().asString().contains("1,000");
            assertThat(model.problemProperty().get()).isEqualTo("Not started.");

            moto.createEndpoints(services, "home");
            model.useCosts((target, report, bytes) -> session.hosting().inventory().describe(report.endpointName())
                    .flatMap(details -> com.endpointstudio.core.loadtest.LoadTestCost.perMillion(details, report,
                            com.endpointstudio.core.instance.InstanceCatalog.load(), target.region(), bytes)));
            model.requests.set("40");
            model.start();
            assertThat(model.reportProperty().get().completed()).isEqualTo(40);
            assertThat(model.costLineProperty().get()).startsWith("cost        $")
                    .contains(" per million inferences at this throughput on ");
            assertThat(model.snapshots()).isNotEmpty();
            // the result as a table of metric and value, the cost per million among them
            assertThat(model.figures()).extracting(LoadTestFigures.Figure::metric).containsSubsequence("Endpoint",
                    "Requests", "Errors", "Throughput", "p50", "p90", "p99", "Max", "Cost per million");
            assertThat(model.figures()).contains(new LoadTestFigures.Figure("Endpoint", "home"),
                            new LoadTestFigures.Figure("Errors", "none"))
                    .anySatisfy(f -> assertThat(f).isEqualTo(new LoadTestFigures.Figure("Requests", f.value()))
                            .extracting(LoadTestFigures.Figure::value).asString().startsWith("40 in "))
                    .anySatisfy(f -> assertThat(f.metric() + ": " + f.value()).startsWith("Cost per million: $")
                            .contains(" per million inferences at this throughput on "));
            assertThat(model.latencyPoints(moto.connection().id(), "home")).isNotEmpty();
            assertThat(model.latencyPoints(Connection.LOCAL_ID, "home")).isEmpty();
            assertThat(model.latencyPoints(moto.connection().id(), "other")).isEmpty();

            model.clear(); // another connection
            assertThat(model.reportProperty().get()).isNull();
            assertThat(model.snapshots()).isEmpty();
            assertThat(model.figures()).isEmpty();
            assertThat(model.latencyPoints(moto.connection().id(), "home")).isEmpty();
            assertThat(jobs.reported()).isEmpty();
        }
    }

    @Test
    void withTheAppsLoadGeneratorATestRunsInAJvmOfItsOwnAndFillsTheSameChartAndTable(MotoServer moto) {
        moto.reset();
        Connection target = Connection.aws("moto", null, MotoServer.REGION, moto.endpointUrl());
        TestJobs jobs = TestJobs.direct();
        LoadTestViewModel model = new LoadTestViewModel(jobs.jobs(), () -> InvocationRequest.of("home",
                "application/json", "[[3, 80, 12]]".getBytes(StandardCharsets.UTF_8)), () -> target,
                connection -> {
                    throw new AssertionError("the window calls no runtime itself");
                });
        model.useGenerator(com.endpointstudio.cli.LoadGeneratorProcess.of(dir.resolve("load-tests"), java.util.Map.of(
                "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing",
                "XDG_CONFIG_HOME", dir.resolve("config").toString(), "XDG_DATA_HOME", dir.resolve("data").toString()),
                () -> { }));
        model.requests.set("60");
        model.rate.set("40");

        model.start();

        assertThat(jobs.reported()).isEmpty();
        assertThat(model.reportProperty().get().completed()).isEqualTo(60);
        assertThat(model.reportProperty().get().plan().ratePerSecond()).isEqualTo(40.0);
        assertThat(model.snapshots()).isNotEmpty();
        assertThat(model.figures()).contains(new LoadTestFigures.Figure("Endpoint", "home"),
                new LoadTestFigures.Figure("Errors", "none"));
        assertThat(model.latencyPoints(target.id(), "home")).isNotEmpty();
    }
}
