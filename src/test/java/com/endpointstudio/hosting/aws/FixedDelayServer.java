package com.endpointstudio.hosting.aws;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The load-test benchmark's server, in a process of its own so the client under test doesn't
 * share its JVM: answers {@code POST /endpoints/bench/invocations} after a fixed delay. Prints
 * its port, then serves until its standard input closes.
 */
public final class FixedDelayServer {

    private FixedDelayServer() {
    }

    public static void main(String[] args) throws IOException {
        int delayMs = Integer.parseInt(args[0]);
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        byte[] answer = "{\"predictions\": [235.9]}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/endpoints/bench/invocations", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("x-Amzn-Invoked-Production-Variant", "AllTraffic");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(256));
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
        System.in.readAllBytes();
        server.stop(0);
        System.exit(0);
    }
}
