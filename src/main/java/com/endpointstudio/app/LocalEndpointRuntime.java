package com.endpointstudio.app;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.EndpointRuntime;
import com.endpointstudio.core.invoke.AsyncInvocation;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.task.CancelToken;
import java.util.Optional;
import java.util.function.Consumer;

/** Local endpoints answer real-time and streamed invocations; asynchronous inference keeps its input and output in S3. */
final class LocalEndpointRuntime implements EndpointRuntime {

    private final java.util.function.Supplier<EndpointRuntime> started;
    private EndpointRuntime runtime;

    /** @param start starts the local runtime server on first use, not before (listing needs none) */
    LocalEndpointRuntime(java.util.function.Supplier<EndpointRuntime> start) {
        this.started = start;
    }

    private synchronized EndpointRuntime runtime() {
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

    @Override
    public AsyncInvocation invokeAsync(InvocationRequest request, String inputPrefix) {
        throw new StudioException("Local endpoints answer real-time and streamed invocations. Asynchronous inference "
                + "needs an AWS endpoint with an AsyncInferenceConfig (its input and output live in S3).");
    }

    @Override
    public Optional<InvocationResult> asyncResult(AsyncInvocation invocation) {
        return Optional.empty();
    }
}
