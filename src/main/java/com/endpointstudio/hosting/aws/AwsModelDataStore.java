package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.ModelDataStore;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.core.deploy.upload.ContentDigest;
import com.endpointstudio.core.deploy.upload.ArchiveUpload;
import com.endpointstudio.core.deploy.upload.FolderArchive;
import com.endpointstudio.core.hosting.ObjectStore;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.deploy.upload.UploadRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.FileUpload;
import software.amazon.awssdk.transfer.s3.progress.TransferListener;

/**
 * Model data on S3: a local artifact goes to the chosen bucket, or the SDK-style default
 * {@code sagemaker-<region>-<account>} (created on demand), through the transfer manager's
 * multipart upload, under the key {@link UploadRule} gives it — named by the content's SHA-256, so
 * identical content is sent once and an object already there is never replaced. Each object also
 * carries its own SHA-256 in its metadata.
 */
final class AwsModelDataStore implements ModelDataStore {

    private static final String SHA_KEY = "sha256";

    private final AwsSession session;
    private final S3Client s3;

    AwsModelDataStore(AwsSession session) {
        this.session = session;
        this.s3 = session.s3WithPlainBodies(); // the only bodies it streams are the parts of objects()' uploads
    }

    @Override
    public StagedModelData stage(ModelDataSpec data, ProgressListener progress, CancelToken cancel) {
        if (data.isRemote()) {
            return new StagedModelData(data.location(), false, data.uncompressed());
        }
        Path source = Path.of(data.location());
        if (!Files.exists(source)) {
            throw new StudioException("The model data " + source + " does not exist.");
        }
        if (UploadRule.kind(data, source) == UploadRule.Kind.PACKED_FOLDER) {
            return uploadPacked(data, source, progress, cancel);
        }
        UploadRule.Target target = UploadRule.target(data, source, cancel);
        String bucket = target.isDefaultBucket() ? defaultBucket() : target.bucket();
        ensureBucket(bucket);
        boolean sent;
        try (S3TransferManager transfers = S3TransferManager.builder().s3Client(session.s3Async()).build()) {
            sent = target.kind() == UploadRule.Kind.ARCHIVE
                    ? upload(transfers, bucket, target.key(), source, new Progress(size(source), progress), cancel)
                    : uploadFolder(transfers, bucket, target.key(), source, progress, cancel);
        }
        return new StagedModelData(target.uri(bucket), sent, target.kind() == UploadRule.Kind.FOLDER);
    }

    /**
     * A folder packed into model.tar.gz as it goes up, in one pass ({@link ArchiveUpload}), under the key
     * its manifest digest names: an archive of the same files already there is not sent again.
     */
    private StagedModelData uploadPacked(ModelDataSpec data, Path folder, ProgressListener progress,
                                         CancelToken cancel) {
        String bucket = data.uploadBucket() == null || data.uploadBucket().isBlank() ? defaultBucket()
                : data.uploadBucket();
        ensureBucket(bucket);
        ArchiveUpload.Result result = new ArchiveUpload(objects()).upload(FolderArchive.plan(folder), Compression.FAST,
                ArchiveUpload.Destination.byContent(bucket, digest -> UploadRule.key(data.uploadPrefix(), digest,
                        UploadRule.Kind.PACKED_FOLDER, folder)), progress, cancel);
        return new StagedModelData(result.uri(), result.uploaded(), false);
    }

    @Override
    public ObjectStore objects() {
        return new AwsObjectStore(session, s3);
    }

    @Override
    public StagedModelData put(Path archive, String bucket, String key, ProgressListener progress, CancelToken cancel) {
        try (S3TransferManager transfers = S3TransferManager.builder().s3Client(session.s3Async()).build()) {
            boolean sent = upload(transfers, bucket, key, archive, new Progress(size(archive), progress), cancel);
            return new StagedModelData("s3://" + bucket + "/" + key, sent, false);
        }
    }

    /** Bytes sent over all files of one staging. */
    private static final class Progress {
        private final long total;
        private final ProgressListener listener;
        private final AtomicLong done = new AtomicLong();

        Progress(long total, ProgressListener listener) {
            this.total = total;
            this.listener = listener;
        }
    }

    private boolean uploadFolder(S3TransferManager transfers, String bucket, String prefix, Path folder,
                                 ProgressListener listener, CancelToken cancel) {
        List<Path> files = ContentDigest.files(folder);
        Progress progress = new Progress(files.stream().mapToLong(AwsModelDataStore::size).sum(), listener);
        boolean sent = false;
        for (Path file : files) {
            sent |= upload(transfers, bucket, prefix + ContentDigest.relative(folder, file), file, progress, cancel);
        }
        return sent;
    }

