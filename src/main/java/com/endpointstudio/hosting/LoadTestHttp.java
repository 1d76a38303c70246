package com.endpointstudio.hosting;

import com.endpointstudio.core.hosting.EndpointRuntime;
import com.endpointstudio.core.invoke.AsyncInvocation;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.invoke.RuntimeHeaders;
import com.endpointstudio.core.task.CancelToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpException;
import org.apache.http.HttpResponse;
import org.apache.http.HttpVersion;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.message.BasicHttpEntityEnclosingRequest;

/**
 * What the load-test runtimes of AWS and Local endpoints share: InvokeEndpoint sent once (no retries,
 * so throttling shows as errors, as in wrk), each call in flight over a keep-alive connection of its
 * own, as wrk keeps one per connection; everything else handed to the endpoint's full runtime.
 *
 * <p>The connection is httpcore's, without HttpClient's pool, routes and exec chain: beside wrk on two
 * cores (the server on the same cores), a bare loop over HttpClient took 2.4 s of user CPU for 13 s of
 * calls at concurrency 8, one over httpcore's connections 0.9 s (wrk 0.1 s), and the loadtest command
 * went from 3.5 to 2.6 s, start-up included. The CPU a load generator takes, the endpoint under test
 * waits for.
 */
public abstract class LoadTestHttp implements EndpointRuntime, AutoCloseable {

    private final EndpointRuntime full;
    private final LoadTestConnections connections = new LoadTestConnections();

    protected LoadTestHttp(EndpointRuntime full) {
        this.full = full;
    }

    /**
     * What a load test sends again and again: where to, the headers as they go on the wire (Host and
     * Content-Length included: a signature covers them) and the body.
     */
    public record Call(URI uri, Header[] headers, byte[] body) {
    }

    /**
     * Sends the call once on a keep-alive connection of its own, the clock around the exchange alone,
     * as wrk's (not the connection's opening): a 200 answer is read here, any other by {@code failed}.
     */
    protected final InvocationResult exchange(Call call, Failed failed) throws IOException {
        String target = call.uri().getRawQuery() == null ? call.uri().getRawPath()
                : call.uri().getRawPath() + "?" + call.uri().getRawQuery();
        var post = new BasicHttpEntityEnclosingRequest("POST", target, HttpVersion.HTTP_1_1);
        post.setHeaders(call.headers());
        post.setEntity(new ByteArrayEntity(call.body()));
        LoadTestConnections.Connection connection = connections.lease(call.uri());
        HttpResponse response;
        byte[] body;
        Duration latency;
        long started = System.nanoTime();
        try {
            response = connection.exchange(post);
            body = body(response.getEntity());
            latency = Duration.ofNanos(System.nanoTime() - started);
        } catch (IOException | HttpException | RuntimeException e) {
            connections.discard(connection); // half an exchange leaves a connection unusable
            if (e instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        connections.release(connection, response);
        int status = response.getStatusLine().getStatusCode();
        String requestId = value(response, "x-amzn-RequestId");
        if (status == 200) {
            return new InvocationResult(200, value(response, "Content-Type"), body,
                    value(response, RuntimeHeaders.INVOKED_PRODUCTION_VARIANT), value(response,
                    RuntimeHeaders.CUSTOM_ATTRIBUTES), latency, null, null, requestId);
        }
        return failed.read(status, name -> Optional.ofNullable(value(response, name)), body, latency, requestId);
    }

    /** Reads an error answer: its status, headers by name, body. */
    @FunctionalInterface
    protected interface Failed {
        InvocationResult read(int status, Function<String, Optional<String>> headers, byte[] body, Duration latency,
                              String requestId);
    }

    /** The answer's bytes: a small answer of known length is read into one array of its size (EntityUtils copies twice). */
    private static byte[] body(HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return new byte[0];
            }
            long length = entity.getContentLength();
            return length >= 0 && length <= Integer.MAX_VALUE ? in.readNBytes((int) length) : in.readAllBytes();
        }
    }

    private static String value(HttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    @Override
    public EndpointRuntime forLoadTest() {
        return this;
    }

    @Override
    public InvocationResult invokeWithResponseStream(InvocationRequest request, Consumer<byte[]> onPart,
                                                     CancelToken cancel) {
        return full.invokeWithResponseStream(request, onPart, cancel);
    }

    @Override
    public AsyncInvocation invokeAsync(InvocationRequest request, String inputPrefix) {
        return full.invokeAsync(request, inputPrefix);
    }

    @Override
    public AsyncInvocation invokeAsyncAt(InvocationRequest request, String inputLocation) {
        return full.invokeAsyncAt(request, inputLocation);
    }

    @Override
    public Optional<InvocationResult> asyncResult(AsyncInvocation invocation) {
        return full.asyncResult(invocation);
    }

    @Override
    public Optional<String> asyncNotification(AsyncInvocation invocation) {
        return full.asyncNotification(invocation);
    }

    @Override
    public void close() {
        connections.close();
    }
}
