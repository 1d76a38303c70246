package com.endpointstudio.hosting.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.connection.ConnectionKind;
import com.endpointstudio.testing.MotoServer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * StopTransformJob, which moto does not implement, against a small HTTP server that records what the
 * real SDK sends and answers as the API reference shows: an empty 200, or a ValidationException for a
 * job that does not exist.
 */
class StopTransformJobRecordingServerTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("X-Amz-Target") + " "
                    + new String(body, StandardCharsets.UTF_8));
            byte[] reply = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().set("x-amzn-RequestId", "req-1");
            exchange.sendResponseHeaders(status, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private AwsSession session() {
        return MotoServer.awsEnvironment(dir.resolve(".aws")).sessionFactory().open(new Connection("recording",
                "Recording", ConnectionKind.AWS, MotoServer.PROFILE, MotoServer.REGION,
                "http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @Test
    void stopSendsStopTransformJobWithTheJobsName() {
        try (AwsSession session = session()) {
            assertThat(new AwsBatchTransforms(session).stop("churn-scores")).isTrue();
        }
        assertThat(requests).containsExactly("POST SageMaker.StopTransformJob {\"TransformJobName\":\"churn-scores\"}");
    }

    @Test
    void stoppingAJobThatDoesNotExistSaysSo() {
        status = 400;
        answer = "{\"__type\":\"ValidationException\",\"message\":\"Could not find job to stop with name churn-scores\"}";
        try (AwsSession session = session()) {
            assertThat(new AwsBatchTransforms(session).stop("churn-scores")).isFalse();
        }
    }
}
