package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.hosting.local.LocalBuckets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The local bucket folder, where Local hosting keeps what SageMaker keeps in S3 (asynchronous
 * inputs, outputs and failures, captured data): list it, copy files in and out, show where an
 * s3:// URI lives on disk.
 */
@Command(name = "bucket", mixinStandardHelpOptions = true,
        description = {"The local bucket folder: S3 as Local hosting plays it (s3://BUCKET/KEY is a file of it).",
                "  bucket ls s3://BUCKET/PREFIX     list the objects under a prefix",
                "  bucket cp FILE s3://BUCKET/KEY   put a file (--content-type sets its type)",
                "  bucket cp s3://BUCKET/KEY FILE   get an object (- for standard output)",
                "  bucket path s3://BUCKET/KEY      print the file an s3:// URI is on this computer"})
public final class BucketCommand implements Callable<Integer> {

    private final StudioServices services;

    @Parameters(index = "0", paramLabel = "ls|cp|path")
    String action;

    @Parameters(index = "1..*", paramLabel = "ARG")
    java.util.List<String> arguments = new java.util.ArrayList<>();

    @Option(names = "--content-type", paramLabel = "T", description = "with cp into the bucket: the object's type")
    String contentType;

    @Spec
    CommandSpec spec;

    public BucketCommand(StudioServices services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        LocalBuckets buckets = services.localBuckets();
        PrintWriter out = spec.commandLine().getOut();
        switch (action) {
            case "ls" -> {
                require(1);
                buckets.list(arguments.get(0)).forEach(out::println);
            }
            case "path" -> {
                require(1);
                out.println(buckets.path(arguments.get(0)));
            }
            case "cp" -> {
                require(2);
                copy(buckets, arguments.get(0), arguments.get(1), out);
            }
            default -> throw new ValidationException("ACTION", "'" + action + "' is not ls, cp or path");
        }
        out.flush();
        return 0;
    }

    private void copy(LocalBuckets buckets, String from, String to, PrintWriter out) throws IOException {
        if (to.startsWith("s3://") && !from.startsWith("s3://")) {
            Path file = Path.of(from);
            if (!Files.isRegularFile(file)) {
                throw new ValidationException("FILE", from + " is not a file");
            }
            buckets.write(to, Files.readAllBytes(file), contentType);
            out.println("upload: " + from + " to " + to);
        } else if (from.startsWith("s3://") && !to.startsWith("s3://")) {
            var object = buckets.read(from).orElseThrow(() -> new StudioException("There is no object " + from
                    + " (no file " + buckets.path(from) + ")."));
            if (to.equals("-")) {
                out.print(new String(object.body(), java.nio.charset.StandardCharsets.UTF_8));
            } else {
                Files.write(Path.of(to), object.body());
                out.println("download: " + from + " to " + to);
            }
        } else {
            throw new ValidationException("ARG", "copy between a file and an s3:// URI of the local bucket folder");
        }
    }

    private void require(int count) {
        if (arguments.size() != count) {
            throw new ValidationException("ARG", action + " takes " + count + " argument" + (count == 1 ? "" : "s"));
        }
    }
}
