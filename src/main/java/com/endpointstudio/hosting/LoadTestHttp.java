package com.endpointstudio.hosting;

import com.endpointstudio.core.hosting.EndpointRuntime;
import com.endpointstudio.core.invoke.AsyncInvocation;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.invoke.RuntimeHeaders;
import com.endpointstudio.core.task.CancelToken;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Consumer;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.HttpResponse;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

/**
 * What the load-test runtimes of AWS and Local endpoints share: InvokeEndpoint sent once (no retries,
 * so throttling shows as errors, as in wrk) over a pooled, blocking Apache HttpClient on the worker's
 * own thread; everything else handed to the endpoint's full runtime.
 */
public abstract class LoadTestHttp implements EndpointRuntime, AutoCloseable {

    private final EndpointRuntime full;
    protected final CloseableHttpClient http = HttpClients.custom().setMaxConnTotal(1024).setMaxConnPerRoute(1024)
            .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(5_000).setSocketTimeout(70_000).build())
            .disableAutomaticRetries().disableCookieManagement().disableRedirectHandling()
            .disableContentCompression().disableAuthCaching().build();

    protected LoadTestHttp(EndpointRuntime full) {
        this.full = full;
    }

    /**
     * Sends the request once, the clock around the exchange alone (as wrk's): a 200 answer is read
     * here, any other by {@code failed}.
     */
    protected final InvocationResult exchange(HttpPost post, Failed failed) throws IOException {
        long started = System.nanoTime();
        try (CloseableHttpResponse response = http.execute(post)) {
            byte[] body = body(response.getEntity());
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            int status = response.getStatusLine().getStatusCode();
            String requestId = value(response, "x-amzn-RequestId");
            if (status == 200) {
                return new InvocationResult(200, value(response, "Content-Type"), body,
                        value(response, RuntimeHeaders.INVOKED_PRODUCTION_VARIANT), value(response,
                        RuntimeHeaders.CUSTOM_ATTRIBUTES), latency, null, null, requestId);
            }
            return failed.read(status, name -> Optional.ofNullable(value(response, name)), body, latency, requestId);
        }
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
    public void close() throws IOException {
        http.close();
    }
}
