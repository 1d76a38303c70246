package com.endpointstudio.ui.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.connection.ConnectionKind;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.InterceptingProxy;
import com.endpointstudio.testing.TestJobs;
import com.endpointstudio.ui.metrics.MetricsViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoints screen's view models without a toolkit, against moto server behind a recording
 * server that counts every call: auto-refresh only while shown, a connection change empties the
 * screen, and a late description of the endpoint selected before never shows.
 */
@ExtendWith(MotoExtension.class)
class EndpointsViewModelTest {

    @TempDir
    Path dir;

    private StudioServices services;
    private InterceptingProxy proxy;
    private Connection moto;
    private EndpointsViewModel endpoints;

    @BeforeEach
    void open(MotoServer server) {
        server.reset();
        services = server.services(dir);
        server.createEndpoints(services, "home", "vision");
        proxy = new InterceptingProxy(server.endpointUrl());
        moto = new Connection("moto-connection", "Moto", ConnectionKind.AWS, MotoServer.PROFILE, MotoServer.REGION,
                proxy.url());
    }

    @AfterEach
    void close() {
        if (endpoints != null) {
            endpoints.close();
        }
        proxy.close();
        services.close();
    }

    private EndpointsViewModel endpoints(TestJobs jobs) {
        endpoints = new EndpointsViewModel(services.hostingProvider(), CompletableFuture.completedFuture(
                InstanceCatalog.load()), new DeploymentJournal(dir.resolve("deployments")), dir.resolve("updates.json"),
                jobs.jobs());
        return endpoints;
    }

    @Test
    void hiddenScreensMakeNoCalls() {
        TestJobs jobs = TestJobs.direct();
        EndpointsViewModel model = endpoints(jobs);
        MetricsViewModel metrics = new MetricsViewModel(services.hostingProvider(), List::of, jobs.jobs());
        model.connectionChanged(moto);
        metrics.connectionChanged(moto);
        model.shown();
        assertThat(proxy.count("SageMaker.ListEndpoints")).isEqualTo(1);
        model.refresh.set(EndpointsViewModel.Refresh.S30);
        metrics.shown();
        metrics.useEndpoint("home");
        metrics.refreshProperty().set(MetricsViewModel.Refresh.S10);
        assertThat(proxy.count("GetMetricData")).isPositive();
        proxy.forget();

        jobs.scheduler().advance(Duration.ofSeconds(30));
        assertThat(proxy.count("SageMaker.ListEndpoints")).isEqualTo(1); // the table, every 30 s
        assertThat(proxy.count("GetMetricData")).isEqualTo(4); // the charts every 10 s, the table's calls column

        model.hidden();
        metrics.hidden();
        proxy.forget();
        jobs.scheduler().advance(Duration.ofMinutes(10));
        assertThat(proxy.calls()).isEmpty();
        assertThat(model.isPolling()).isFalse();
        assertThat(metrics.isPolling()).isFalse();

        model.shown();
        jobs.scheduler().advance(Duration.ofSeconds(30));
        assertThat(proxy.count("SageMaker.ListEndpoints")).isEqualTo(1);
        assertThat(proxy.count("GetMetricData")).isEqualTo(1); // the table's calls column; the hidden charts none
        metrics.close();
    }

    @Test
    void anotherConnectionEmptiesTheTableAndTheDetails() {
        TestJobs jobs = TestJobs.direct();
        EndpointsViewModel model = endpoints(jobs);
        model.connectionChanged(moto);
        model.shown();
        assertThat(model.table().rows()).extracting(EndpointRow::name).containsExactlyInAnyOrder("home", "vision");
        assertThat(model.table().totalsProperty().get()).startsWith("2 endpoints");
        model.selectedProperty().set(model.table().rows().get(0));
        assertThat(model.details().detailsTextProperty().get()).contains("Endpoint config: c");
        assertThat(model.details().facts()).contains(new EndpointFacts.Fact("Status", "InService"))
                .anySatisfy(fact -> assertThat(fact.value()).startsWith("ml.m5.large × 1 · weight 1 · model "));

        model.selectedProperty().set(null); // the table's selection goes with its rows
        model.connectionChanged(Connection.local());

        assertThat(model.table().rows()).isEmpty();
        assertThat(model.details().detailsTextProperty().get()).isEmpty();
        assertThat(model.details().facts()).isEmpty();
        assertThat(model.details().logTextProperty().get()).isEmpty();
        assertThat(model.table().totalsProperty().get()).isEqualTo("0 endpoints on this computer · no charge");
        assertThat(jobs.reported()).isEmpty();
    }

    @Test
    void aSlowDescriptionOfTheEndpointSelectedBeforeNeverShows() throws Exception {
        try (TestJobs jobs = TestJobs.threaded()) {
            EndpointsViewModel model = endpoints(jobs);
            jobs.onFx(() -> {
                model.connectionChanged(moto);
                model.shown();
            });
            assertThat(jobs.await(Duration.ofSeconds(20), () -> model.table().rows().size() == 2
                    && model.table().rows().stream().allMatch(row -> row.detailsProperty().get() != null)
                    && !model.table().loadingProperty().get())).isTrue();
            proxy.delay(call -> call.startsWith("SageMaker.DescribeEndpoint ") && call.contains("home"),
                    Duration.ofMillis(1500));
            EndpointRow home = jobs.onFx(() -> model.table().rows().stream().filter(r -> r.name().equals("home"))
                    .findFirst().orElseThrow());
            EndpointRow vision = jobs.onFx(() -> model.table().rows().stream().filter(r -> r.name().equals("vision"))
                    .findFirst().orElseThrow());

            jobs.onFx(() -> model.selectedProperty().set(home));
            jobs.onFx(() -> model.selectedProperty().set(vision));
            assertThat(jobs.await(Duration.ofSeconds(10), () -> model.details().detailsTextProperty().get()
                    .startsWith("Endpoint: vision"))).isTrue();

            Thread.sleep(2500); // home's description has come back by now
            assertThat(jobs.onFx(() -> model.details().detailsTextProperty().get())).startsWith("Endpoint: vision");
            assertThat(jobs.reported()).isEmpty();
        }
    }

    @Test
    void actionsChangeAnEndpointAndSayWhatTheyDid() {
        TestJobs jobs = TestJobs.direct();
        EndpointsViewModel model = endpoints(jobs);
        model.connectionChanged(moto);
        model.shown();
        EndpointRow home = model.table().rows().stream().filter(r -> r.name().equals("home")).findFirst().orElseThrow();

        model.update(home, List.of(new com.endpointstudio.core.endpoints.EndpointUpdates.VariantChange("AllTraffic",
                null, 2, null)));
        assertThat(model.actions().progressProperty().get()).isEqualTo("home: weights and counts updated");
        assertThat(proxy.calls()).contains("SageMaker.UpdateEndpointWeightsAndCapacities");
        assertThat(model.actions().busyProperty().get()).isFalse();

        java.util.List<String> deleted = new java.util.ArrayList<>();
        model.delete(home, false, outcome -> deleted.addAll(outcome.deleted()));
        assertThat(deleted).singleElement().asString().contains("home");
        assertThat(model.table().rows()).extracting(EndpointRow::name).containsExactly("vision");

        model.connectionChanged(Connection.local());
        EndpointRow local = new EndpointRow("local-one", null);
        local.details.set(home.detailsProperty().get());
        model.readAutoScaling(local, found -> { });
        assertThat(jobs.reported()).containsExactly("Autoscaling: Local hosting runs one model server per endpoint; "
                + "autoscaling applies to endpoints on AWS.");
    }
}
