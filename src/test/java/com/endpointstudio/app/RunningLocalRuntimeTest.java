package com.endpointstudio.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.error.StudioException;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command finds the studio's runtime server by the address it wrote, once while the file is unchanged. */
class RunningLocalRuntimeTest {

    @TempDir
    Path dir;

    private final AtomicInteger pings = new AtomicInteger();
    private HttpServer first;
    private HttpServer second;

    private HttpServer server() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/ping", exchange -> {
            pings.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        first.stop(0);
        if (second != null) {
            second.stop(0);
        }
    }

    @Test
    void theAddressIsCheckedOnceAndReadAgainWhenTheStudioWritesANewOne() throws Exception {
        first = server();
        Path file = Files.writeString(dir.resolve("runtime-url"), url(first));
        RunningLocalRuntime running = new RunningLocalRuntime(file);

        for (int call = 0; call < 50; call++) {
            assertThat(running.url()).isEqualTo(url(first));
        }
        assertThat(pings).hasValue(1);

        second = server(); // the studio restarted on another port
        Files.writeString(file, url(second));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(running.url()).isEqualTo(url(second));
        assertThat(pings).hasValue(2);

        Files.delete(file);
        assertThatThrownBy(running::url).isInstanceOf(StudioException.class)
                .hasMessageStartingWith("No local runtime is running on this computer.");
    }
}
