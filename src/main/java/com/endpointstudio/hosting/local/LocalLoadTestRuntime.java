package com.endpointstudio.hosting.local;

import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.hosting.LoadTestHttp;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.http.Header;
import org.apache.http.HttpEntity;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.message.BasicHeader;

/**
 * InvokeEndpoint of Local endpoints for load tests: each request sent once over a pooled, blocking
 * Apache HttpClient on the worker's own thread, the clock around the exchange alone (as wrk's), the
 * request's URI, headers and body built once. The runtime client's java.net.http client hands every
 * call between its own threads: against a Local endpoint that wrk drove at 2,660 requests/s on two
 * cores, a load test with it sent 750/s, at four times wrk's p50.
 */
final class LocalLoadTestRuntime extends LoadTestHttp {

    private static final String SAGEMAKER = "X-Amzn-SageMaker-";

    private final LocalRuntimeClient full;
    private final Supplier<String> runtimeUrl;
    private volatile Prepared prepared;

    LocalLoadTestRuntime(LocalRuntimeClient full, Supplier<String> runtimeUrl) {
        super(full);
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
}
