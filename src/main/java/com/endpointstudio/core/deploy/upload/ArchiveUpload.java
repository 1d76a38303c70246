package com.endpointstudio.core.deploy.upload;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.hosting.ObjectStore;
import com.endpointstudio.core.hosting.ObjectStore.MultipartUpload;
import com.endpointstudio.core.hosting.ObjectStore.StoredObject;
import com.endpointstudio.core.hosting.ResourceExistsException;
import com.endpointstudio.core.packaging.ArchivePlan;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.archive.ArchiveBuilder;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Packages a plan straight into S3 in one pass: the archive is compressed into the parts of a
 * multipart upload, which go up while later blocks are compressed; its SHA-256 is computed on the
 * way, and no copy of it is written to disk.
 *
 * <p>An identical object already in S3 is found without uploading it again. The inputs' manifest
 * digest ({@link ContentDigest#plan}) says what an archive holds and is recorded in the object's
 * metadata, which S3 fixes when the upload starts. It is used when it is known at once (every
 * input's digest remembered), and otherwise read first only where it is needed: for a key named by
 * it, when the caller asks for it ({@link Destination#hashingFirst}), or to compare with an object
 * already at the key. Reading the inputs first costs a pass over them while S3 waits (parts wait
 * in a bounded number of buffers); without it, the object carries no inputs digest, and a later
 * upload to its key can't tell it holds the same inputs. The upload completes only if the key is
 * still free (If-None-Match): an object there is never replaced.
 */
public final class ArchiveUpload {

    /** The object metadata naming the inputs an archive holds: their manifest digest. */
    public static final String INPUTS_SHA256 = "inputs-sha256";
    /** Parts sent at once while the next is filled. */
    public static final int PARALLEL_PARTS = 4;

    private final Supplier<ObjectStore> stores;
    private final ArchiveBuilder builder;
    private volatile ObjectStore store;

    public ArchiveUpload(ObjectStore store) {
        this(() -> store);
    }

    /**
     * @param stores opens the store on first use — on a thread of its own when the digest is not known
     *               yet, so a client that takes a while to load does so while the first blocks compress
     */
    public ArchiveUpload(Supplier<ObjectStore> stores) {
        this.stores = stores;
        this.builder = new ArchiveBuilder();
    }

    private ObjectStore store() {
        ObjectStore opened = store;
        if (opened == null) {
            synchronized (this) {
                if (store == null) {
                    store = stores.get();
                }
                opened = store;
            }
        }
        return opened;
    }

    /**
     * Where the archive goes.
     *
     * @param keyFor         the key, given the inputs' digest
     * @param namedByContent whether the key carries the digest, so an object there holds these inputs
     * @param hashFirst      whether the inputs are read for their digest before the upload starts, so the
     *                       object records it (always, for a key named by content)
     */
    public record Destination(String bucket, UnaryOperator<String> keyFor, boolean namedByContent,
                              boolean hashFirst) {

        /** An exact key, chosen by the user; the inputs' digest recorded only when it is known at once. */
        public static Destination at(String bucket, String key) {
            return new Destination(bucket, digest -> key, false, false);
        }

        /** A key named by the inputs' digest ({@link UploadRule}). */
        public static Destination byContent(String bucket, UnaryOperator<String> keyFor) {
            return new Destination(bucket, keyFor, true, true);
        }

        /** The same destination, the inputs read for their digest before the upload starts. */
        public Destination hashingFirst() {
            return new Destination(bucket, keyFor, namedByContent, true);
        }
    }

    /**
     * @param uploaded     false when the object was already there with these inputs (nothing was sent)
     * @param bytes        the archive's size (0 when not uploaded)
     * @param sha256       the archive's hex SHA-256 (null when not uploaded)
     * @param inputsSha256 the inputs' manifest digest (null when it was not read: not known at once, and not
     *                     asked for)
     */
    public record Result(String bucket, String key, boolean uploaded, long bytes, String sha256, String inputsSha256,
                         Duration elapsed) {

        public String uri() {
            return "s3://" + bucket + "/" + key;
        }
    }

    /** The part size for about {@code inputBytes} of inputs: 8 MiB, or more for archives over about 70 GiB. */
    public static int partSizeFor(long inputBytes) {
        return PartUploader.partSizeFor(inputBytes);
    }

    public Result upload(ArchivePlan plan, Compression compression, Destination destination, ProgressListener progress,
                         CancelToken cancel) {
        if (plan.files().isEmpty()) {
            throw new ValidationException("Archive", "is empty: add the model files first");
        }
        Run run = new Run(plan, destination, cancel);
        try (CancelToken.Registration link = cancel.onCancel(run.building::cancel)) {
            return run.go(compression, progress);
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "upload-digest");
        thread.setDaemon(true);
        thread.start();
    }

    /** One upload: the build on the calling thread, the digest beside it, the parts on their senders. */
    private final class Run {
        private final long began = System.nanoTime();
        private final ArchivePlan plan;
        private final Destination destination;
        private final CancelToken cancel;
        private final CancelToken building = CancelToken.none();
        private final CompletableFuture<MultipartUpload> started = new CompletableFuture<>();
        /** Set when the digest showed there is nothing to send, or something to refuse. */
        private final AtomicReference<Result> identical = new AtomicReference<>();
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        /** Done when the task beside the build (the digest, the lookup) is: an upload it started is aborted by then. */
        private final CompletableFuture<Void> beside = new CompletableFuture<>();
        private volatile String digest;
        private volatile String key;

        Run(ArchivePlan plan, Destination destination, CancelToken cancel) {
            this.plan = plan;
            this.destination = destination;
            this.cancel = cancel;
        }

        Result go(Compression compression, ProgressListener progress) {
            Optional<String> known = ContentDigest.knownPlan(plan);
            if (known.isPresent()) {
                beside.complete(null);
                decide(known.get(), null);
                if (identical.get() != null) {
                    return identical.get();
                }
            } else if (destination.hashFirst()) {
                // an exact key is looked up at once, beside the digest: the store is ready when the digest is
                CompletableFuture<Optional<StoredObject>> early = CompletableFuture.supplyAsync(() -> {
                    try (CancelToken.Scope scope = building.enter()) {
                        return destination.namedByContent() ? null
                                : store().head(destination.bucket(), destination.keyFor().apply(""));
                    }
                }, ArchiveUpload::daemon);
                besideTheBuild(() -> digestInputs(early));
            } else {
                besideTheBuild(this::lookUp);
            }
            long total = plan.totalBytes();
            PartUploader parts = new PartUploader(started, PartUploader.partSizeFor(total), PARALLEL_PARTS, building);
            try {
                ArchiveBuilder.Written written = builder.write(plan, parts, compression, progress, building);
                parts.finish();
                return new Result(destination.bucket(), key, true, written.bytes(), written.sha256(), digest,
                        elapsed());
            } catch (ResourceExistsException appeared) {
                parts.abandon();
                beside.join();
                return existing(store().head(destination.bucket(), key).orElseThrow(() -> appeared));
            } catch (IOException | RuntimeException e) {
                parts.abandon();
                building.cancel(); // the digest or lookup beside stops too; an upload it created is aborted
                beside.join();     // before this returns, not left behind
                if (identical.get() != null) {
                    return identical.get();
                }
                if (failure.get() != null) {
                    throw failure.get();
                }
                cancel.throwIfCancelled();
                throw e instanceof IOException io ? new StudioException("Could not upload the archive to s3://"
                        + destination.bucket() + "/" + (key == null ? "" : key) + ": " + io.getMessage(), io)
                        : (RuntimeException) e;
            }
        }

        private void besideTheBuild(Runnable task) {
            daemon(() -> {
                try {
                    task.run();
                } finally {
                    beside.complete(null);
                }
            });
        }

        private void digestInputs(CompletableFuture<Optional<StoredObject>> early) {
            try (CancelToken.Scope scope = building.enter()) {
                String inputs = ContentDigest.plan(plan, building);
                decide(inputs, early.join());
            } catch (java.util.concurrent.CompletionException e) {
                fail(e.getCause() instanceof RuntimeException cause ? cause : e);
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        /** An exact key, the digest unknown: read only if an object is there to compare with. */
        private void lookUp() {
            try (CancelToken.Scope scope = building.enter()) {
                Optional<StoredObject> there = store().head(destination.bucket(), destination.keyFor().apply(""));
                decide(there.isPresent() ? ContentDigest.plan(plan, building) : null, there);
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        /** A failure beside the build (the digest, the lookup) stops it; a cancel is not a failure. */
        private void fail(RuntimeException e) {
            if (!building.isCancelled()) {
                failure.compareAndSet(null, e);
            }
            started.completeExceptionally(e);
            building.cancel();
        }

        /**
         * With the digest known (or, for an exact key that is free, not read): nothing to send, an object
         * to refuse, or the upload started. An object that appears after the key was looked up is caught
         * when the upload completes.
         */
        private void decide(String inputs, Optional<StoredObject> lookedUp) {
            digest = inputs;
            key = destination.keyFor().apply(inputs);
            Optional<StoredObject> there = lookedUp != null ? lookedUp : store().head(destination.bucket(), key);
            if (there.isPresent()) {
                identical.set(existing(there.get()));
                started.completeExceptionally(new CancellationException("already there"));
                building.cancel();
                return;
            }
            if (building.isCancelled()) {
                started.cancel(false);
                return;
            }
            // not cancellable: a CreateMultipartUpload aborted in flight may still have reached S3, leaving
            // an upload whose id nobody knows; it is short, and aborted below once the id is known
            MultipartUpload upload = CancelToken.regardless(() -> store().startUpload(destination.bucket(), key,
                    inputs == null ? Map.of() : Map.of(INPUTS_SHA256, inputs)));
            if (!started.complete(upload)) {
                upload.abort(); // the build stopped meanwhile
            }
        }

        /** The object at the key: these inputs (nothing to send), or anything else, which is never replaced. */
        private Result existing(StoredObject object) {
            String recorded = object.metadata().get(INPUTS_SHA256);
            boolean same = recorded != null ? recorded.equals(digest) : destination.namedByContent();
            if (!same) {
                String which = recorded == null ? " that records no inputs SHA-256 (an upload that reads its inputs "
                        + "first records it), so whether it holds these inputs can't be told"
                        : " of other inputs (inputs SHA-256 " + recorded + ")";
                RuntimeException refused = new StudioException("s3://" + destination.bucket() + "/" + key
                        + " already holds an object" + which + ". The studio never replaces an object a model may "
                        + "use: choose another key, or delete that object if nothing uses it.", "ObjectExists", null,
                        null);
                failure.compareAndSet(null, refused);
                throw refused;
            }
            return new Result(destination.bucket(), key, false, object.size(), null, digest, elapsed());
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - began);
        }
    }
}
