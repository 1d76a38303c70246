package com.endpointstudio.hosting.aws;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.cli.LoadGeneratorProcess;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.hosting.EndpointRuntime;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.loadtest.LoadTestPlan;
import com.endpointstudio.core.loadtest.LoadTestReport;
import com.endpointstudio.core.loadtest.LoadTester;
import com.endpointstudio.core.task.CancelToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

/**
 * The console's load test as {@link LoadTestBenchmark} measures it, in a JVM started with the
 * window's options: "own-jvm" hands it to the load generator the window uses, "in-window" runs it
 * in this JVM, as the console did before. Prints the report as JSON.
 * Arguments: mode, endpoint URL, concurrency, seconds, body.
 */
public final class WindowLoadTest {

    private WindowLoadTest() {
    }

    public static void main(String[] args) throws Exception {
        Connection target = Connection.aws("benchmark", null, "us-east-1", args[1]);
        InvocationRequest request = new InvocationRequest("bench", "application/json", null,
                args[4].getBytes(StandardCharsets.UTF_8), null, null, null, null, null, null);
        LoadTestPlan plan = new LoadTestPlan(Integer.parseInt(args[2]), null,
                Duration.ofSeconds(Integer.parseInt(args[3])), null, Duration.ofSeconds(3));
        LoadTestReport report;
        if (args[0].equals("own-jvm")) {
            report = LoadGeneratorProcess.of(Files.createTempDirectory("window-load-test"), Map.of(), () -> { })
                    .run(target, request, plan, second -> { }, CancelToken.none());
        } else {
            try (StudioServices services = StudioServices.forCurrentUser();
                 HostingProvider.Session session = services.hostingProvider().open(target)) {
                EndpointRuntime runtime = session.hosting().runtime().forLoadTest();
                report = new LoadTester().run("bench", plan, () -> runtime.invoke(request), second -> { },
                        CancelToken.none());
            }
        }
        System.out.println(report.toJson());
        System.exit(0);
    }
}
