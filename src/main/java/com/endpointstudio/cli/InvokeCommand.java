package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.task.CancelToken;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** One InvokeEndpoint call: the answer's body on standard output, its status line on standard error. */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = {"Invoke an endpoint (AWS, or Local with --local) and print the response body.",
                "Status, content type, variant and latency go to standard error; exit 1 when the call failed."})
public final class InvokeCommand implements Callable<Integer> {

    private final StudioServices services;

    @Parameters(index = "0", paramLabel = "NAME", description = "the endpoint")
    String endpointName;

    @Option(names = "--content-type", paramLabel = "T", defaultValue = "application/json",
            description = "the body's MIME type (default: ${DEFAULT-VALUE})")
    String contentType;

    @Option(names = "--accept", paramLabel = "A", description = "the MIME type wanted back")
    String accept;

    @Option(names = "--body", paramLabel = "@FILE|TEXT",
            description = "the request body: @FILE for a file's bytes, @- for standard input, else the text itself")
    String body;

    @Option(names = "--async", description = "InvokeEndpointAsync: the body is staged under async-endpoint-inputs/ "
            + "in the bucket of the endpoint's output path (on Local: the local bucket folder), or --input is used; "
            + "prints the inference id and the output and failure locations")
    boolean async;

    @Option(names = "--input", paramLabel = "S3_URI", description = "with --async: an input already there "
            + "(InputLocation); no --body is needed")
    String input;

    @Option(names = "--wait", description = "with --async: wait for the result and print it, with the notification "
            + "SageMaker published for it (Local keeps them)")
    boolean waitForResult;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "15m",
            converter = DurationConverter.class, description = "with --wait: give up after this long (default 15m)")
    java.time.Duration waitTimeout;

    @Mixin
    RoutingOptions routing;

    @Option(names = "--stream", description = "InvokeEndpointWithResponseStream: print the parts as they arrive")
    boolean stream;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the response body to FILE")
    Path output;

    @Mixin
    EndpointTarget target;

    @Spec
    CommandSpec spec;

    public InvokeCommand(StudioServices services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        if (body == null && !(async && input != null)) {
            throw new com.endpointstudio.core.error.ValidationException("--body", "is required (or, with --async, "
                    + "--input)");
        }
        InvocationRequest request = routing.request(endpointName, contentType, accept,
                body == null ? new byte[0] : RequestBody.read(body));
        if (async) {
            return new AsyncInvoke(services, target, spec.commandLine().getOut(), spec.commandLine().getErr())
                    .run(request, input, waitForResult ? waitTimeout : null, output);
        }
        request.validate();
        PrintWriter err = spec.commandLine().getErr();
        // Text answers go through the command's writer; binary ones belong in a file (-o).
        OutputStream out = output == null ? new WriterStream(spec.commandLine().getOut()) : Files.newOutputStream(output);
        try (out) {
            InvocationResult result = target.withHosting(services, hosting -> stream
                    ? hosting.runtime().invokeWithResponseStream(request, part -> write(out, part), CancelToken.none())
                    : hosting.runtime().invoke(request));
            if (!result.succeeded()) {
                err.println("error: " + result.error().code() + " (" + result.status() + "): " + result.error().message());
                if (result.error().explanation() != null) {
                    err.println("  why: " + result.error().explanation());
                }
                if (result.error().logStream() != null) {
                    err.println("  log: " + result.error().logStream());
                }
                if (result.requestId() != null) {
                    err.println("  request id: " + result.requestId());
                }
                err.flush();
                return Cli.FAILED;
            }
            if (!stream) {
                write(out, result.body());
            }
            err.println(String.format(Locale.ROOT, "%d %s from variant %s in %.1f ms%s", result.status(),
                    result.contentType(), result.invokedVariant(), result.latency().toNanos() / 1e6,
                    result.firstByte() == null ? "" : String.format(Locale.ROOT, " (first byte after %.1f ms)",
                            result.firstByte().toNanos() / 1e6)));
            err.flush();
            return 0;
        }
    }

    /** Bytes to the command's text output, decoded as UTF-8. */
    private static final class WriterStream extends OutputStream {
        private final PrintWriter writer;

        WriterStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            writer.print(new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            writer.flush();
        }
    }

    private static void write(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
