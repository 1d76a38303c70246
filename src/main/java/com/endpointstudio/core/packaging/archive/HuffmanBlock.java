package com.endpointstudio.core.packaging.archive;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A block coded with Huffman codes alone: one dynamic deflate block (RFC 1951 §3.2.7) whose code is
 * made from the block's own byte counts — what zlib's {@code Z_HUFFMAN_ONLY} strategy writes, without
 * its string-matching machinery, several times faster. The coded size is known from the counts before
 * a bit is written, so the caller chooses between this, storing and string matching first.
 *
 * <p>zlib starts a new block, and a new code, every 16 Ki symbols; one code per block here costs a
 * little on bytes whose statistics change inside the block, and saves headers on those that don't
 * (float weights).
 */
final class HuffmanBlock {

    private static final int END_OF_BLOCK = 256;
    private static final int LITERALS = 257;
    /** Deflate allows 15; 14 lets the coder put four codes between stores, and costs nothing measurable. */
    private static final int MAX_BITS = 14;
    /** What the coder may write past its end: a whole 8-byte store. */
    static final int SLACK = 8;
    private static final int MAX_CODE_LENGTH_BITS = 7;
    /** The order in which the code-length code's lengths are sent (RFC 1951 §3.2.7). */
    private static final int[] ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    /** Two distance codes of one bit, never used: what zlib sends for pkzip's sake (trees.c, build_tree). */
    private static final int[] DISTANCE_LENGTHS = {1, 1};
    private static final byte[] SYNC_FLUSH = {0, 0, (byte) 0xff, (byte) 0xff};
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int[] lengths;
    private final int[] codes;
    /** The code lengths, run-length coded: symbol | extra value << 8 | extra bits << 16. */
    private final int[] tokens;
    private final int[] tokenLengths;
    private final int[] tokenCodes;
    private final int codeLengthCount;
    private final long bits;

    private HuffmanBlock(int[] counts) {
        lengths = lengths(counts, MAX_BITS);
        codes = codes(lengths);
        tokens = runLengths(lengths, DISTANCE_LENGTHS);
        int[] tokenCounts = new int[19];
        for (int token : tokens) {
            tokenCounts[token & 0xff]++;
        }
        tokenLengths = lengths(tokenCounts, MAX_CODE_LENGTH_BITS);
        tokenCodes = codes(tokenLengths);
        int count = ORDER.length;
        while (count > 4 && tokenLengths[ORDER[count - 1]] == 0) {
            count--;
        }
        codeLengthCount = count;
        long total = 3 + 5 + 5 + 4 + 3L * count;
        for (int token : tokens) {
            total += tokenLengths[token & 0xff] + (token >>> 16);
        }
        for (int symbol = 0; symbol < LITERALS; symbol++) {
            total += (long) counts[symbol] * lengths[symbol];
        }
        bits = total;
    }

    /** The code for {@code size} bytes of {@code data}. */
    static HuffmanBlock of(byte[] data, int size) {
        return new HuffmanBlock(counts(data, size));
    }

    /** The byte counts, and one end-of-block: a loop of its own, which the JIT compiles small and early. */
    private static int[] counts(byte[] data, int size) {
        int[] counts = new int[LITERALS];
        for (int i = 0; i < size; i++) {
            counts[data[i] & 0xff]++;
        }
        counts[END_OF_BLOCK] = 1;
        return counts;
    }

    /** The coded size: the block, then a sync flush, or (last) the padding to a byte boundary. */
    int bytes(boolean last) {
        return last ? (int) ((bits + 7) >>> 3) : (int) ((bits + 3 + 7) >>> 3) + SYNC_FLUSH.length;
    }

