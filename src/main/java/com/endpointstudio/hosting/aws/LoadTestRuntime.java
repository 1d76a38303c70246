package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.hosting.EndpointRuntime;
import com.endpointstudio.core.invoke.InvocationError;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.invoke.RuntimeHeaders;
import com.endpointstudio.hosting.LoadTestHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.http.Header;
import org.apache.http.message.BasicHeader;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.services.sagemakerruntime.endpoints.SageMakerRuntimeEndpointParams;
import software.amazon.awssdk.services.sagemakerruntime.endpoints.SageMakerRuntimeEndpointProvider;

/**
 * InvokeEndpoint for load tests: the request is signed with the SDK's SigV4 signer and sent once
 * over a kept-alive connection (LoadTestHttp), without the SDK client's pipeline (interceptors, retries,
 * marshalling), whose own cost per request would otherwise show up in the measured latencies.
 * Throttling and errors are counted as they come. Everything else goes to the full runtime.
 */
final class LoadTestRuntime extends LoadTestHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long one signature serves the calls of a load test. */
    static final Duration SIGNATURE_REUSE = Duration.ofSeconds(1);

    private final AwsSession session;
    private final URI base;
    /** "{base}/endpoints/": each request appends its endpoint's name and "/invocations". */
    private final String endpoints;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final Clock clock;
    private volatile Prepared prepared;
    private volatile Signature signature;

    LoadTestRuntime(AwsSession session, EndpointRuntime full) {
        this(session, full, Clock.systemUTC());
    }

    /** @param clock the time requests are signed at (X-Amz-Date) and a signature's age is told by */
    LoadTestRuntime(AwsSession session, EndpointRuntime full, Clock clock) {
        super(full);
        this.session = session;
        this.clock = clock;
        this.base = session.endpointOverride() != null ? session.endpointOverride()
                : SageMakerRuntimeEndpointProvider.defaultProvider().resolveEndpoint(SageMakerRuntimeEndpointParams
                        .builder().region(session.region()).build()).join().url();
        this.endpoints = base.toString().replaceAll("/+$", "") + "/endpoints/";
    }

    @Override
    public InvocationResult invoke(InvocationRequest request) {
        Prepared call = prepare(request);
        try { // signed before the clock starts: signing is the client's work, not the endpoint's
            Call signed = new Call(call.uri(), headers(call), request.body());
            return exchange(signed, (status, headers, body, latency, requestId) ->
                    failed(status, headers.apply("x-amzn-ErrorType").orElse(null), body, latency, requestId));
        } catch (IOException e) {
            throw AwsErrors.translate(e, session.connection(), "Invoke endpoint " + request.endpointName(),
                    base.toString());
        }
    }

    /**
     * What stays the same from one call of a load test to the next (the checked request, its URI,
     * headers and body) is built once, not per call: a load test sends one request many times.
     */
    private Prepared prepare(InvocationRequest request) {
        Prepared last = prepared;
        if (last != null && last.request() == request) {
            return last;
        }
        request.validate();
        URI uri = URI.create(endpoints + request.endpointName() + "/invocations");
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(uri);
        RuntimeHeaders.invokeEndpoint(request).forEach(unsigned::putHeader);
        unsigned.putHeader("Content-Length", Integer.toString(request.body().length)); // the signer adds Host only
        Prepared next = new Prepared(request, uri, unsigned.build(),
                ContentStreamProvider.fromByteArrayUnsafe(request.body()));
        prepared = next;
        return next;
    }

    /**
     * The signed headers, made again once a second: AWS takes a signed request until its time is five
     * minutes off, and signing every call cost the load generator a quarter of its CPU, which on two busy
     * cores showed in its tail (p99 about 8 % higher, in 5 of 6 runs alternating with signing once a second).
     */
    private Header[] headers(Prepared call) {
        Signature last = signature;
        long now = clock.millis();
        // a clock set back since makes it again: the signature's date must be the time it is sent at
        if (last != null && last.call() == call && now >= last.madeMillis()
                && now - last.madeMillis() < SIGNATURE_REUSE.toMillis()) {
            return last.headers();
        }
        AwsCredentials credentials = session.credentials().resolveCredentials();
        SignedRequest signed = signer.sign(r -> r.identity(credentials).request(call.unsigned()).payload(call.payload())
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sagemaker")
                .putProperty(AwsV4HttpSigner.REGION_NAME, session.region().id())
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
        List<Header> headers = new ArrayList<>();
        // Host and Content-Length go as signed
        signed.request().forEachHeader((name, values) -> values.forEach(value -> headers.add(new BasicHeader(name,
                value))));
        Signature made = new Signature(call, now, headers.toArray(Header[]::new));
        signature = made;
        return made.headers();
    }

    private record Signature(Prepared call, long madeMillis, Header[] headers) {
    }

    private record Prepared(InvocationRequest request, URI uri, SdkHttpFullRequest unsigned,
                            ContentStreamProvider payload) {
    }

    /** An error answer as the SDK would read it: the code from x-amzn-ErrorType, a model's own status and message. */
    static InvocationResult failed(int status, String errorType, byte[] body, Duration latency, String requestId) {
        JsonNode json;
        try {
            json = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        String code = errorType != null ? errorType.split(":", 2)[0]
                : json.path("__type").asText("Error").replaceAll(".*#", "");
        String message = json.has("message") ? json.path("message").asText() : json.path("Message").asText(null);
        String logStream = null;
        if ("ModelError".equals(code)) {
            status = json.path("OriginalStatusCode").asInt(status);
            message = json.has("OriginalMessage") ? json.path("OriginalMessage").asText() : message;
            logStream = json.path("LogStreamArn").asText(null);
        }
        return new InvocationResult(status, "text/plain", message == null ? new byte[0]
                : message.getBytes(StandardCharsets.UTF_8), null, null, latency, null,
                new InvocationError(code, message, logStream), requestId);
    }

    /** Where InvokeEndpoint goes: the session's override, or the runtime endpoint of its region. */
    URI base() {
        return base;
    }
}
