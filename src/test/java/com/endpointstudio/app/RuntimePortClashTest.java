package com.endpointstudio.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.endpointstudio.core.hosting.LocalRuntimePort;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.testing.MotoServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Port 8399 taken by another program: the runtime serves elsewhere, says where, and tells the command line. */
class RuntimePortClashTest {

    @TempDir
    Path dir;

    @Test
    void whenPort8399IsTakenTheRuntimeServesOnAnotherAndSaysSo() throws Exception {
        assumeTrue(System.getProperty(LocalRuntimePort.PROPERTY) == null, "the port is chosen by the property");
        ServerSocket other = null;
        try {
            other = new ServerSocket(LocalRuntimePort.USUAL, 50, InetAddress.getLoopbackAddress());
        } catch (IOException alreadyTaken) {
            // another program holds it already: the same clash
        }
        try (StudioServices services = new StudioServices(StudioPaths.under(dir.resolve("studio")),
                MotoServer.awsEnvironment(dir.resolve(".aws")))) {
            String url = services.localRuntime().url();

            assertThat(URI.create(url).getPort()).isNotEqualTo(LocalRuntimePort.USUAL);
            assertThat(LocalRuntimePort.moved(url)).get().asString().startsWith("Port 8399 was taken").contains(url);
            assertThat(Files.readString(services.localRuntimeUrlFile())).as("what `invoke --local` reads")
                    .isEqualTo(url);
            HttpResponse<String> ping = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url
                    + "/ping")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ping.statusCode()).isEqualTo(200);
        } finally {
            if (other != null) {
                other.close();
            }
        }
    }
}
