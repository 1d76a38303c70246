package com.endpointstudio.core.deploy.upload;

import com.endpointstudio.core.hosting.ObjectStore.MultipartUpload;
import com.endpointstudio.core.task.CancelToken;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream whose bytes go up as the parts of a multipart upload: each full part is sent on one of
 * {@code parallel} threads while the writer goes on filling the next. The writer waits when every
 * buffer is on its way, so memory stays at {@code 2 × parallel × partSize} whatever the size.
 * The upload itself may not be known yet (its key can depend on a digest still being computed, the
 * client may still be loading): parts wait for it, and the spare buffers let compression go on
 * meanwhile.
 */
final class PartUploader extends OutputStream {

    /** S3's smallest part but the last is 5 MiB; larger parts mean fewer requests. */
    static final int MIN_PART = 8 * 1024 * 1024;
    /** S3's most parts per upload, with room to spare for an archive a little larger than its inputs. */
    private static final int MAX_PARTS = 9_000;

    private final CompletableFuture<MultipartUpload> upload;
    private final int partSize;
    private final CancelToken cancel;
    private final ExecutorService senders;
    private final ArrayBlockingQueue<byte[]> free;
    private final ArrayDeque<Future<?>> inFlight = new ArrayDeque<>();
    private final AtomicInteger buffers = new AtomicInteger();
    private final int maxBuffers;
    private byte[] part;
    private int filled;
    private int number;
    private boolean finished;

    PartUploader(CompletableFuture<MultipartUpload> upload, int partSize, int parallel, CancelToken cancel) {
        this.upload = upload;
        this.partSize = partSize;
        this.cancel = cancel;
        this.maxBuffers = 2 * parallel;
        this.free = new ArrayBlockingQueue<>(maxBuffers);
        AtomicInteger count = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(parallel, task -> {
            Thread thread = new Thread(task, "upload-part-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The part size for about {@code inputBytes} of archive: 8 MiB, or more when that would make too many parts. */
    static int partSizeFor(long inputBytes) {
        long needed = (inputBytes + inputBytes / 50 + (1 << 20)) / MAX_PARTS + 1;
        long mib = 1 << 20;
        return (int) Math.min(Integer.MAX_VALUE - mib, Math.max(MIN_PART, (needed + mib - 1) / mib * mib));
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            if (part == null) {
                part = buffer();
            }
            int n = Math.min(length, partSize - filled);
            System.arraycopy(bytes, offset, part, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == partSize) {
                send();
            }
        }
    }

    /** Sends the last part, waits for every part and completes the upload. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (filled > 0 || number == 0) {
            if (part == null) {
                part = buffer();
            }
            send();
        }
        while (!inFlight.isEmpty()) {
            await(inFlight.poll());
        }
        senders.shutdown();
        started().complete();
    }

    /** Stops: parts not yet sent are dropped and those sent are discarded by aborting the upload. */
    void abandon() {
        finished = true;
        inFlight.forEach(f -> f.cancel(true));
        senders.shutdownNow();
        // S3 may keep a part that was still arriving when its upload was aborted (AbortMultipartUpload: "it
        // might be necessary to abort a given multipart upload multiple times"): let the parts in flight end
        // (a cancelled one is cut short by its token) before the abort
        boolean interrupted = Thread.interrupted(); // a cancelled job's: wait all the same
        try {
            senders.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        // cancelled before it started: whoever starts it later finds this and aborts it; started (even
        // between a check and the cancel): aborted here
        if (!upload.cancel(false) && !upload.isCompletedExceptionally()) {
            upload.join().abort();
        }
    }

    private void send() throws IOException {
        byte[] bytes = part;
        int length = filled;
        int partNumber = ++number;
        inFlight.add(senders.submit(() -> {
            try (CancelToken.Scope scope = cancel.enter()) {
                started().uploadPart(partNumber, bytes, length);
            } finally {
                free.add(bytes);
            }
            return null;
        }));
        part = null;
        filled = 0;
        while (!inFlight.isEmpty() && inFlight.peek().isDone()) {
            await(inFlight.poll()); // a failed part stops the writer at once
        }
    }

    /** A free buffer; a new one while fewer than {@code 2 × parallel} exist, else the next one a sender gives back. */
    private byte[] buffer() throws IOException {
        byte[] buffer = free.poll();
        if (buffer != null) {
            return buffer;
        }
        if (buffers.incrementAndGet() <= maxBuffers) {
            return new byte[partSize];
        }
        while (true) {
            if (!inFlight.isEmpty() && inFlight.peek().isDone()) {
                await(inFlight.poll());
            }
            try {
                buffer = free.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while uploading");
            }
            if (buffer != null) {
                return buffer;
            }
            cancel.throwIfCancelled();
        }
    }

    private MultipartUpload started() {
        try {
            return upload.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while uploading");
        } catch (CancellationException e) {
            throw e;
        } catch (ExecutionException e) {
            throw unchecked(e.getCause());
        }
    }

    private static void await(Future<?> part) throws IOException {
        try {
            part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading");
        } catch (ExecutionException e) {
            throw unchecked(e.getCause());
        }
    }

    private static RuntimeException unchecked(Throwable cause) {
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }
}
