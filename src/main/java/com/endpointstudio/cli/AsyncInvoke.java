package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.EndpointRuntime;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.invoke.AsyncInvocation;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code invoke --async}: InvokeEndpointAsync with the body staged where the console stages it
 * (async-endpoint-inputs/ in the bucket of the endpoint's output path) or an input already there;
 * without --wait it prints what the API answered, as the AWS CLI does; with it, the result (or
 * the failure) and the notification SageMaker published for it.
 */
final class AsyncInvoke {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StudioServices services;
    private final EndpointTarget target;
    private final PrintWriter out;
    private final PrintWriter err;

    AsyncInvoke(StudioServices services, EndpointTarget target, PrintWriter out, PrintWriter err) {
        this.services = services;
        this.target = target;
        this.out = out;
        this.err = err;
    }

    int run(InvocationRequest request, String input, Duration wait, Path output) {
        String prefix = input == null ? inputPrefix(request.endpointName()) : null;
        return target.withHosting(services, hosting -> {
            EndpointRuntime runtime = hosting.runtime();
            AsyncInvocation invocation = input != null ? runtime.invokeAsyncAt(request, input)
                    : runtime.invokeAsync(request, prefix);
            if (wait == null) {
                Map<String, String> answer = new LinkedHashMap<>();
                answer.put("InferenceId", invocation.inferenceId());
                answer.put("OutputLocation", invocation.outputLocation());
                answer.put("FailureLocation", invocation.failureLocation());
                out.println(json(answer));
                out.flush();
                return 0;
            }
            err.println("Queued as " + invocation.inferenceId() + "; its result goes to " + invocation.outputLocation());
            err.flush();
            return await(runtime, invocation, wait, output);
        });
    }

    private int await(EndpointRuntime runtime, AsyncInvocation invocation, Duration wait, Path output) {
        Instant until = Instant.now().plus(wait);
        while (Instant.now().isBefore(until)) {
            Optional<InvocationResult> done = runtime.asyncResult(invocation);
            if (done.isPresent()) {
                InvocationResult result = done.get();
                Optional<String> notification = notification(runtime, invocation);
                if (!result.succeeded()) {
                    err.println("error: the request failed; its failure is at " + invocation.failureLocation() + ":");
                    err.println("  " + result.error().message());
                    notification.ifPresent(n -> err.println("notification: " + n));
                    err.flush();
                    return Cli.FAILED;
                }
                write(result.body(), output);
                err.println("200 " + result.contentType() + " at " + invocation.outputLocation() + " after "
                        + result.latency().toMillis() + " ms");
                notification.ifPresent(n -> err.println("notification: " + n));
                err.flush();
                return 0;
            }
            sleep();
        }
        err.println("error: no result at " + invocation.outputLocation() + " after " + wait.toSeconds() + " s; the "
                + "request may still be queued (inference id " + invocation.inferenceId() + ").");
        err.flush();
        return Cli.FAILED;
    }

    /** The notification is written just after the result: give it a moment. */
    private static Optional<String> notification(EndpointRuntime runtime, AsyncInvocation invocation) {
        for (int i = 0; i < 20; i++) {
            Optional<String> found = runtime.asyncNotification(invocation);
            if (found.isPresent()) {
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** s3://results/async/out → s3://results/async-endpoint-inputs, as the console stages inputs. */
    private String inputPrefix(String endpoint) {
        HostingProvider provider = services.hostingProvider();
        try (HostingProvider.Session session = provider.open(target.connection())) {
            String outputPath = session.hosting().inventory().describe(endpoint)
                    .orElseThrow(() -> new StudioException("There is no endpoint " + endpoint + "."))
                    .asyncOutput();
            if (outputPath == null || !outputPath.startsWith("s3://")) {
                throw new StudioException(endpoint + " is not an asynchronous endpoint (its EndpointConfig has no "
                        + "AsyncInferenceConfig): invoke it without --async.");
            }
            String rest = outputPath.substring(5);
            int slash = rest.indexOf('/');
            return "s3://" + (slash < 0 ? rest : rest.substring(0, slash)) + "/async-endpoint-inputs";
        }
    }

    private void write(byte[] body, Path output) {
        try {
            if (output != null) {
                Files.write(output, body);
            } else {
                out.print(new String(body, StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        }
    }
}
