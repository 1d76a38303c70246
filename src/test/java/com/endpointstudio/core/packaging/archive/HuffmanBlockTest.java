package com.endpointstudio.core.packaging.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** Huffman-only blocks inflate to the bytes coded, whatever their distribution, and are as small as zlib's. */
class HuffmanBlockTest {

    @Test
    void blocksOfAnyDistributionInflateToTheirBytes() throws Exception {
        Random random = new Random(7);
        byte[][] blocks = {
            floats(random, 128 * 1024),
            text(random, 100_000),
            skewed(200_000), // counts growing like Fibonacci's: an unlimited code would need over 15 bits
            new byte[] {42},
            filled((byte) 9, 5000),
            randomBytes(random, 70_000),
        };
        for (byte[] block : blocks) {
            for (boolean last : new boolean[] {false, true}) {
                HuffmanBlock huffman = HuffmanBlock.of(block, block.length);
                byte[] out = new byte[huffman.bytes(last) + 16];
                int written = huffman.write(block, block.length, last, out);
                assertThat(written).isEqualTo(huffman.bytes(last));
                byte[] stream = last ? Arrays.copyOf(out, written) : finished(Arrays.copyOf(out, written));
                assertThat(inflate(stream)).as("a block of %d bytes, last=%s", block.length, last).isEqualTo(block);
            }
        }
    }

    @Test
    void codeLengthsStayWithinDeflatesLimits() {
        int[] counts = new int[257];
        long a = 1;
        long b = 1;
        for (int symbol = 0; symbol < 40; symbol++) {
            counts[symbol] = (int) Math.min(a, Integer.MAX_VALUE / 64);
            long next = a + b;
            a = b;
            b = next;
        }
        int[] lengths = HuffmanBlock.lengths(counts, 14);
        assertThat(Arrays.stream(lengths).max().orElseThrow()).isLessThanOrEqualTo(14);
        assertThat(kraft(lengths)).as("a complete code").isEqualTo(1.0);
        assertThat(HuffmanBlock.lengths(new int[19], 7)).as("at least two codes").containsOnly(1, 0)
                .matches(l -> Arrays.stream(l).sum() == 2);
    }

    @Test
    void floatWeightsCodeAsSmallAsZlibsHuffmanOnlyStrategy() {
        byte[] block = floats(new Random(3), 128 * 1024);
        java.util.zip.Deflater zlib = new java.util.zip.Deflater(1, true);
        zlib.setStrategy(java.util.zip.Deflater.HUFFMAN_ONLY);
        zlib.setInput(block);
        byte[] out = new byte[block.length * 2];
        int zlibBytes = 0;
        for (int call = 0; call < 4; call++) { // the first call may only apply the strategy
            zlibBytes += zlib.deflate(out, zlibBytes, out.length - zlibBytes, java.util.zip.Deflater.SYNC_FLUSH);
        }
        int ours = HuffmanBlock.of(block, block.length).bytes(false);
        assertThat(ours).isLessThanOrEqualTo(zlibBytes).isLessThan(block.length * 95 / 100);
    }

    private static double kraft(int[] lengths) {
        return Arrays.stream(lengths).filter(l -> l > 0).mapToDouble(l -> Math.pow(2, -l)).sum();
    }

    /** Ends a stream cut at a sync flush with an empty final stored block. */
    private static byte[] finished(byte[] flushed) {
        byte[] stream = Arrays.copyOf(flushed, flushed.length + 5);
        System.arraycopy(new byte[] {1, 0, 0, (byte) 0xff, (byte) 0xff}, 0, stream, flushed.length, 5);
        return stream;
    }

    private static byte[] inflate(byte[] stream) throws Exception {
        Inflater inflater = new Inflater(true);
        inflater.setInput(stream);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                throw new AssertionError("the stream ended before its final block");
            }
            out.write(buffer, 0, n);
        }
        assertThat(inflater.getRemaining()).as("nothing after the final block").isZero();
        return out.toByteArray();
    }

    private static byte[] floats(Random random, int size) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        while (buffer.remaining() >= 4) {
            buffer.putFloat((float) (random.nextGaussian() * 0.02));
        }
        return buffer.array();
    }

    private static byte[] text(Random random, int size) {
        String words = "the model serves predictions from an endpoint on sagemaker ";
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) words.charAt(random.nextInt(words.length()));
        }
        return bytes;
    }

    private static byte[] skewed(int size) {
        byte[] bytes = new byte[size];
        int position = 0;
        long a = 1;
        long b = 2;
        for (int symbol = 0; symbol < 26 && position < size; symbol++) {
            for (long n = 0; n < a && position < size; n++) {
                bytes[position++] = (byte) symbol;
            }
            long next = a + b;
            a = b;
            b = next;
        }
        Arrays.fill(bytes, position, size, (byte) 200);
        return bytes;
    }

    private static byte[] filled(byte value, int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, value);
        return bytes;
    }

    private static byte[] randomBytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }
}
