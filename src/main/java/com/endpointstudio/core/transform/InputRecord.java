package com.endpointstudio.core.transform;

/**
 * One record of an input file, as the split type cuts it.
 *
 * @param raw     the record's bytes as they are in the file (a line with its newline; a RecordIO or
 *                TFRecord record with its framing and padding)
 * @param payload the record's data alone: what a SingleRecord request of a binary format carries
 * @param number  its position in the file, from 1
 */
public record InputRecord(byte[] raw, byte[] payload, long number) {

    /** A text record: its bytes are its data. */
    static InputRecord text(byte[] bytes, long number) {
        return new InputRecord(bytes, bytes, number);
    }
}
