package com.endpointstudio.testing;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.connection.ConnectionKind;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.hosting.aws.AwsEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A moto server (the AWS API emulator) on a free loopback port, started from Python, and the
 * studio's view of it: a connection and an AWS configuration whose profile "moto" has test keys.
 */
public final class MotoServer implements AutoCloseable {

    public static final String ACCOUNT = "123456789012";
    public static final String PROFILE = "moto";
    public static final String REGION = "us-east-1";

    private final Process process;
    private final Path log;
    private final String endpointUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MotoServer(Process process, Path log, String endpointUrl) {
        this.process = process;
        this.log = log;
        this.endpointUrl = endpointUrl;
    }

    public static MotoServer start() {
        String python = TestPython.withModules(List.of("moto.server", "flask", "flask_cors"), List.of("moto[server]"));
        int port = freePort();
        try {
            Path log = Files.createTempFile("moto-server", ".log");
            Process process = new ProcessBuilder(python, "-m", "moto.server", "-H", "127.0.0.1", "-p",
                    String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            MotoServer server = new MotoServer(process, log, "http://127.0.0.1:" + port);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start moto server with " + python + ": " + e.getMessage(), e);
        }
    }

    public String endpointUrl() {
        return endpointUrl;
    }

    /** An AWS connection whose every client goes to this server. */
    public Connection connection() {
        return new Connection("moto-connection", "Moto", ConnectionKind.AWS, PROFILE, REGION, endpointUrl);
    }

    /** Writes an AWS config and credentials file with the "moto" profile under {@code awsDir}. */
    public static AwsEnvironment awsEnvironment(Path awsDir) {
        try {
            Files.createDirectories(awsDir);
            Path config = awsDir.resolve("config");
            Path credentials = awsDir.resolve("credentials");
            Files.writeString(config, "[profile " + PROFILE + "]\nregion = " + REGION + "\n");
            Files.writeString(credentials, "[" + PROFILE + "]\naws_access_key_id = testing\n"
                    + "aws_secret_access_key = testing\n");
            return AwsEnvironment.fromFiles(config, credentials, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The studio's services over a temporary home and an AWS configuration that knows moto. */
    public StudioServices services(Path home) {
        return new StudioServices(StudioPaths.under(home.resolve("studio")), awsEnvironment(home.resolve(".aws")));
    }

    /**
     * Creates instance-backed endpoints of one model ("m", an XGBoost image) and one config
     * ("c", one ml.m5.large), as a test's starting point.
     */
    public void createEndpoints(StudioServices services, String... names) {
        try (var session = services.sessions().open(connection());
             var sagemaker = session.client(software.amazon.awssdk.services.sagemaker.SageMakerClient.builder())) {
            sagemaker.createModel(b -> b.modelName("m").executionRoleArn("arn:aws:iam::" + ACCOUNT + ":role/R")
                    .primaryContainer(c -> c.image("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1")));
            sagemaker.createEndpointConfig(b -> b.endpointConfigName("c").productionVariants(v -> v
                    .variantName("AllTraffic").modelName("m").instanceType("ml.m5.large").initialInstanceCount(1)));
            for (String name : names) {
                sagemaker.createEndpoint(b -> b.endpointName(name).endpointConfigName("c"));
            }
        }
    }

    /** What moto's InvokeEndpoint answers from now on: {@code body} as JSON from the variant AllTraffic. */
    public void answerInvocations(String body) {
        post("/moto-api/static/sagemaker/endpoint-results", "{\"results\": [{\"Body\": "
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(body) + ", \"ContentType\": \"application/json\", "
                + "\"InvokedProductionVariant\": \"AllTraffic\", \"CustomAttributes\": \"\"}]}");
    }

    /** Forgets every resource created so far, so tests don't see each other's. */
    public void reset() {
        post("/moto-api/reset", "");
    }

    public String post(String path, String json) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpointUrl + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("moto answered " + response.statusCode() + " to " + path + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto server exited with code " + process.exitValue()
                        + " before answering:\n" + readLog());
            }
            try {
                HttpRequest ping = HttpRequest.newBuilder(URI.create(endpointUrl + "/moto-api/data.json"))
                        .timeout(Duration.ofSeconds(2)).GET().build();
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException("moto server did not answer on " + endpointUrl + " within 60 s:\n" + readLog());
    }

    private String readLog() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
