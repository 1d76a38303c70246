package com.endpointstudio.core.packaging.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream compressed on several threads, in the manner of pigz: the input is cut into
 * fixed-size blocks, each block is deflated on its own with the previous 32 KiB as its
 * dictionary and ends on a sync flush, and the pieces are written in order as one gzip member.
 * Because the blocks do not depend on the thread count, neither do the bytes. A block that deflate
 * would shrink by less than 3 % is stored as it is ({@link Incompressible}): weights that don't
 * compress go at the speed of a copy, and unpack as fast. At most
 * {@code 2 × threads} blocks are in flight, so memory stays flat whatever the input size.
 */
final class ParallelGzipOutputStream extends OutputStream {

    static final int BLOCK = 128 * 1024;
    private static final int DICTIONARY = 32 * 1024;
    private static final int STORED_MAX = 65_535;
    private static final byte[] HEADER = {
        0x1f, (byte) 0x8b, 8, 0, // magic, deflate, no flags (no name, no time)
        0, 0, 0, 0,              // mtime 0: builds don't depend on the clock
        0, (byte) 0xff           // no extra flags, OS unknown
    };

    private final OutputStream out;
    private final ExecutorService pool;
    private final int level;
    private final int maxInFlight;
    private final ArrayDeque<Future<Compressed>> inFlight = new ArrayDeque<>();
    /** Recycled buffers: with a fixed number of them, the build allocates nothing per block. */
    private final ArrayBlockingQueue<byte[]> inputs;
    private final ArrayBlockingQueue<byte[]> dictionaries;
    private final ArrayBlockingQueue<byte[]> outputs;
    private final CRC32 crc = new CRC32();
    private final boolean adaptive;
    private final ThreadLocal<Deflater> deflaters;
    private byte[] block;
    private int filled;
    private boolean hasDictionary;
    private final byte[] tail = new byte[DICTIONARY];
    private long length;
    private boolean closed;

    /**
     * @param adaptive when true, each block is coded with Huffman codes alone ({@link HuffmanBlock}:
     *                 no string matching), which is several times faster and loses little on float
     *                 weights; a block that Huffman coding would halve is redundant enough to be worth
     *                 string matching, and is compressed at {@code level} instead. The choice depends
     *                 only on the block's bytes, so the output stays deterministic.
     */
    ParallelGzipOutputStream(OutputStream out, ExecutorService pool, int threads, int level, boolean adaptive)
            throws IOException {
        this.out = out;
        this.pool = pool;
        this.level = level;
        this.maxInFlight = Math.max(2, 2 * threads);
        this.adaptive = adaptive;
        this.deflaters = ThreadLocal.withInitial(() -> new Deflater(level, true));
        this.inputs = pool(maxInFlight + 1, BLOCK);
        this.dictionaries = pool(maxInFlight + 1, DICTIONARY);
        this.outputs = pool(maxInFlight + 1, BLOCK + BLOCK / 8 + 256);
        this.block = inputs.poll();
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

    private static ArrayBlockingQueue<byte[]> pool(int count, int size) {
        ArrayBlockingQueue<byte[]> buffers = new ArrayBlockingQueue<>(count);
        for (int i = 0; i < count; i++) {
            buffers.add(new byte[size]);
        }
        return buffers;
    }

    /** A compressed block, in a pooled buffer that goes back to the pool once written. */
    record Compressed(byte[] buffer, int length) {
    }

    private void submit(boolean last) throws IOException {
        byte[] input = block;
        int size = filled;
        byte[] dictionary = hasDictionary ? take(dictionaries) : null;
        if (dictionary != null) {
            System.arraycopy(tail, 0, dictionary, 0, DICTIONARY);
        }
        hasDictionary = size >= DICTIONARY;
        if (hasDictionary) {
            System.arraycopy(input, size - DICTIONARY, tail, 0, DICTIONARY);
        }
        inFlight.add(pool.submit(() -> {
            try {
                return deflate(input, size, dictionary, last);
            } finally {
                inputs.add(input);
                if (dictionary != null) {
                    dictionaries.add(dictionary);
                }
            }
        }));
        filled = 0;
        while (inFlight.size() >= maxInFlight) {
            drainOne();
        }
        block = last ? null : take(inputs);
    }

    private static byte[] take(ArrayBlockingQueue<byte[]> buffers) throws IOException {
        try {
            return buffers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        }
    }

    private Compressed deflate(byte[] input, int size, byte[] dictionary, boolean last) {
        byte[] result = outputs.poll();
        if (result == null) {
            result = new byte[BLOCK + BLOCK / 8 + 256];
        }
        if (level == 0) {
            return store(input, size, last, result);
        }
        if (adaptive) {
            HuffmanBlock huffman = HuffmanBlock.of(input, size);
            int coded = huffman.bytes(last);
            if (coded * 2L >= size) {
                return Incompressible.bySize(coded, size) ? store(input, size, last, result)
                        : new Compressed(result, huffman.write(input, size, last, result));
            }
        }
        Compressed coded = deflate(deflaters.get(), input, size, dictionary, last, result);
        return Incompressible.bySize(coded.length(), size) ? store(input, size, last, coded.buffer()) : coded;
    }

    /**
     * The block as stored deflate blocks (RFC 1951 §3.2.4: a byte-aligned header, LEN and its
     * complement, the bytes as they are). The previous block ended on a byte boundary, so none is
     * needed before, and this one ends on one too.
     */
    static Compressed store(byte[] input, int size, boolean last, byte[] buffer) {
        int blocks = Math.max(1, (size + STORED_MAX - 1) / STORED_MAX);
        byte[] result = buffer.length >= size + 5 * blocks ? buffer : new byte[size + 5 * blocks];
        int written = 0;
        int offset = 0;
        for (int i = 0; i < blocks; i++) {
            int n = Math.min(STORED_MAX, size - offset);
            result[written++] = (byte) (last && i == blocks - 1 ? 1 : 0); // BFINAL, BTYPE 00
            result[written++] = (byte) n;
            result[written++] = (byte) (n >>> 8);
            result[written++] = (byte) ~n;
            result[written++] = (byte) (~n >>> 8);
            System.arraycopy(input, offset, result, written, n);
            written += n;
            offset += n;
        }
        return new Compressed(result, written);
    }

    private static Compressed deflate(Deflater deflater, byte[] input, int size, byte[] dictionary, boolean last,
                                      byte[] buffer) {
        byte[] result = buffer;
        deflater.reset();
        if (dictionary != null) {
            deflater.setDictionary(dictionary);
        }
        deflater.setInput(input, 0, size);
        if (last) {
            deflater.finish();
        }
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
        return new Compressed(result, written);
    }

    private void drainOne() throws IOException {
        try {
            Compressed compressed = inFlight.poll().get();
            out.write(compressed.buffer(), 0, compressed.length());
            if (compressed.buffer().length == BLOCK + BLOCK / 8 + 256) {
                outputs.offer(compressed.buffer());
            }
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
