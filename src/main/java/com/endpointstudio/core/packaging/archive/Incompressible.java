package com.endpointstudio.core.packaging.archive;

/**
 * Which blocks are not worth compressing: those deflate shrinks by less than 3 %. Stored, they cost
 * a copy to write and to unpack, and the archive is at most a few bytes per 64 KiB larger. For the
 * fast level the Huffman code's size is known from the byte counts before any coding
 * ({@link HuffmanBlock}), so random-looking bytes (quantized or already-compressed weights) are stored
 * at the speed of a count and a copy.
 */
final class Incompressible {

    /** A block is kept compressed only if it saves at least this share of its size. */
    static final double MIN_SAVING = 0.03;

    private Incompressible() {
    }

    /** True when coding gave {@code coded} bytes for {@code size}: less than 3 % saved. */
    static boolean bySize(int coded, int size) {
        return coded > size * (1 - MIN_SAVING);
    }
}
