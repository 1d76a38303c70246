package com.endpointstudio.core.transform;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Progress over every file. */
final class Tally {

    private final int files;
    private final long bytesTotal;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicLong records = new AtomicLong();
    private final java.util.Map<Path, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();
    private final Consumer<TransformAgent.Progress> progress;

    Tally(List<TransformAgent.InputFile> inputs, Consumer<TransformAgent.Progress> progress) {
        this.progress = progress;
        this.files = inputs.size();
        long total = 0;
        for (TransformAgent.InputFile file : inputs) {
            try {
                total += Files.size(file.path());
            } catch (IOException e) {
                // counted as empty; reading it fails the file
            }
        }
        this.bytesTotal = total;
    }

    void written(int count, TransformAgent.InputFile file, long position) {
        records.addAndGet(count);
        positions.put(file.path(), position);
        report();
    }

    void fileDone(boolean failedFile) {
        done.incrementAndGet();
        if (failedFile) {
            failed.incrementAndGet();
        }
        report();
    }

    private void report() {
        long bytes = positions.values().stream().mapToLong(Long::longValue).sum();
        progress.accept(new TransformAgent.Progress(files, done.get(), failed.get(), records.get(), Math.min(bytes, bytesTotal),
                bytesTotal));
    }

    /** Counts the bytes read from a file (before decompression), for progress. */
    static final class CountingInput extends FilterInputStream {
        volatile long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