    /**
     * Codes {@code data} into {@code out} from its start; returns {@link #bytes}. {@code out} has
     * {@link #SLACK} to spare.
     */
    int write(byte[] data, int size, boolean last, byte[] out) {
        if (out.length < bytes(last) + SLACK) {
            throw new IllegalArgumentException("no room for " + bytes(last) + " bytes and the slack");
        }
        Bits writer = new Bits(out);
        writer.put(last ? 1 : 0, 1);
        writer.put(2, 2); // dynamic Huffman codes
        writer.put(LITERALS - 257, 5);
        writer.put(DISTANCE_LENGTHS.length - 1, 5);
        writer.put(codeLengthCount - 4, 4);
        for (int i = 0; i < codeLengthCount; i++) {
            writer.put(tokenLengths[ORDER[i]], 3);
        }
        for (int token : tokens) {
            int symbol = token & 0xff;
            writer.put(tokenCodes[symbol], tokenLengths[symbol]);
            writer.put((token >>> 8) & 0xff, token >>> 16);
        }
        writer.symbols(data, size, codes, lengths);
        writer.put(codes[END_OF_BLOCK], lengths[END_OF_BLOCK]);
        if (!last) {
            writer.put(0, 3); // an empty stored block: zlib's Z_SYNC_FLUSH
        }
        int end = writer.align();
        if (!last) {
            System.arraycopy(SYNC_FLUSH, 0, out, end, SYNC_FLUSH.length);
            end += SYNC_FLUSH.length;
        }
        return end;
    }

    /**
     * Huffman code lengths of at most {@code maxBits} for the symbols counted. Should a code come out
     * longer, the counts are halved (a used symbol stays used) until it fits: rare, and it costs a
     * fraction of a percent. At least two symbols get a code, as inflaters expect a complete code.
     */
    static int[] lengths(int[] counts, int maxBits) {
        int[] weights = counts.clone();
        int used = 0;
        for (int weight : weights) {
            used += weight > 0 ? 1 : 0;
        }
        for (int symbol = 0; used < 2; symbol++) {
            if (weights[symbol] == 0) {
                weights[symbol] = 1;
                used++;
            }
        }
        while (true) {
            int[] lengths = unlimited(weights, used);
            int longest = 0;
            for (int length : lengths) {
                longest = Math.max(longest, length);
            }
            if (longest <= maxBits) {
                return lengths;
            }
            for (int symbol = 0; symbol < weights.length; symbol++) {
                weights[symbol] = (weights[symbol] + 1) >>> 1;
            }
        }
    }

    /** Huffman's algorithm with two queues: leaves sorted by weight, inner nodes made in weight order. */
    private static int[] unlimited(int[] weights, int used) {
        long[] sorted = new long[used];
        int n = 0;
        for (int symbol = 0; symbol < weights.length; symbol++) {
            if (weights[symbol] > 0) {
                sorted[n++] = (long) weights[symbol] << 32 | symbol; // ties by symbol: the same code every time
            }
        }
        sort(sorted);
        long[] weight = new long[2 * used - 1];
        int[] parent = new int[2 * used - 1];
        for (int i = 0; i < used; i++) {
            weight[i] = sorted[i] >>> 32;
        }
        int leaf = 0;
        int inner = used;
        for (int next = used; next < weight.length; next++) {
            for (int child = 0; child < 2; child++) {
                boolean takeLeaf = leaf < used && (inner >= next || weight[leaf] <= weight[inner]);
                int node = takeLeaf ? leaf++ : inner++;
                weight[next] += weight[node];
                parent[node] = next;
            }
        }
        int[] depth = new int[weight.length];
        for (int node = weight.length - 2; node >= 0; node--) {
            depth[node] = depth[parent[node]] + 1;
        }
        int[] lengths = new int[weights.length];
        for (int i = 0; i < used; i++) {
            lengths[(int) sorted[i]] = depth[i];
        }
        return lengths;
    }

    /** Shell sort (Ciura's gaps): a few hundred values, sorted without pulling in a general-purpose sort. */
    private static void sort(long[] values) {
        for (int gap : new int[] {132, 57, 23, 10, 4, 1}) {
            for (int i = gap; i < values.length; i++) {
                long value = values[i];
                int j = i;
                for (; j >= gap && values[j - gap] > value; j -= gap) {
                    values[j] = values[j - gap];
                }
                values[j] = value;
            }
        }
    }

