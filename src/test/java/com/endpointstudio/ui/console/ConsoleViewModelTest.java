package com.endpointstudio.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.connection.ConnectionKind;
import com.endpointstudio.core.invoke.history.HistoryEntry;
import com.endpointstudio.core.invoke.history.InvocationHistory;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.InterceptingProxy;
import com.endpointstudio.testing.SlowServer;
import com.endpointstudio.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The console's view models without a toolkit, against moto server (through a recording server
 * where timing matters) and a server that answers after 30 s: Cancel, connection changes, the
 * history's connections, late answers.
 */
@ExtendWith(MotoExtension.class)
class ConsoleViewModelTest {

    @TempDir
    Path dir;

    private StudioServices services;
    private InvocationHistory history;
    private ConsoleViewModel console;

    @BeforeEach
    void open(MotoServer moto) {
        moto.reset();
        services = moto.services(dir);
        history = new InvocationHistory(dir.resolve("console"));
        moto.createEndpoints(services, "home");
        try (var session = services.sessions().open(moto.connection());
             SageMakerClient sagemaker = session.client(SageMakerClient.builder())) {
            sagemaker.createEndpointConfig(b -> b.endpointConfigName("queued-config").productionVariants(v -> v
                    .variantName("AllTraffic").modelName("m").instanceType("ml.m5.large").initialInstanceCount(1))
                    .asyncInferenceConfig(a -> a.outputConfig(o -> o.s3OutputPath("s3://results/async/out"))));
            sagemaker.createEndpoint(b -> b.endpointName("queued").endpointConfigName("queued-config"));
        }
    }

    @AfterEach
    void close() {
        if (console != null) {
            console.close();
        }
        services.close();
    }

    private ConsoleViewModel console(TestJobs jobs) {
        console = new ConsoleViewModel(services.hostingProvider(), () -> "http://127.0.0.1:8399",
                CompletableFuture.completedFuture(history), id -> id.equals(Connection.LOCAL_ID) ? "Local" : "Moto",
                jobs.jobs());
        return console;
    }

    private static Connection through(String url) {
        return new Connection("moto-connection", "Moto", ConnectionKind.AWS, MotoServer.PROFILE, MotoServer.REGION, url);
    }

    @Test
    void cancelEndsASlowRealTimeCallWithinASecondAndShowsNothingOfIt() throws Exception {
        try (SlowServer slow = new SlowServer(Duration.ofSeconds(30)); TestJobs jobs = TestJobs.threaded()) {
            ConsoleViewModel model = console(jobs);
            jobs.onFx(() -> {
                model.connectionChanged(through(slow.url()));
                model.editor().endpointName.set("slow");
                model.editor().bodyText.set("[[3, 80, 12]]");
                model.send();
            });
            slow.awaitRequests(1);
            assertThat(jobs.onFx(() -> model.response().sendingProperty().get())).isTrue();

            long cancelled = System.nanoTime();
            jobs.onFx(() -> model.response().cancel());
            assertThat(jobs.await(Duration.ofSeconds(1), () -> !model.response().sendingProperty().get())).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofSeconds(1));

            Thread.sleep(500); // anything that would still arrive
            assertThat(jobs.onFx(() -> model.response().resultProperty().get())).isNull();
            assertThat(jobs.onFx(() -> model.response().progressProperty().get())).isEmpty();
            assertThat(jobs.onFx(() -> model.history().entries().isEmpty())).isTrue();
            assertThat(jobs.reported()).isEmpty();
            assertThat(slow.requests()).containsExactly("POST /endpoints/slow/invocations");
        }
    }

    @Test
    void anotherConnectionLeavesNothingOfTheOneBeforeAndTheHistoryNamesEachCallsConnection(MotoServer moto) {
        moto.post("/moto-api/static/sagemaker/endpoint-results", """
                {"results": [{"Body": "{\\"predictions\\": [235.9]}", "ContentType": "application/json"}]}""");
        TestJobs jobs = TestJobs.direct();
        ConsoleViewModel model = console(jobs);
        model.connectionChanged(moto.connection());
        model.shown(); // lists the endpoints and chooses the first
        assertThat(model.endpoints()).containsExactly("home", "queued");
        assertThat(model.editor().endpoint()).isEqualTo("home");
        model.editor().bodyText.set("[[3, 80, 12]]");
        model.send();
        assertThat(model.response().resultProperty().get().succeeded()).isTrue();
        assertThat(model.history().entries()).singleElement()
                .satisfies(entry -> assertThat(model.history().connectionOf(entry)).isEqualTo("Moto"));

        model.connectionChanged(Connection.local());

        assertThat(model.endpoints()).isEmpty(); // Local has none here
        assertThat(model.editor().endpoint()).isEmpty();
        assertThat(model.response().resultProperty().get()).isNull();
        assertThat(model.history().entries()).isEmpty();
        assertThat(model.asyncOutputProperty().get()).isNull();
        model.history().scope.set(HistoryModel.Scope.ALL);
        assertThat(model.history().entries()).extracting(HistoryEntry::connectionId).containsExactly("moto-connection");

        model.sendAgain(model.history().entries().get(0));
        assertThat(model.editor().problemProperty().get()).isEqualTo(
                "This call was sent on Moto; choose that connection to send it again.");
        assertThat(jobs.reported()).isEmpty();
    }

    @Test
    void aSlowDescriptionOfTheEndpointChosenBeforeIsDropped(MotoServer moto) throws Exception {
        try (InterceptingProxy proxy = new InterceptingProxy(moto.endpointUrl()); TestJobs jobs = TestJobs.threaded()) {
            // the asynchronous endpoint's description comes late: it must not switch the live one to async
            proxy.delay(call -> call.startsWith("SageMaker.DescribeEndpoint ") && call.contains("queued"),
                    Duration.ofMillis(1500));
            ConsoleViewModel model = console(jobs);
            jobs.onFx(() -> {
                model.connectionChanged(through(proxy.url()));
                model.refreshEndpoints();
            });
            assertThat(jobs.await(Duration.ofSeconds(10), () -> model.endpoints().size() == 2)).isTrue();
            jobs.onFx(() -> model.useEndpoint("queued"));
            jobs.onFx(() -> model.useEndpoint("home"));
            assertThat(jobs.await(Duration.ofSeconds(10), () -> proxy.count("SageMaker.DescribeEndpoint") >= 2
                    && !model.response().sendingProperty().get())).isTrue();

            Thread.sleep(2500); // the description of queued has arrived by now
            assertThat(jobs.onFx(() -> model.asyncOutputProperty().get())).isNull();
            assertThat(jobs.onFx(() -> model.editor().mode.get())).isEqualTo(RequestEditorModel.Mode.REAL_TIME);
            assertThat(jobs.onFx(() -> model.editor().asyncInputPrefix.get())).isEmpty();
        }
    }
}
