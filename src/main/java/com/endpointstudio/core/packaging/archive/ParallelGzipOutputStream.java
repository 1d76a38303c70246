package com.endpointstudio.core.packaging.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream compressed on several threads, in the manner of pigz: the input is cut into
 * fixed-size blocks, each block is deflated on its own with the previous 32 KiB as its
 * dictionary and ends on a sync flush, and the pieces are written in order as one gzip member.
 * Because the blocks do not depend on the thread count, neither do the bytes. At most
 * {@code 2 × threads} blocks are in flight, so memory stays flat whatever the input size.
 */
final class ParallelGzipOutputStream extends OutputStream {

    static final int BLOCK = 128 * 1024;
    private static final int DICTIONARY = 32 * 1024;
    private static final byte[] HEADER = {
        0x1f, (byte) 0x8b, 8, 0, // magic, deflate, no flags (no name, no time)
        0, 0, 0, 0,              // mtime 0: builds don't depend on the clock
        0, (byte) 0xff           // no extra flags, OS unknown
    };

    private final OutputStream out;
    private final ExecutorService pool;
    private final int level;
    private final int maxInFlight;
    private final ArrayDeque<Future<byte[]>> inFlight = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private final ThreadLocal<Deflater> deflaters;
    private byte[] block = new byte[BLOCK];
    private int filled;
    private byte[] previousTail;
    private long length;
    private boolean closed;

    ParallelGzipOutputStream(OutputStream out, ExecutorService pool, int threads, int level) throws IOException {
        this.out = out;
        this.pool = pool;
        this.level = level;
        this.maxInFlight = Math.max(2, 2 * threads);
        this.deflaters = ThreadLocal.withInitial(() -> new Deflater(level, true));
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int count) throws IOException {
        crc.update(data, offset, count);
        length += count;
        while (count > 0) {
            int n = Math.min(count, BLOCK - filled);
            System.arraycopy(data, offset, block, filled, n);
            filled += n;
            offset += n;
            count -= n;
            if (filled == BLOCK) {
                submit(false);
            }
        }
    }

    private void submit(boolean last) throws IOException {
        byte[] input = block;
        int size = filled;
        byte[] dictionary = previousTail;
        previousTail = size >= DICTIONARY ? Arrays.copyOfRange(input, size - DICTIONARY, size) : null;
        inFlight.add(pool.submit(() -> deflate(input, size, dictionary, last)));
        block = new byte[BLOCK];
        filled = 0;
        while (inFlight.size() >= maxInFlight) {
            drainOne();
        }
    }

    private byte[] deflate(byte[] input, int size, byte[] dictionary, boolean last) {
        Deflater deflater = deflaters.get();
        deflater.reset();
        deflater.setLevel(level);
        if (dictionary != null && level > 0) {
            deflater.setDictionary(dictionary);
        }
        deflater.setInput(input, 0, size);
        if (last) {
            deflater.finish();
        }
        byte[] result = new byte[size + size / 8 + 256];
        int written = 0;
        while (true) {
            int space = result.length - written;
            int n = deflater.deflate(result, written, space, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
            written += n;
            boolean done = last ? deflater.finished() : n < space; // spare room means the flush completed
            if (done) {
                break;
            }
            if (written == result.length) {
                result = Arrays.copyOf(result, result.length * 2);
            }
        }
        return Arrays.copyOf(result, written);
    }

    private void drainOne() throws IOException {
        try {
            out.write(inFlight.poll().get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("compression failed", e.getCause());
        }
    }

    /** Writes the last block, the CRC-32 and the length; does not close the underlying stream. */
    void finish() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        submit(true);
        while (!inFlight.isEmpty()) {
            drainOne();
        }
        int value = (int) crc.getValue();
        int size = (int) length; // ISIZE is the length modulo 2^32
        out.write(new byte[] {
            (byte) value, (byte) (value >> 8), (byte) (value >> 16), (byte) (value >> 24),
            (byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)});
        out.flush();
    }

    /** Stops without finishing: pending blocks are dropped. */
    void abandon() {
        closed = true;
        inFlight.forEach(f -> f.cancel(true));
        inFlight.clear();
    }

    @Override
    public void close() throws IOException {
        finish();
    }
}
