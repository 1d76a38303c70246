package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.EndpointRuntime;
import com.endpointstudio.core.invoke.AsyncInvocation;
import com.endpointstudio.core.invoke.InvocationError;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.task.CancelToken;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeAsyncClient;
import software.amazon.awssdk.services.sagemakerruntime.SageMakerRuntimeClient;
import software.amazon.awssdk.services.sagemakerruntime.model.InvokeEndpointWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelStreamErrorException;

/**
 * The SageMaker runtime API over the SDK: InvokeEndpoint, InvokeEndpointWithResponseStream (an
 * event stream, on the async client) and InvokeEndpointAsync with its S3 input and output. Local
 * endpoints use it too, through the local runtime server that answers the same API.
 */
public final class AwsEndpointRuntime implements EndpointRuntime {

    private final AwsSession session;
    private final SageMakerRuntimeClient runtime;
    private volatile SageMakerRuntimeAsyncClient streaming;
    private volatile S3Client s3;

    private volatile LoadTestRuntime loadTests;

    public AwsEndpointRuntime(AwsSession session) {
        this.session = session;
        this.runtime = session.client(SageMakerRuntimeClient.builder());
    }

    @Override
    public EndpointRuntime forLoadTest() {
        if (loadTests == null) {
            synchronized (this) {
                if (loadTests == null) {
                    loadTests = new LoadTestRuntime(session, this);
                    session.closeWith(loadTests);
                }
            }
        }
        return loadTests;
    }

    @Override
    public InvocationResult invoke(InvocationRequest request) {
        request.validate();
        long started = System.nanoTime();
        try {
            var response = runtime.invokeEndpoint(b -> b.endpointName(request.endpointName())
                    .contentType(blankToNull(request.contentType()))
                    .accept(blankToNull(request.accept()))
                    .body(SdkBytes.fromByteArrayUnsafe(request.body()))
                    .targetVariant(blankToNull(request.targetVariant()))
                    .targetModel(blankToNull(request.targetModel()))
                    .targetContainerHostname(blankToNull(request.targetContainerHostname()))
                    .inferenceId(blankToNull(request.inferenceId()))
                    .inferenceComponentName(blankToNull(request.inferenceComponent()))
                    .customAttributes(blankToNull(request.customAttributes())));
            return new InvocationResult(200, response.contentType(), response.body().asByteArrayUnsafe(),
                    response.invokedProductionVariant(), response.customAttributes(), since(started), null, null,
                    response.responseMetadata().requestId());
        } catch (AwsServiceException e) {
            return failed(e, since(started), null);
        } catch (SdkClientException e) {
            throw unreachable(e, "Invoke endpoint " + request.endpointName());
        }
    }

    @Override
    public InvocationResult invokeWithResponseStream(InvocationRequest request, Consumer<byte[]> onPart,
                                                     CancelToken cancel) {
        request.validate();
        long started = System.nanoTime();
        AtomicLong firstByte = new AtomicLong(-1);
        AtomicReference<String> contentType = new AtomicReference<>();
        AtomicReference<String> variant = new AtomicReference<>();
        AtomicReference<String> requestId = new AtomicReference<>();
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        var handler = InvokeEndpointWithResponseStreamResponseHandler.builder()
                .onResponse(response -> {
                    contentType.set(response.contentType());
                    variant.set(response.invokedProductionVariant());
                    requestId.set(response.responseMetadata().requestId());
                })
                .subscriber(InvokeEndpointWithResponseStreamResponseHandler.Visitor.builder()
                        .onPayloadPart(part -> {
                            firstByte.compareAndSet(-1, System.nanoTime() - started);
                            byte[] bytes = part.bytes().asByteArray();
                            synchronized (whole) {
                                whole.writeBytes(bytes);
                            }
                            onPart.accept(bytes);
                        }).build())
                .build();
        CompletableFuture<Void> call = streamingClient().invokeEndpointWithResponseStream(b -> b
                .endpointName(request.endpointName())
                .contentType(blankToNull(request.contentType()))
                .accept(blankToNull(request.accept()))
                .body(SdkBytes.fromByteArrayUnsafe(request.body()))
                .targetVariant(blankToNull(request.targetVariant()))
                .targetContainerHostname(blankToNull(request.targetContainerHostname()))
                .inferenceId(blankToNull(request.inferenceId()))
                .inferenceComponentName(blankToNull(request.inferenceComponent()))
                .customAttributes(blankToNull(request.customAttributes())), handler);
        Duration ttfb = null;
        try {
            awaitOrCancel(call, cancel);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException ? e.getCause().getCause()
                    : e.getCause();
            if (firstByte.get() >= 0) {
                ttfb = Duration.ofNanos(firstByte.get());
            }
            if (cause instanceof AwsServiceException service) {
                return failed(service, since(started), ttfb);
            }
            throw unreachable(cause, "Invoke endpoint " + request.endpointName() + " with a response stream");
        }
        if (firstByte.get() >= 0) {
            ttfb = Duration.ofNanos(firstByte.get());
        }
        synchronized (whole) {
            return new InvocationResult(200, contentType.get(), whole.toByteArray(), variant.get(), null, since(started),
                    ttfb, null, requestId.get());
        }
    }

