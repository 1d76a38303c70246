package com.endpointstudio.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.HttpResponse;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.message.BasicHttpEntityEnclosingRequest;
import org.apache.http.util.EntityUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A load test's calls go over kept-alive connections, one per call in flight, as wrk's do. */
class LoadTestConnectionsTest {

    @TempDir
    Path dir;

    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private HttpServer server;
    private volatile boolean closeEach;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void callsFromOneWorkerShareOneConnection() throws Exception {
        URI uri = start();
        try (LoadTestConnections connections = new LoadTestConnections()) {
            for (int i = 0; i < 50; i++) {
                assertThat(call(connections, uri, "[" + i + "]")).isEqualTo("[" + i + "]");
            }
            assertThat(clientPorts).hasSize(1);
            assertThat(connections.openCount()).isEqualTo(1);
        }
    }

    @Test
    void concurrentCallsOpenNoMoreConnectionsThanCallsInFlight() throws Exception {
        URI uri = start();
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try (LoadTestConnections connections = new LoadTestConnections()) {
            var calls = new java.util.ArrayList<Future<String>>();
            for (int i = 0; i < 200; i++) {
                String body = "[" + i + "]";
                calls.add(workers.submit(() -> call(connections, uri, body)));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertThat(calls.get(i).get(10, TimeUnit.SECONDS)).isEqualTo("[" + i + "]");
            }
            assertThat(clientPorts).hasSizeBetween(1, 4);
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void aServerThatClosesEachConnectionGetsANewOneForTheNextCall() throws Exception {
        URI uri = start();
        closeEach = true;
        try (LoadTestConnections connections = new LoadTestConnections()) {
            for (int i = 0; i < 5; i++) {
                assertThat(call(connections, uri, "[" + i + "]")).isEqualTo("[" + i + "]");
            }
            assertThat(clientPorts).hasSize(5);
            assertThat(connections.openCount()).isZero();
        }
    }

    @Test
    void aConnectionTheServerDroppedWhileIdleIsReplacedNotReportedAsAFailure() throws Exception {
        // answers one call per connection, then closes it without saying so (as an idle timeout does)
        try (ServerSocket dropping = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> {
                while (!dropping.isClosed()) {
                    try (Socket socket = dropping.accept()) {
                        readHead(socket.getInputStream());
                        socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            serving.setDaemon(true);
            serving.start();
            URI uri = URI.create("http://127.0.0.1:" + dropping.getLocalPort() + "/endpoints/e/invocations");
            try (LoadTestConnections connections = new LoadTestConnections(
                    (SSLSocketFactory) SSLSocketFactory.getDefault(), Duration.ZERO)) {
                for (int i = 0; i < 3; i++) {
                    Thread.sleep(50); // the server's close has arrived
                    assertThat(call(connections, uri, "[]")).isEqualTo("{}");
                }
            }
        }
    }

    @Test
    void closingTheTestEndsACallInFlightAtOnce() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            arrived.countDown(); // and never answers
        });
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/endpoints/e/invocations");
        LoadTestConnections connections = new LoadTestConnections();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<String> call = worker.submit(() -> call(connections, uri, "[]"));
            assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
            long closing = System.nanoTime();
            connections.close();

            assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(2));
            assertThat(connections.openCount()).isZero();
            assertThatThrownBy(() -> connections.lease(uri)).hasMessageContaining("the load test has ended");
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void httpsNeedsACertificateThatNamesTheHost() throws Exception {
        SSLContext tls = selfSignedFor("localhost");
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        https.start();
        try (LoadTestConnections trusting = new LoadTestConnections(tls.getSocketFactory(), Duration.ofSeconds(2));
             LoadTestConnections jvmDefault = new LoadTestConnections()) {
            int port = https.getAddress().getPort();
            assertThat(call(trusting, URI.create("https://localhost:" + port + "/endpoints/e/invocations"), "[1]"))
                    .isEqualTo("[1]");
            // the same trusted certificate, reached by an address it does not name
            assertThatThrownBy(() -> trusting.lease(URI.create("https://127.0.0.1:" + port + "/x")))
                    .isInstanceOf(SSLHandshakeException.class);
            // a certificate the JVM does not trust
            assertThatThrownBy(() -> jvmDefault.lease(URI.create("https://localhost:" + port + "/x")))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(trusting.openCount()).isZero();
        } finally {
            https.stop(0);
        }
    }

    /** Sends one call as a load test does and gives its answer's body. */
    private static String call(LoadTestConnections connections, URI uri, String body) throws Exception {
        BasicHttpEntityEnclosingRequest post = new BasicHttpEntityEnclosingRequest("POST", uri.getRawPath());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        post.setHeader("Host", uri.getRawAuthority());
        post.setHeader("Content-Length", Integer.toString(bytes.length));
        post.setHeader("Content-Type", "application/json");
        post.setEntity(new ByteArrayEntity(bytes));
        LoadTestConnections.Connection connection = connections.lease(uri);
        HttpResponse response;
        String answer;
        try {
            response = connection.exchange(post);
            answer = EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            connections.discard(connection);
            throw e;
        }
        connections.release(connection, response);
        return answer;
    }

    /** Echoes each call's body, noting the client's port of every connection. */
    private URI start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (closeEach) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/endpoints/e/invocations");
    }

    /** Reads a request's head and its small body (the tests' bodies have a Content-Length of at most 2). */
    private static void readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            head.append((char) b);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        String length = head.toString().replaceAll("(?s).*Content-Length: (\\d+).*", "$1");
        in.readNBytes(length.matches("\\d+") ? Integer.parseInt(length) : 0);
    }

    /** A TLS context that serves, and trusts, one self-signed certificate for {@code host}. */
    private SSLContext selfSignedFor(String host) throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + host,
                "-ext", "san=dns:" + host, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }
}
