package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.EndpointRuntime;
import com.endpointstudio.hosting.aws.AwsEndpointRuntime;
import com.endpointstudio.hosting.aws.AwsSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the endpoint a command calls lives: an AWS connection, or this computer (--local). */
public final class EndpointTarget {

    @Mixin
    AwsOptions aws;

    @Option(names = "--local", description = "call a Local endpoint, served by the running studio "
            + "(or by 'deploy --local') on this computer")
    boolean local;

    boolean isLocal() {
        return local;
    }

    /** Opens the runtime, runs the work with it, closes it. */
    <T> T withRuntime(StudioServices services, Function<EndpointRuntime, T> work) {
        try (AwsSession session = local ? AwsSession.forLocalRuntime(localRuntimeUrl(services))
                : services.sessions().open(aws.connection())) {
            return work.apply(local ? services.localEndpointRuntimeAt(session) : new AwsEndpointRuntime(session));
        }
    }

    /** The connection the endpoint lives on. */
    com.endpointstudio.core.connection.Connection connection() {
        return local ? com.endpointstudio.core.connection.Connection.local() : aws.connection();
    }

    String region() {
        return local ? null : aws.connection().region();
    }

    private static URI localRuntimeUrl(StudioServices services) {
        Path file = services.localRuntimeUrlFile();
        String hint = " Start the studio, or serve the endpoint with 'endpoint-studio deploy SPEC.json --local'.";
        if (!Files.isRegularFile(file)) {
            throw new StudioException("No local runtime is running on this computer." + hint);
        }
        try {
            URI url = URI.create(Files.readString(file, StandardCharsets.UTF_8).strip());
            HttpResponse<Void> ping = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(url.resolve("/ping")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (ping.statusCode() != 200) {
                throw new StudioException("The local runtime at " + url + " answered " + ping.statusCode() + "." + hint);
            }
            return url;
        } catch (IOException e) {
            throw new StudioException("No local runtime answers (it was last at " + readQuietly(file) + ")." + hint, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StudioException("Interrupted while looking for the local runtime.", e);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return file.toString();
        }
    }
}
