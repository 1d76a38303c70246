package com.endpointstudio.core.transform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Cuts an input file into records as TransformInput.SplitType says: None (the whole file is one
 * record), Line (each line with its newline, as the SageMaker Python SDK's local mode reads lines:
 * sagemaker/core/local/data.py LineSplitter), RecordIO (MXNet's framing: a 4-byte magic, a 4-byte
 * length word, the data, padding to 4 bytes) or TFRecord (an 8-byte length, its masked CRC32C, the
 * data, its masked CRC32C). A file that breaks its format fails with the record's number.
 */
public abstract class RecordSplitter {

    /** The next record, or null at the end of the file. */
    public abstract InputRecord next() throws IOException;

    public static RecordSplitter of(String splitType, InputStream in) {
        return switch (splitType == null ? TransformJobSpec.SPLIT_NONE : splitType) {
            case TransformJobSpec.SPLIT_LINE -> new Lines(in);
            case TransformJobSpec.SPLIT_RECORDIO -> new RecordIo(in);
            case TransformJobSpec.SPLIT_TFRECORD -> new TfRecord(in);
            default -> new Whole(in);
        };
    }

    /** A record SageMaker can't read; the file fails. */
    public static final class BadRecord extends IOException {
        public BadRecord(String message) {
            super(message);
        }
    }

    private static final class Whole extends RecordSplitter {
        private InputStream in;

        Whole(InputStream in) {
            this.in = in;
        }

        @Override
        public InputRecord next() throws IOException {
            if (in == null) {
                return null;
            }
            byte[] all = in.readAllBytes();
            in = null;
            return InputRecord.text(all, 1);
        }
    }

    private static final class Lines extends RecordSplitter {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int position;
        private int limit;
        private long count;

        Lines(InputStream in) {
            this.in = in;
        }

        @Override
        public InputRecord next() throws IOException {
            ByteArrayOutputStream line = null;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return line == null || line.size() == 0 ? null : InputRecord.text(line.toByteArray(), ++count);
                    }
                }
                int end = position;
                while (end < limit && buffer[end] != '\n') {
                    end++;
                }
                boolean found = end < limit;
                int upTo = found ? end + 1 : end;
                if (found && line == null) {
                    byte[] bytes = java.util.Arrays.copyOfRange(buffer, position, upTo);
                    position = upTo;
                    return InputRecord.text(bytes, ++count);
                }
                if (line == null) {
                    line = new ByteArrayOutputStream(Math.max(64, (upTo - position) * 2));
                }
                line.write(buffer, position, upTo - position);
                position = upTo;
                if (found) {
                    return InputRecord.text(line.toByteArray(), ++count);
                }
            }
        }
    }

    private static final class RecordIo extends RecordSplitter {
        /** dmlc-core include/dmlc/recordio.h: kMagic = 0xced7230a. */
        private static final int MAGIC = 0xced7230a;
        private final InputStream in;
        private long count;

        RecordIo(InputStream in) {
            this.in = in;
        }

        @Override
        public InputRecord next() throws IOException {
            byte[] header = in.readNBytes(8);
            if (header.length == 0) {
                return null;
            }
            long number = ++count;
            if (header.length < 8) {
                throw new BadRecord("RecordIO record " + number + " is cut short");
            }
            ByteBuffer words = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            if (words.getInt(0) != MAGIC) {
                throw new BadRecord("RecordIO record " + number + " does not start with the RecordIO magic number");
            }
            // the length word: the upper 3 bits flag a record split in parts, the lower 29 bits are its length
            int length = words.getInt(4) & ((1 << 29) - 1);
            byte[] data = readFully(in, length, "RecordIO record " + number);
            int padding = (4 - length % 4) % 4;
            byte[] pad = readFully(in, padding, "RecordIO record " + number);
            ByteArrayOutputStream raw = new ByteArrayOutputStream(8 + length + padding);
            raw.write(header);
            raw.write(data);
            raw.write(pad);
            return new InputRecord(raw.toByteArray(), data, number);
        }
    }

    private static final class TfRecord extends RecordSplitter {
        private final InputStream in;
        private long count;

        TfRecord(InputStream in) {
            this.in = in;
        }

        @Override
        public InputRecord next() throws IOException {
            byte[] length = in.readNBytes(8);
            if (length.length == 0) {
                return null;
            }
            long number = ++count;
            String what = "TFRecord record " + number;
            if (length.length < 8) {
                throw new BadRecord(what + " is cut short");
            }
            byte[] lengthCrc = readFully(in, 4, what);
            if (masked(length) != ByteBuffer.wrap(lengthCrc).order(ByteOrder.LITTLE_ENDIAN).getInt()) {
                throw new BadRecord(what + " has a corrupt length (its CRC does not match)");
            }
            long size = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (size < 0 || size > Integer.MAX_VALUE - 16) {
                throw new BadRecord(what + " claims " + size + " bytes");
            }
            byte[] data = readFully(in, (int) size, what);
            byte[] dataCrc = readFully(in, 4, what);
            if (masked(data) != ByteBuffer.wrap(dataCrc).order(ByteOrder.LITTLE_ENDIAN).getInt()) {
                throw new BadRecord(what + " is corrupt (its data CRC does not match)");
            }
            ByteArrayOutputStream raw = new ByteArrayOutputStream(16 + data.length);
            raw.write(length);
            raw.write(lengthCrc);
            raw.write(data);
            raw.write(dataCrc);
            return new InputRecord(raw.toByteArray(), data, number);
        }

        /** TensorFlow's masked CRC32C (tensorflow/core/lib/hash/crc32c.h, Mask). */
        static int masked(byte[] bytes) {
            CRC32C crc = new CRC32C();
            crc.update(bytes);
            int value = (int) crc.getValue();
            return ((value >>> 15) | (value << 17)) + 0xa282ead8;
        }
    }

    private static byte[] readFully(InputStream in, int length, String what) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new BadRecord(what + " is cut short");
        }
        return bytes;
    }

    /** For tests and writers of TFRecord files: the masked CRC32C TensorFlow frames records with. */
    public static int tfRecordCrc(byte[] bytes) {
        return TfRecord.masked(bytes);
    }
}
