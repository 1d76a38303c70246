package com.endpointstudio.core.packaging.archive;

/**
 * Which blocks are not worth compressing: those deflate shrinks by less than 3 %. Stored, they cost
 * a copy to write and to unpack, and the archive is at most a few bytes per 64 KiB larger.
 *
 * <p>Huffman coding alone can't beat a block's byte entropy, so for the fast level the entropy
 * decides before any coding is tried: random-looking bytes (quantized or already-compressed
 * weights) are stored at the speed of a copy. The entropy is taken per 16 KiB, about the span of
 * one Huffman table of zlib at its default memory level, so a block whose halves differ is judged
 * as the coder would see it.
 */
final class Incompressible {

    /** A block is kept compressed only if it saves at least this share of its size. */
    static final double MIN_SAVING = 0.03;
    private static final int SPAN = 16 * 1024;

    private Incompressible() {
    }

    /** True when coding gave {@code coded} bytes for {@code size}: less than 3 % saved. */
    static boolean bySize(int coded, int size) {
        return coded > size * (1 - MIN_SAVING);
    }

    /** True when no Huffman code can shrink the block by 3 %: its byte entropy is above 97 % of 8 bits. */
    static boolean byEntropy(byte[] data, int size) {
        if (size < SPAN) {
            return false; // too short for the estimate to mean much; coding it costs nothing
        }
        int[] counts = new int[256];
        double bits = 0;
        for (int start = 0; start < size; start += SPAN) {
            int end = Math.min(size, start + SPAN);
            java.util.Arrays.fill(counts, 0);
            for (int i = start; i < end; i++) {
                counts[data[i] & 0xff]++;
            }
            bits += entropyBits(counts, end - start);
        }
        return bits / 8 > size * (1 - MIN_SAVING);
    }

    /** Shannon's bound for a byte histogram: the fewest bits any code of single bytes needs. */
    private static double entropyBits(int[] counts, int n) {
        double sum = 0;
        for (int count : counts) {
            if (count > 0) {
                sum += count * Math.log(count);
            }
        }
        return (n * Math.log(n) - sum) / Math.log(2);
    }
}
