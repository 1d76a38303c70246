package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.upload.ArchiveUpload;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.hosting.ObjectStore;
import com.endpointstudio.core.packaging.ArchivePlan;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.hosting.aws.AwsHosting;
import com.endpointstudio.hosting.aws.AwsSession;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/** {@code package -o s3://BUCKET/KEY}: the archive compressed and uploaded in one pass. */
record S3Output(String bucket, String key) {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** The S3 destination of {@code -o}, or null when it names a local path. */
    static S3Output parse(String output, boolean uncompressed) {
        if (output == null || !output.startsWith("s3://")) {
            return null;
        }
        if (uncompressed) {
            throw new ValidationException("--uncompressed", "writes a folder, which can't go to s3:// in one object; "
                    + "write it to disk, or deploy the folder with CompressionType None");
        }
        String rest = output.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (!BUCKET.matcher(bucket).matches()) {
            throw new ValidationException("-o", "'" + bucket + "' is not a bucket name: 3 to 63 lowercase letters, "
                    + "digits, dots and hyphens, starting and ending with a letter or digit");
        }
        if (key.isEmpty() || key.startsWith("/")) {
            throw new ValidationException("-o", "needs a key after the bucket: s3://" + bucket + "/models/model.tar.gz");
        }
        if (key.endsWith("/")) {
            key += "model.tar.gz";
        }
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1024) {
            throw new ValidationException("-o", "the key is longer than S3's 1,024 bytes");
        }
        return new S3Output(bucket, key);
    }

    /**
     * Opens the session and its S3 client on a thread of its own as soon as the destination is known:
     * loading the client takes a few hundred milliseconds, which then pass while the inputs are placed
     * and checked, not before the first part can go.
     */
    Opening open(StudioServices services, AwsOptions aws) {
        return new Opening(services, aws.connection());
    }

    /** A session being opened; closed with the command, whether or not the upload used it. */
    static final class Opening implements AutoCloseable {
        private final CompletableFuture<AwsSession> session;
        private final CompletableFuture<ObjectStore> store;

        private Opening(StudioServices services, Connection connection) {
            Executor ownThread = task -> {
                Thread thread = new Thread(task, "s3-session");
                thread.setDaemon(true);
                thread.start();
            };
            session = CompletableFuture.supplyAsync(() -> services.sessions().open(connection), ownThread);
            store = session.thenApply(AwsHosting::objectStore);
        }

        ObjectStore store() {
            try {
                return store.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }

        @Override
        public void close() {
            session.thenAccept(AwsSession::close); // at once, or when the opening ends
        }
    }

    void upload(Opening opening, ArchivePlan plan, Compression level, boolean hashFirst, PrintWriter out) {
        ArchiveUpload.Destination destination = ArchiveUpload.Destination.at(bucket, key);
        ArchiveUpload.Result result = new ArchiveUpload(opening::store).upload(plan, level,
                hashFirst ? destination.hashingFirst() : destination, ProgressListener.NONE, CancelToken.none());
        if (result.uploaded()) {
            out.printf(Locale.ROOT, "Uploaded %s (%d bytes, %d ms)%n", result.uri(), result.bytes(),
                    result.elapsed().toMillis());
            out.println("SHA-256 " + result.sha256());
        } else {
            out.println(result.uri() + " already holds these inputs packaged (" + result.bytes()
                    + " bytes): nothing was sent.");
        }
        if (result.inputsSha256() != null) {
            out.println("Inputs SHA-256 " + result.inputsSha256());
        }
        out.flush();
    }
}
