package com.endpointstudio.hosting;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.apache.http.HttpException;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.impl.DefaultBHttpClientConnection;
import org.apache.http.impl.DefaultConnectionReuseStrategy;
import org.apache.http.protocol.HttpCoreContext;
import org.apache.http.protocol.HttpRequestExecutor;

/**
 * The keep-alive connections of one load test: a call leases one (the most recently used, else a new
 * one), so there are never more than calls in flight, and the warm-up's connections serve the run.
 * All are closed with the test, those in use too, which ends their calls at once.
 */
final class LoadTestConnections implements AutoCloseable {

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** InvokeEndpoint waits up to 60 s for the model; the rest is the way there and back. */
    static final int READ_TIMEOUT_MILLIS = 70_000;
    /** A connection idle this long is checked before use, as HttpClient's pool does (validateAfterInactivity). */
    static final Duration CHECK_AFTER_IDLE = Duration.ofSeconds(2);

    private static final HttpRequestExecutor EXECUTOR = new HttpRequestExecutor();

    private final SSLSocketFactory tls;
    private final long checkAfterIdleNanos;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    LoadTestConnections() {
        this((SSLSocketFactory) SSLSocketFactory.getDefault(), CHECK_AFTER_IDLE);
    }

    /** @param tls the TLS sockets' factory (the JVM's trusted certificates, unless a test gives its own) */
    LoadTestConnections(SSLSocketFactory tls, Duration checkAfterIdle) {
        this.tls = tls;
        this.checkAfterIdleNanos = checkAfterIdle.toNanos();
    }

    /** A connection to the URI's origin for one call; give it back with {@link #release} or {@link #discard}. */
    Connection lease(URI uri) throws IOException {
        Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            if (connection.serves(uri) && connection.usable(checkAfterIdleNanos)) {
                return connection;
            }
            discard(connection);
        }
        return connect(uri);
    }

    /** After a whole answer: kept for the next call unless the server said it closes the connection. */
    void release(Connection connection, HttpResponse response) {
        connection.lastUsed = System.nanoTime();
        if (!closed && DefaultConnectionReuseStrategy.INSTANCE.keepAlive(response, connection.context)) {
            idle.offerFirst(connection); // if the test closes meanwhile, its close shuts this one too
        } else {
            discard(connection);
        }
    }

    void discard(Connection connection) {
        open.remove(connection);
        try {
            connection.http.shutdown();
        } catch (IOException e) {
            // closing a broken connection: nothing more to do
        }
    }

    /** How many connections are open (idle and in use). */
    int openCount() {
        return open.size();
    }

    @Override
    public void close() {
        closed = true;
        open.forEach(this::discard);
        idle.clear();
    }

    private Connection connect(URI uri) throws IOException {
        if (closed) {
            throw new IOException("the load test has ended");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = port(uri);
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            if (https) {
                SSLSocket secure = (SSLSocket) tls.createSocket(socket, uri.getHost(), port, true);
                SSLParameters parameters = secure.getSSLParameters();
                // the certificate must name the host, as the SDK's HTTP client checks
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
                secure.startHandshake();
                socket = secure;
            }
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        Connection connection = new Connection(uri.getScheme(), uri.getHost(), port, socket);
        open.add(connection);
        if (closed) {
            discard(connection);
            throw new IOException("the load test has ended");
        }
        return connection;
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** One keep-alive HTTP/1.1 connection to an origin. */
    static final class Connection {
        private final String scheme;
        private final String host;
        private final int port;
        private final DefaultBHttpClientConnection http = new DefaultBHttpClientConnection(8 * 1024);
        private final HttpCoreContext context = HttpCoreContext.create();
        private long lastUsed = System.nanoTime();

        private Connection(String scheme, String host, int port, Socket socket) throws IOException {
            this.scheme = scheme;
            this.host = host;
            this.port = port;
            http.bind(socket);
        }

        /** Sends the request and reads the answer's head; its body is the caller's to read. */
        HttpResponse exchange(HttpRequest request) throws IOException, HttpException {
            return EXECUTOR.execute(request, http, context);
        }

        private boolean serves(URI uri) {
            return scheme.equalsIgnoreCase(uri.getScheme()) && host.equalsIgnoreCase(uri.getHost())
                    && port == port(uri);
        }

        /** Open, and if idle a while, not closed by the server meanwhile (a 1 ms read tells). */
        private boolean usable(long checkAfterIdleNanos) {
            return http.isOpen() && (System.nanoTime() - lastUsed < checkAfterIdleNanos || !http.isStale());
        }
    }
}
