package com.endpointstudio.core.transform;

import com.endpointstudio.core.transform.RecordProcessing.RecordFailure;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/** One file in flight: its answers written in order into a partial output, renamed when all succeeded. */
final class FileWork {

    private final TransformAgent.InputFile file;
    private final Path output;
    private final Path partial;
    private final RecordProcessing processing;
    private final Tally tally;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private volatile String failure;
    private OutputStream out;
    private long records;

    FileWork(TransformAgent.InputFile file, Path output, RecordProcessing processing, Tally tally) {
        this.file = file;
        this.output = output;
        this.partial = output.resolveSibling("." + output.getFileName() + ".partial");
        this.processing = processing;
        this.tally = tally;
    }

    TransformAgent.InputFile file() {
        return file;
    }

    boolean failed() {
        return failure != null;
    }

    void fail(String why) {
        if (failure == null) {
            failure = why;
        }
    }

    /** Writes the call's answer once it and every earlier one are in. */
    void chain(CompletableFuture<Object> call, Batcher.MiniBatch batch, Semaphore inFlight) {
        tail = tail.thenCombine(call, (previous, outcome) -> {
            write(batch, outcome);
            return (Void) null;
        }).whenComplete((ignored, error) -> {
            inFlight.release();
            if (error != null) {
                fail(String.valueOf(error.getMessage()));
            }
        });
    }

    private void write(Batcher.MiniBatch batch, Object outcome) {
        if (failed()) {
            return;
        }
        if (outcome instanceof String why) {
            fail(why);
            return;
        }
        try {
            byte[] bytes = processing.output(batch.records(), (byte[]) outcome);
            if (out == null) {
                Files.createDirectories(output.getParent());
                out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
            }
            out.write(bytes);
            records += batch.count();
            tally.written(batch.count(), file, batch.filePosition());
        } catch (RecordFailure e) {
            fail(e.getMessage());
        } catch (IOException e) {
            fail("its output could not be written: " + e.getMessage());
        }
    }

    /** Once its last mini-batch is written (or the file failed), closes and publishes the output. */
    void finish() {
        tail.whenComplete((ignored, error) -> {
            try {
                if (error != null) {
                    fail(String.valueOf(error.getMessage()));
                }
                publish();
            } finally {
                done.complete(null);
            }
        });
    }

    private void publish() {
        try {
            if (out != null) {
                out.close();
            }
            if (!failed()) {
                Files.createDirectories(output.getParent());
                if (out == null) {
                    Files.write(partial, new byte[0]); // a file without records has an empty output
                }
                Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            fail("its output could not be written: " + e.getMessage());
        } finally {
            deletePartial();
            tally.fileDone(failed());
        }
    }

    private void deletePartial() {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // a hidden partial file stays; the next run replaces it
        }
    }

    TransformAgent.FileResult result(boolean cancelled) {
        if (!done.isDone()) {
            // cancelled before its answers came in: nothing of it is published
            try {
                if (out != null) {
                    out.close();
                }
            } catch (IOException ignored) {
                // the partial file is deleted below
            }
            deletePartial();
        }
        String why = failure != null ? failure : done.isDone() ? null : "cancelled";
        return new TransformAgent.FileResult(file.name(), why == null ? output : null, records,
                why == null && cancelled && !Files.exists(output) ? "cancelled" : why);
    }
}
