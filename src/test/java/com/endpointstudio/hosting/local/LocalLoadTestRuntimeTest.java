package com.endpointstudio.hosting.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.EndpointRuntime;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Load tests of Local endpoints: the runtime API's request and answers, over the load test's own client. */
class LocalLoadTestRuntimeTest {

    private HttpServer server;
    private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    private EndpointRuntime loadTests;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/endpoints/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.add(Map.of("path", exchange.getRequestURI().getPath(), "body", new String(body, StandardCharsets.UTF_8),
                    "type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")),
                    "attributes", String.valueOf(exchange.getRequestHeaders().getFirst("X-Amzn-SageMaker-Custom-Attributes")),
                    "model", String.valueOf(exchange.getRequestHeaders().getFirst("X-Amzn-SageMaker-Target-Model"))));
            byte[] answer;
            if (exchange.getRequestURI().getPath().contains("/failing/")) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "ModelError");
                answer = ("{\"message\": \"Received server error (500) from primary\", \"OriginalStatusCode\": 500, "
                        + "\"OriginalMessage\": \"division by zero\"}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(424, answer.length);
            } else {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("x-Amzn-Invoked-Production-Variant", "AllTraffic");
                answer = "{\"predictions\": [235.9]}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
            }
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        loadTests = new LocalRuntimeClient(() -> url).forLoadTest();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static InvocationRequest request(String endpoint) {
        return new InvocationRequest(endpoint, "application/json", null, "[[3, 80, 12]]".getBytes(StandardCharsets.UTF_8),
                null, "m2.tar.gz", null, null, "trace=1", null);
    }

    @Test
    void eachCallSendsTheRequestAsTheRuntimeApiNamesItAndReadsTheAnswer() {
        InvocationRequest request = request("houses");

        InvocationResult first = loadTests.invoke(request);
        InvocationResult second = loadTests.invoke(request);

        assertThat(first.status()).isEqualTo(200);
        assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("{\"predictions\": [235.9]}");
        assertThat(second.invokedVariant()).isEqualTo("AllTraffic");
        assertThat(seen).hasSize(2).allMatch(call -> call.equals(Map.of("path", "/endpoints/houses/invocations",
                "body", "[[3, 80, 12]]", "type", "application/json", "attributes", "trace=1", "model", "m2.tar.gz")));
    }

    @Test
    void aModelErrorCountsByTheContainersStatusAndAnUnreachableRuntimeSaysWhere() {
        InvocationResult failed = loadTests.invoke(request("failing"));

        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.error().kind(failed.status())).isEqualTo("ModelError 500");
        assertThat(failed.error().message()).isEqualTo("division by zero");

        server.stop(0);
        assertThatThrownBy(() -> loadTests.invoke(request("houses"))).isInstanceOf(StudioException.class)
                .hasMessageContaining("127.0.0.1:" + server.getAddress().getPort());
    }
}