    private static void awaitOrCancel(CompletableFuture<Void> call, CancelToken cancel) throws ExecutionException {
        while (true) {
            try {
                call.get(100, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                if (cancel.isCancelled()) {
                    call.cancel(true);
                    throw new java.util.concurrent.CancellationException("the streamed invocation was cancelled");
                }
            } catch (InterruptedException e) {
                call.cancel(true);
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("interrupted");
            }
        }
    }

    @Override
    public AsyncInvocation invokeAsync(InvocationRequest request, String inputPrefix) {
        request.validate();
        S3Uri prefix = S3Uri.parse(inputPrefix, "Async input location");
        String key = prefix.keyUnder(request.endpointName() + "/" + UUID.randomUUID() + ".input");
        String input = "s3://" + prefix.bucket() + "/" + key;
        try {
            s3().putObject(b -> b.bucket(prefix.bucket()).key(key).contentType(blankToNull(request.contentType())),
                    RequestBody.fromBytes(request.body()));
        } catch (AwsServiceException | SdkClientException e) {
            throw AwsErrors.translate(e, session.connection(), "Upload the input of " + request.endpointName()
                    + " to " + input, session.endpointFor("s3"));
        }
        return invokeAsyncAt(request, input);
    }

    @Override
    public AsyncInvocation invokeAsyncAt(InvocationRequest request, String input) {
        try {
            var response = runtime.invokeEndpointAsync(b -> b.endpointName(request.endpointName())
                    .inputLocation(input)
                    .contentType(blankToNull(request.contentType()))
                    .accept(blankToNull(request.accept()))
                    .inferenceId(blankToNull(request.inferenceId()))
                    .customAttributes(blankToNull(request.customAttributes())));
            return new AsyncInvocation(request.endpointName(), response.inferenceId(), input, response.outputLocation(),
                    response.failureLocation(), Instant.now());
        } catch (AwsServiceException | SdkClientException e) {
            throw AwsErrors.translate(e, session.connection(), "Invoke endpoint " + request.endpointName()
                    + " asynchronously", session.endpointFor("runtime.sagemaker"));
        }
    }

    @Override
    public Optional<InvocationResult> asyncResult(AsyncInvocation invocation) {
        Duration waited = Duration.between(invocation.startedAt(), Instant.now());
        Optional<Object[]> output = read(invocation.outputLocation());
        if (output.isPresent()) {
            return Optional.of(new InvocationResult(200, (String) output.get()[1], (byte[]) output.get()[0], null, null,
                    waited, null, null, invocation.inferenceId()));
        }
        Optional<Object[]> failure = read(invocation.failureLocation());
        return failure.map(found -> new InvocationResult(500, (String) found[1], (byte[]) found[0], null, null, waited,
                null, new InvocationError("AsyncInferenceFailure", new String((byte[]) found[0],
                        java.nio.charset.StandardCharsets.UTF_8), null), invocation.inferenceId()));
    }

    /** The object's bytes and content type, or empty when it is not there (yet). */
    private Optional<Object[]> read(String location) {
        if (location == null || location.isBlank()) {
            return Optional.empty();
        }
        S3Uri uri = S3Uri.parse(location, "Output location");
        try {
            var object = s3().getObjectAsBytes(b -> b.bucket(uri.bucket()).key(uri.key()));
            return Optional.of(new Object[] {object.asByteArray(), object.response().contentType()});
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw AwsErrors.translate(e, session.connection(), "Reading " + location, session.endpointFor("s3"));
        } catch (SdkClientException e) {
            throw AwsErrors.translate(e, session.connection(), "Reading " + location, session.endpointFor("s3"));
        }
    }

    /** The header a Local endpoint adds to say which container rule shaped its answer. */
    private static final String EXPLANATION = "X-Endpoint-Studio-Explanation";

    private static InvocationResult failed(AwsServiceException e, Duration latency, Duration firstByte) {
        String code = e.awsErrorDetails() == null ? "Error" : e.awsErrorDetails().errorCode();
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        int status = e.statusCode();
        String logStream = null;
        if (e instanceof ModelErrorException model) {
            code = "ModelError";
            status = model.originalStatusCode() == null ? status : model.originalStatusCode();
            message = model.originalMessage() == null ? message : model.originalMessage();
            logStream = model.logStreamArn();
        } else if (e instanceof ModelStreamErrorException stream) {
            code = "ModelStreamError";
            message = stream.getMessage();
        }
        String explanation = e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null ? null
                : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader(EXPLANATION).orElse(null);
        return new InvocationResult(status, "text/plain", message == null ? new byte[0]
                : message.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, null, latency, firstByte,
                new InvocationError(code, message, logStream, explanation), e.requestId());
    }

    private StudioException unreachable(Throwable e, String action) {
        return AwsErrors.translate(e, session.connection(), action, session.endpointFor("runtime.sagemaker"));
    }

    private SageMakerRuntimeAsyncClient streamingClient() {
        if (streaming == null) {
            synchronized (this) {
                if (streaming == null) {
                    streaming = session.runtimeAsync();
                }
            }
        }
        return streaming;
    }

    private S3Client s3() {
        if (s3 == null) {
            synchronized (this) {
                if (s3 == null) {
                    s3 = session.s3();
                }
            }
        }
        return s3;
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