    /**
     * Uploads one file unless its key already holds it. The key names the content, so an object there
     * is the same bytes; one whose recorded SHA-256 says otherwise is reported, never replaced. The put
     * itself is conditional (If-None-Match: *): an object that appears meanwhile is not overwritten.
     */
    private boolean upload(S3TransferManager transfers, String bucket, String key, Path file, Progress progress,
                           CancelToken cancel) {
        String sha = ContentDigest.file(file, cancel);
        long size = size(file);
        Optional<HeadObjectResponse> existing = head(bucket, key);
        if (existing.isPresent()) {
            String recorded = existing.get().metadata().get(SHA_KEY);
            if (recorded != null && !recorded.equals(sha) || existing.get().contentLength() != size) {
                throw new StudioException("s3://" + bucket + "/" + key + " already holds other bytes than "
                        + file.getFileName() + " (its recorded SHA-256 is " + recorded + "). The studio never "
                        + "replaces an object a model may use: choose another key prefix, or delete that object if "
                        + "nothing uses it.", "ObjectExists", null, null);
            }
            progress.listener.progress(progress.done.addAndGet(size), progress.total);
            return false;
        }
        long before = progress.done.get();
        FileUpload upload = transfers.uploadFile(r -> r.source(file)
                .putObjectRequest(p -> p.bucket(bucket).key(key).ifNoneMatch("*").metadata(Map.of(SHA_KEY, sha)))
                .addTransferListener(new TransferListener() {
                    @Override
                    public void bytesTransferred(Context.BytesTransferred context) {
                        long sent = context.progressSnapshot().transferredBytes();
                        progress.done.set(before + sent);
                        progress.listener.progress(before + sent, progress.total);
                    }
                }));
        try {
            while (true) {
                if (cancel.isCancelled()) {
                    upload.completionFuture().cancel(true);
                    abortLeftovers(bucket, key);
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
            abortLeftovers(bucket, key); // a failed transfer's parts, as a cancelled one's
            if (cause instanceof S3Exception s3 && s3.statusCode() == 412) {
                return upload(transfers, bucket, key, file, progress, cancel); // written meanwhile: check it
            }
            throw AwsErrors.translate(cause, session.connection(), "Uploading " + file.getFileName() + " to s3://"
                    + bucket + "/" + key, session.endpointFor("s3"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            upload.completionFuture().cancel(true);
            abortLeftovers(bucket, key);
            throw new CancellationException("Upload interrupted");
        }
        progress.done.set(before + size);
        progress.listener.progress(before + size, progress.total);
        return true;
    }

    /**
     * A cancelled transfer aborts its multipart upload while parts may still be arriving, and S3 may keep
     * such a part ("it might be necessary to abort a given multipart upload multiple times", AbortMultipartUpload
     * in botocore's data/s3/2006-03-01/service-2.json): the uploads of this key are aborted until S3 lists
     * none, so a cancel leaves no parts to pay for. Every one of the key's: the transfer manager doesn't tell
     * its upload id, and emulators give Initiated a fixed date; another upload of the same key at the same
     * time is of the same content (keys name it) or would be refused (If-None-Match).
     */
    private void abortLeftovers(String bucket, String key) {
        CancelToken.regardless(() -> { // the user's cancel must not cut the clean-up short
            abortUntilNoneListed(bucket, key);
            return null;
        });
    }

    private void abortUntilNoneListed(String bucket, String key) {
        int quiet = 0;
        for (int round = 0; round < 25; round++) {
            List<software.amazon.awssdk.services.s3.model.MultipartUpload> ours;
            try {
                ours = s3.listMultipartUploads(r -> r.bucket(bucket).prefix(key)).uploads().stream()
                        .filter(u -> u.key().equals(key)).toList();
            } catch (SdkException e) {
                return; // can't list: the bucket's lifecycle rules are the remaining guard
            }
            quiet = ours.isEmpty() ? quiet + 1 : 0;
            if (quiet == 3) { // none for 0.4 s: an upload the transfer was still starting would show by now
                return;
            }
            for (var upload : ours) {
                try {
                    s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(upload.uploadId()));
                } catch (SdkException e) {
                    // aborted meanwhile, or not ours to abort: listed again next round
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Optional<HeadObjectResponse> head(String bucket, String key) {
        try {
            return Optional.of(s3.headObject(r -> r.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw AwsErrors.translate(e, session.connection(), "Checking s3://" + bucket + "/" + key,
                    session.endpointFor("s3"));
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

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new StudioException("Could not read " + file + ": " + e.getMessage(), e);
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

    @Override
    public StoredObject open(String s3Url) {
        ResponseInputStream<GetObjectResponse> body = get(s3Url, null);
        return new StoredObject(body, body.response().contentLength() == null ? -1 : body.response().contentLength());
    }

    /**
     * An object's body; null when {@code ifNoneMatch} is given and S3 holds that version: GetObject's
     * IfNoneMatch, "otherwise, return a 304 Not Modified error" (botocore data/s3/2006-03-01/service-2.json,
     * GetObjectRequest).
     */
    private ResponseInputStream<GetObjectResponse> get(String s3Url, String ifNoneMatch) {
        S3Uri location = S3Uri.parse(s3Url, "Model data");
        try {
            return s3.getObject(r -> r.bucket(location.bucket()).key(location.key()).ifNoneMatch(ifNoneMatch));
        } catch (NoSuchKeyException e) {
            throw new StudioException("There is no object " + s3Url + ".", "NoSuchKey", e.requestId(), e);
        } catch (S3Exception e) {
            if (ifNoneMatch != null && e.statusCode() == 304) {
                return null;
            }
            throw AwsErrors.translate(e, session.connection(), "Reading " + s3Url, session.endpointFor("s3"));
        } catch (RuntimeException e) {
            throw AwsErrors.translate(e, session.connection(), "Reading " + s3Url, session.endpointFor("s3"));
        }
    }

    @Override
    public List<ObjectInfo> objects(String s3Prefix) {
        S3Uri location = S3Uri.parse(s3Prefix, "Model data");
        String prefix = location.key();
        try {
            List<ObjectInfo> objects = new java.util.ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(prefix)).contents().forEach(object -> {
                String key = object.key().substring(prefix.length());
                if (!key.isEmpty() && !key.endsWith("/")) {
                    objects.add(new ObjectInfo(key, object.size() == null ? 0 : object.size()));
                }
            });
            return objects;
        } catch (RuntimeException e) {
            throw AwsErrors.translate(e, session.connection(), "Listing " + s3Prefix, session.endpointFor("s3"));
        }
    }

    @Override
    public Downloaded download(String s3Url, Path target, String heldETag, ProgressListener progress,
                               CancelToken cancel) {
        String held = heldETag != null && Files.isRegularFile(target) ? heldETag : null;
        ResponseInputStream<GetObjectResponse> body = get(s3Url, held);
        if (body == null) {
            return new Downloaded(held, false); // the file holds this version
        }
        String eTag = body.response().eTag();
        long size = body.response().contentLength() == null ? -1 : body.response().contentLength();
        Path partial;
        try {
            // a name of its own: two deploys of the same object may download it at once
            partial = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".part");
        } catch (IOException e) {
            closeQuietly(body);
            throw new StudioException("Could not write beside " + target + ": " + e.getMessage(), e);
        }
        try (body;
             CancelToken.Registration abort = cancel.onCancel(() -> closeQuietly(body));
             java.io.OutputStream out = Files.newOutputStream(partial)) {
            byte[] buffer = new byte[1 << 16];
            long done = 0;
            int read;
            while ((read = body.read(buffer)) >= 0) {
                cancel.throwIfCancelled();
                out.write(buffer, 0, read);
                done += read;
                progress.progress(done, size);
            }
        } catch (IOException e) {
            deleteQuietly(partial);
            cancel.throwIfCancelled();
            throw new StudioException("Downloading " + s3Url + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            deleteQuietly(partial);
            cancel.throwIfCancelled();
            throw AwsErrors.translate(e, session.connection(), "Reading " + s3Url, session.endpointFor("s3"));
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
        try {
            Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StudioException("Could not save " + target + ": " + e.getMessage(), e);
        }
        return new Downloaded(eTag, true);
    }

    private static void closeQuietly(java.io.InputStream body) {
        try {
            body.close();
        } catch (IOException | RuntimeException ignored) {
            // the download is being cancelled; its own read fails next
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover .part file is replaced by the next download
        }
    }

    @Override
    public byte[] read(String s3Uri) {
        S3Uri location = S3Uri.parse(s3Uri, "S3 location");
        if (location.key().isEmpty()) {
            throw new com.endpointstudio.core.error.ValidationException("S3 location", "'" + s3Uri
                    + "' is not an s3://bucket/key URI");
        }
        try {
            return session.s3().getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.key()))
                    .asByteArray();
        } catch (RuntimeException e) {
            throw AwsErrors.translate(e, session.connection(), "Reading " + s3Uri, session.endpointFor("s3"));
        }
    }
}
