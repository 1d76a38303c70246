package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.ModelDataStore;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.FileUpload;
import software.amazon.awssdk.transfer.s3.progress.TransferListener;

/**
 * Model data on S3: a local artifact goes to the chosen bucket, or the SDK-style default
 * {@code sagemaker-<region>-<account>} (created on demand), through the transfer manager's
 * multipart upload. Each object carries its SHA-256 in its metadata, so an identical artifact
 * already there is not sent again.
 */
final class AwsModelDataStore implements ModelDataStore {

    private static final String SHA_KEY = "sha256";

    private final AwsSession session;
    private final S3Client s3;

    AwsModelDataStore(AwsSession session) {
        this.session = session;
        this.s3 = session.s3();
    }

    @Override
    public StagedModelData stage(ModelDataSpec data, ProgressListener progress, CancelToken cancel) {
        if (data.isS3()) {
            return new StagedModelData(data.location(), false, data.uncompressed());
        }
        Path source = Path.of(data.location());
        if (!Files.exists(source)) {
            throw new StudioException("The model data " + source + " does not exist.");
        }
        String bucket = data.uploadBucket() != null ? data.uploadBucket() : defaultBucket();
        ensureBucket(bucket);
        String prefix = com.endpointstudio.core.deploy.SpecDefaults.keyPrefix(data.uploadPrefix());
        List<Path> files = files(source);
        long total = files.stream().mapToLong(AwsModelDataStore::size).sum();
        AtomicLong done = new AtomicLong();
        boolean sent = false;
        try (S3TransferManager transfers = S3TransferManager.builder().s3Client(session.s3Async()).build()) {
            for (Path file : files) {
                String key = Files.isDirectory(source)
                        ? prefix + "/" + source.getFileName() + "/" + source.relativize(file).toString().replace('\\', '/')
                        : prefix + "/" + source.getFileName();
                sent |= upload(transfers, bucket, key, file, done, total, progress, cancel);
            }
        }
        String url = Files.isDirectory(source) ? "s3://" + bucket + "/" + prefix + "/" + source.getFileName() + "/"
                : "s3://" + bucket + "/" + prefix + "/" + source.getFileName();
        return new StagedModelData(url, sent, Files.isDirectory(source));
    }

    private boolean upload(S3TransferManager transfers, String bucket, String key, Path file, AtomicLong done, long total,
                           ProgressListener progress, CancelToken cancel) {
        String sha = sha256(file, cancel);
        long size = size(file);
        if (alreadyThere(bucket, key, size, sha)) {
            progress.progress(done.addAndGet(size), total);
            return false;
        }
        long before = done.get();
        FileUpload upload = transfers.uploadFile(r -> r.source(file)
                .putObjectRequest(p -> p.bucket(bucket).key(key).metadata(Map.of(SHA_KEY, sha)))
                .addTransferListener(new TransferListener() {
                    @Override
                    public void bytesTransferred(Context.BytesTransferred context) {
                        long sent = context.progressSnapshot().transferredBytes();
                        done.set(before + sent);
                        progress.progress(before + sent, total);
                    }
                }));
        try {
            while (true) {
                if (cancel.isCancelled()) {
                    upload.completionFuture().cancel(true);
                    throw new CancellationException("Upload cancelled");
                }
                try {
                    upload.completionFuture().get(200, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException ignored) {
                    // check for cancel again
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            throw AwsErrors.translate(cause, session.connection(), "Uploading " + file.getFileName() + " to s3://"
                    + bucket + "/" + key, session.endpointFor("s3"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            upload.completionFuture().cancel(true);
            throw new CancellationException("Upload interrupted");
        }
        done.set(before + size);
        progress.progress(before + size, total);
        return true;
    }

    private boolean alreadyThere(String bucket, String key, long size, String sha) {
        try {
            HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
            return head.contentLength() == size && sha.equals(head.metadata().get(SHA_KEY));
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw AwsErrors.translate(e, session.connection(), "Checking s3://" + bucket + "/" + key, session.endpointFor("s3"));
        }
    }

    private String defaultBucket() {
        String account = session.sts().getCallerIdentity().account();
        return "sagemaker-" + session.region().id() + "-" + account;
    }

    private void ensureBucket(String bucket) {
        try {
            s3.headBucket(r -> r.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                throw new StudioException("The bucket " + bucket + " exists but this identity may not use it (it may "
                        + "belong to another account). Choose another bucket.", "AccessDenied", e.requestId(), e);
            }
            if (e.statusCode() != 404) {
                throw AwsErrors.translate(e, session.connection(), "Checking the bucket " + bucket, session.endpointFor("s3"));
            }
            try {
                String region = session.region().id();
                s3.createBucket(r -> {
                    r.bucket(bucket);
                    if (!region.equals("us-east-1")) {
                        r.createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.fromValue(region)));
                    }
                });
            } catch (RuntimeException create) {
                throw AwsErrors.translate(create, session.connection(), "Creating the bucket " + bucket,
                        session.endpointFor("s3"));
            }
        }
    }

    private static List<Path> files(Path source) {
        if (!Files.isDirectory(source)) {
            return List.of(source);
        }
        try (Stream<Path> walk = Files.walk(source)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new StudioException("Could not read the model folder " + source + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new StudioException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(Path file, CancelToken cancel) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            int n;
            while ((n = in.read(buffer)) > 0) {
                cancel.throwIfCancelled();
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new StudioException("Could not read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> list(String s3Prefix) {
        if (s3Prefix == null || !s3Prefix.startsWith("s3://")) {
            return List.of();
        }
        String rest = s3Prefix.substring(5);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        try {
            List<String> keys = new java.util.ArrayList<>();
            session.s3().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()
                    .forEach(object -> {
                        String key = object.key().substring(prefix.length());
                        if (!key.isEmpty() && !key.endsWith("/")) {
                            keys.add(key);
                        }
                    });
            return keys;
        } catch (RuntimeException e) {
            throw AwsErrors.translate(e, session.connection(), "Listing " + s3Prefix, session.endpointFor("s3"));
        }
    }
}
