package com.endpointstudio.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records as each SplitType cuts them: lines with their newline, RecordIO and TFRecord frames. */
class RecordSplitterTest {

    private static List<InputRecord> split(String type, byte[] bytes) throws IOException {
        RecordSplitter splitter = RecordSplitter.of(type, new ByteArrayInputStream(bytes));
        List<InputRecord> records = new ArrayList<>();
        InputRecord record;
        while ((record = splitter.next()) != null) {
            records.add(record);
        }
        return records;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void linesKeepTheirNewlineAndALastLineWithoutOneIsStillARecord() throws IOException {
        List<InputRecord> records = split("Line", "1,2\n3,4\r\n5,6".getBytes(StandardCharsets.UTF_8));
        assertThat(records).extracting(r -> text(r.raw())).containsExactly("1,2\n", "3,4\r\n", "5,6");
        assertThat(records).extracting(InputRecord::number).containsExactly(1L, 2L, 3L);
        String longLine = "x".repeat(200_000) + "\n";
        assertThat(split("Line", (longLine + "y\n").getBytes(StandardCharsets.UTF_8))).extracting(r -> r.raw().length)
                .containsExactly(200_001, 2);
    }

    @Test
    void withoutSplittingTheWholeFileIsOneRecord() throws IOException {
        assertThat(split("None", "a\nb\n".getBytes(StandardCharsets.UTF_8))).singleElement()
                .satisfies(r -> assertThat(text(r.raw())).isEqualTo("a\nb\n"));
        assertThat(split(null, new byte[0])).singleElement().satisfies(r -> assertThat(r.raw()).isEmpty());
    }

    @Test
    void recordIoRecordsKeepTheirFramingAndGiveTheirDataAlone() throws IOException {
        byte[] file = concat(recordIo("abcde"), recordIo("xy"));
        List<InputRecord> records = split("RecordIO", file);
        assertThat(records).extracting(r -> text(r.payload())).containsExactly("abcde", "xy");
        assertThat(records.get(0).raw()).hasSize(8 + 8); // 5 bytes of data padded to 8
        assertThat(concat(records.get(0).raw(), records.get(1).raw())).isEqualTo(file);
        file[0] = 0;
        assertThatThrownBy(() -> split("RecordIO", file)).isInstanceOf(RecordSplitter.BadRecord.class)
                .hasMessageContaining("record 1 does not start with the RecordIO magic number");
    }

    @Test
    void tfRecordsAreCheckedAgainstTheirCrcs() throws IOException {
        byte[] file = concat(tfRecord("first"), tfRecord("second"));
        List<InputRecord> records = split("TFRecord", file);
        assertThat(records).extracting(r -> text(r.payload())).containsExactly("first", "second");
        assertThat(concat(records.get(0).raw(), records.get(1).raw())).isEqualTo(file);
        file[file.length - 6] ^= 1; // a bit of the second record's data
        assertThatThrownBy(() -> split("TFRecord", file)).hasMessageContaining("TFRecord record 2 is corrupt");
        assertThatThrownBy(() -> split("TFRecord", java.util.Arrays.copyOf(tfRecord("x"), 10)))
                .hasMessageContaining("cut short");
    }

    static byte[] recordIo(String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        int padding = (4 - bytes.length % 4) % 4;
        ByteBuffer buffer = ByteBuffer.allocate(8 + bytes.length + padding).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(0xced7230a).putInt(bytes.length).put(bytes);
        return buffer.array();
    }

    static byte[] tfRecord(String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(bytes.length).array();
        return ByteBuffer.allocate(16 + bytes.length).order(ByteOrder.LITTLE_ENDIAN).put(length)
                .putInt(RecordSplitter.tfRecordCrc(length)).put(bytes).putInt(RecordSplitter.tfRecordCrc(bytes)).array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
