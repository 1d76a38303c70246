package com.endpointstudio.core.hosting;

import com.endpointstudio.core.invoke.AsyncInvocation;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.task.CancelToken;
import java.util.Optional;
import java.util.function.Consumer;

/** The SageMaker runtime API as a host offers it: calling an endpoint. */
public interface EndpointRuntime {

    /**
     * InvokeEndpoint. Errors the endpoint or the API answer (model error, validation, throttling)
     * come back as a result with its {@link com.endpointstudio.core.invoke.InvocationError}; only a
     * runtime that can't be reached throws.
     */
    InvocationResult invoke(InvocationRequest request);

    /** InvokeEndpointWithResponseStream: each payload part goes to {@code onPart} as it arrives. */
    InvocationResult invokeWithResponseStream(InvocationRequest request, Consumer<byte[]> onPart, CancelToken cancel);

    /**
     * InvokeEndpointAsync: uploads the body under {@code inputPrefix} (an s3:// URI) and invokes.
     */
    AsyncInvocation invokeAsync(InvocationRequest request, String inputPrefix);

    /** InvokeEndpointAsync with an input already at {@code inputLocation} (the request's body is not sent). */
    AsyncInvocation invokeAsyncAt(InvocationRequest request, String inputLocation);

    /** The async result once it is written (success or failure), empty while it is still pending. */
    Optional<InvocationResult> asyncResult(AsyncInvocation invocation);

    /**
     * The notification SageMaker published for a finished asynchronous request (the JSON message of its
     * success or error topic), where the host keeps them: Local does; on AWS they go to SNS subscribers.
     */
    default Optional<String> asyncNotification(AsyncInvocation invocation) {
        return Optional.empty();
    }

    /**
     * This runtime as load tests use it: each request sent once, so throttling and server errors
     * show in the figures instead of being retried away inside a longer latency, and with as
     * little client work per request as the host allows, so the latencies are the endpoint's.
     */
    default EndpointRuntime forLoadTest() {
        return this;
    }
}
