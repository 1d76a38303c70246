package com.endpointstudio.app;

import com.endpointstudio.core.hosting.EndpointRuntime;
import com.endpointstudio.core.invoke.AsyncInvocation;
import com.endpointstudio.core.invoke.InvocationError;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.hosting.aws.AwsEndpointRuntime;
import com.endpointstudio.hosting.local.AsyncNotifications;
import com.endpointstudio.hosting.local.LocalBuckets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Local endpoints invoked through the local runtime server with the SDK's runtime client, as AWS
 * endpoints are; asynchronous inputs and results live in the local bucket folder, and the
 * notifications of asynchronous requests in the local notification logs.
 */
final class LocalEndpointRuntime implements EndpointRuntime {

    private final Supplier<AwsEndpointRuntime> started;
    private final LocalBuckets buckets;
    private final Path localRoot;
    private AwsEndpointRuntime runtime;

    /** @param start starts the local runtime server on first use, not before (listing needs none) */
    LocalEndpointRuntime(Supplier<AwsEndpointRuntime> start, LocalBuckets buckets, Path localRoot) {
        this.started = start;
        this.buckets = buckets;
        this.localRoot = localRoot;
    }

    private synchronized AwsEndpointRuntime runtime() {
        if (runtime == null) {
            runtime = started.get();
        }
        return runtime;
    }

    @Override
    public InvocationResult invoke(InvocationRequest request) {
        return runtime().invoke(request);
    }

    @Override
    public InvocationResult invokeWithResponseStream(InvocationRequest request, Consumer<byte[]> onPart,
                                                     CancelToken cancel) {
        return runtime().invokeWithResponseStream(request, onPart, cancel);
    }

    @Override
    public EndpointRuntime forLoadTest() {
        return runtime().forLoadTest();
    }

    /** Writes the body into the local bucket under {@code inputPrefix}, then calls InvokeEndpointAsync with it. */
    @Override
    public AsyncInvocation invokeAsync(InvocationRequest request, String inputPrefix) {
        request.validate();
        String prefix = inputPrefix.endsWith("/") ? inputPrefix : inputPrefix + "/";
        String input = prefix + request.endpointName() + "/" + UUID.randomUUID() + ".input";
        buckets.write(input, request.body(), request.contentType());
        return runtime().invokeAsyncAt(request, input);
    }

    @Override
    public AsyncInvocation invokeAsyncAt(InvocationRequest request, String inputLocation) {
        return runtime().invokeAsyncAt(request, inputLocation);
    }

    @Override
    public Optional<InvocationResult> asyncResult(AsyncInvocation invocation) {
        Duration waited = Duration.between(invocation.startedAt(), Instant.now());
        var output = buckets.read(invocation.outputLocation());
        if (output.isPresent()) {
            return Optional.of(new InvocationResult(200, output.get().contentType(), output.get().body(), null, null,
                    waited, null, null, invocation.inferenceId()));
        }
        return buckets.read(invocation.failureLocation()).map(found -> new InvocationResult(500,
                found.contentType(), found.body(), null, null, waited, null, new InvocationError(
                        "AsyncInferenceFailure", new String(found.body(), StandardCharsets.UTF_8), null),
                invocation.inferenceId()));
    }

    @Override
    public Optional<String> asyncNotification(AsyncInvocation invocation) {
        return AsyncNotifications.of(localRoot, invocation.endpointName(), invocation.inferenceId());
    }
}