    /** Canonical codes (RFC 1951 §3.2.2), bit-reversed: deflate sends a code's first bit first. */
    private static int[] codes(int[] lengths) {
        int[] perLength = new int[MAX_BITS + 2];
        for (int length : lengths) {
            perLength[length]++;
        }
        perLength[0] = 0;
        int[] next = new int[MAX_BITS + 2];
        int code = 0;
        for (int length = 1; length <= MAX_BITS + 1; length++) {
            code = (code + perLength[length - 1]) << 1;
            next[length] = code;
        }
        int[] codes = new int[lengths.length];
        for (int symbol = 0; symbol < lengths.length; symbol++) {
            int length = lengths[symbol];
            if (length > 0) {
                codes[symbol] = Integer.reverse(next[length]++) >>> (32 - length);
            }
        }
        return codes;
    }

    /** The literal and distance code lengths with repeats and zero runs coded (RFC 1951 §3.2.7, codes 16–18). */
    private static int[] runLengths(int[] literalLengths, int[] distanceLengths) {
        int[] tokens = new int[literalLengths.length + distanceLengths.length];
        int count = 0;
        for (int[] lengths : new int[][] {literalLengths, distanceLengths}) { // each on its own, as zlib sends them
            int i = 0;
            while (i < lengths.length) {
                int length = lengths[i];
                int run = 1;
                while (i + run < lengths.length && lengths[i + run] == length) {
                    run++;
                }
                i += run;
                if (length == 0) {
                    for (; run >= 11; run -= Math.min(run, 138)) {
                        tokens[count++] = token(18, Math.min(run, 138) - 11, 7);
                    }
                    if (run >= 3) {
                        tokens[count++] = token(17, run - 3, 3);
                        run = 0;
                    }
                } else {
                    tokens[count++] = token(length, 0, 0);
                    run--;
                    for (; run >= 3; run -= Math.min(run, 6)) {
                        tokens[count++] = token(16, Math.min(run, 6) - 3, 2);
                    }
                }
                for (; run > 0; run--) {
                    tokens[count++] = token(length, 0, 0);
                }
            }
        }
        return Arrays.copyOf(tokens, count);
    }

    private static int token(int symbol, int extra, int extraBits) {
        return symbol | extra << 8 | extraBits << 16;
    }

    /** Bits into bytes, first bit in the lowest place (RFC 1951 §3.1.1). */
    private static final class Bits {
        private final byte[] out;
        private int position;
        private long buffer;
        private int count;

        Bits(byte[] out) {
            this.out = out;
        }

        void put(int value, int bits) {
            buffer |= (long) value << count;
            count += bits;
            if (count >= 32) {
                spill();
            }
        }

        /**
         * The hot loop, four bytes at a time: with codes of at most 14 bits, four fit beside the fewer
         * than 8 bits left over, and the whole bytes are stored at once (8 bytes written, those complete
         * kept). Each byte's code and length come from one table entry.
         */
        void symbols(byte[] data, int size, int[] codes, int[] lengths) {
            long[] table = new long[256];
            for (int symbol = 0; symbol < 256; symbol++) {
                table[symbol] = codes[symbol] | (long) lengths[symbol] << 32;
            }
            spill();
            byte[] out = this.out;
            long buffer = this.buffer;
            int count = this.count;
            int position = this.position;
            int i = 0;
            for (; i + 3 < size; i += 4) {
                int four = (int) INT_LE.get(data, i);
                long a = table[four & 0xff];
                long b = table[(four >>> 8) & 0xff];
                long c = table[(four >>> 16) & 0xff];
                long d = table[four >>> 24];
                buffer |= (a & 0xffff) << count;
                count += (int) (a >>> 32);
                buffer |= (b & 0xffff) << count;
                count += (int) (b >>> 32);
                buffer |= (c & 0xffff) << count;
                count += (int) (c >>> 32);
                buffer |= (d & 0xffff) << count;
                count += (int) (d >>> 32);
                LONG_LE.set(out, position, buffer);
                int whole = count >>> 3;
                position += whole;
                buffer >>>= whole << 3;
                count &= 7;
            }
            this.buffer = buffer;
            this.count = count;
            this.position = position;
            for (; i < size; i++) {
                put(codes[data[i] & 0xff], lengths[data[i] & 0xff]);
            }
        }

        private void spill() {
            while (count >= 8) {
                out[position++] = (byte) buffer;
                buffer >>>= 8;
                count -= 8;
            }
        }

        /** Writes what is left, padded with zero bits to a byte boundary; returns the length written. */
        int align() {
            count = (count + 7) & ~7;
            spill();
            return position;
        }
    }
}
