package com.endpointstudio.hosting.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.loadtest.LoadTestPlan;
import com.endpointstudio.core.loadtest.LoadTestReport;
import com.endpointstudio.core.loadtest.LoadTester;
import com.endpointstudio.core.task.CancelToken;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An endpoint that throttles: the console's single calls retry as the SDK does, but a load test
 * sends each request once, so its report counts the throttling instead of hiding it in latency.
 */
class ThrottledRuntimeTest {

    private final AtomicInteger hits = new AtomicInteger();
    private HttpServer server;
    private AwsSession session;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"message\":\"Rate exceeded\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "ThrottlingException");
            exchange.sendResponseHeaders(429, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        session = AwsSession.forLocalRuntime(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        session.close();
        server.stop(0);
    }

    @Test
    void aLoadTestCountsThrottlingThatSingleCallsRetry() {
        AwsEndpointRuntime runtime = new AwsEndpointRuntime(session);
        InvocationRequest request = InvocationRequest.of("busy", "application/json", "[1]".getBytes(StandardCharsets.UTF_8));

        InvocationResult single = runtime.invoke(request);
        assertThat(single.succeeded()).isFalse();
        assertThat(hits.get()).isGreaterThan(1);

        hits.set(0);
        var once = runtime.forLoadTest();
        LoadTestReport report = new LoadTester().run("busy", new LoadTestPlan(2, 20, null, null),
                () -> once.invoke(request), snapshot -> { }, CancelToken.none());
        assertThat(hits.get()).isEqualTo(20);
        assertThat(report.failed()).isEqualTo(20);
        assertThat(report.errors()).containsOnlyKeys("ThrottlingException");
        assertThat(runtime.forLoadTest()).isSameAs(once);
    }
}
