package com.endpointstudio.hosting.local;

import com.endpointstudio.core.hosting.EndpointRuntime;
import com.endpointstudio.core.invoke.AsyncInvocation;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.task.CancelToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.message.BasicHeader;

/**
 * InvokeEndpoint of Local endpoints for load tests: each request sent once over a pooled, blocking
 * Apache HttpClient on the worker's own thread, the clock around the exchange alone (as wrk's), the
 * request's URI, headers and body built once. The runtime client's java.net.http client hands every
 * call between its own threads: against a Local endpoint that wrk drove at 2,660 requests/s on two
 * cores, a load test with it sent 750/s, at four times wrk's p50. Everything else goes to the full client.
 */
final class LocalLoadTestRuntime implements EndpointRuntime {

    private static final String SAGEMAKER = "X-Amzn-SageMaker-";

    private final LocalRuntimeClient full;
    private final Supplier<String> runtimeUrl;
    private final CloseableHttpClient http = HttpClients.custom().setMaxConnTotal(1024).setMaxConnPerRoute(1024)
            .setDefaultRequestConfig(RequestConfig.custom().setConnectTimeout(5_000).setSocketTimeout(70_000).build())
            .disableAutomaticRetries().disableCookieManagement().disableRedirectHandling()
            .disableContentCompression().disableAuthCaching().build();
    private volatile Prepared prepared;

    LocalLoadTestRuntime(LocalRuntimeClient full, Supplier<String> runtimeUrl) {
        this.full = full;
        this.runtimeUrl = runtimeUrl;
    }

    @Override
    public InvocationResult invoke(InvocationRequest request) {
        Prepared call = prepare(request);
        HttpPost post = new HttpPost(call.uri());
        post.setHeaders(call.headers());
        post.setEntity(call.entity());
        long started = System.nanoTime();
        try (CloseableHttpResponse response = http.execute(post)) {
            byte[] body = body(response.getEntity());
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            int status = response.getStatusLine().getStatusCode();
            if (status == 200) {
                return new InvocationResult(200, value(response, "Content-Type"), body,
                        value(response, "x-Amzn-Invoked-Production-Variant"), value(response, SAGEMAKER
                        + "Custom-Attributes"), latency, null, null, null);
            }
            return LocalRuntimeClient.failed(status, name -> Optional.ofNullable(value(response, name)), body, latency,
                    null);
        } catch (IOException e) {
            throw full.unreachable(request.endpointName(), e);
        }
    }

    /** A load test sends one request many times: what stays the same is built on its first call. */
    private Prepared prepare(InvocationRequest request) {
        Prepared last = prepared;
        if (last != null && last.request() == request) {
            return last;
        }
        request.validate();
        List<Header> headers = new ArrayList<>();
        // the runtime API's header names: botocore's sagemaker-runtime service model
        header(headers, "Content-Type", request.contentType());
        header(headers, "Accept", request.accept());
        header(headers, SAGEMAKER + "Custom-Attributes", request.customAttributes());
        header(headers, SAGEMAKER + "Target-Model", request.targetModel());
        header(headers, SAGEMAKER + "Target-Variant", request.targetVariant());
        header(headers, SAGEMAKER + "Target-Container-Hostname", request.targetContainerHostname());
        header(headers, SAGEMAKER + "Inference-Id", request.inferenceId());
        header(headers, SAGEMAKER + "Inference-Component", request.inferenceComponent());
        Prepared next = new Prepared(request, URI.create(runtimeUrl.get() + "/endpoints/" + request.endpointName()
                + "/invocations"), headers.toArray(Header[]::new), new ByteArrayEntity(request.body()));
        prepared = next;
        return next;
    }

    private record Prepared(InvocationRequest request, URI uri, Header[] headers, HttpEntity entity) {
    }

    private static void header(List<Header> headers, String name, String value) {
        if (value != null && !value.isBlank()) {
            headers.add(new BasicHeader(name, value));
        }
    }

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

    private static String value(CloseableHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
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
}
