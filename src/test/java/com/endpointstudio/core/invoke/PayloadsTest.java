package com.endpointstudio.core.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bodiesAreRecognisedByTypeAndByTheirBytes() {
        assertThat(Payloads.kind("application/json", utf8("{\"a\": 1}"))).isEqualTo(Payloads.Kind.JSON);
        assertThat(Payloads.kind("text/plain", utf8("[1, 2]"))).isEqualTo(Payloads.Kind.JSON);
        assertThat(Payloads.kind("text/csv; charset=utf-8", utf8("1,2\n3,4"))).isEqualTo(Payloads.Kind.CSV);
        assertThat(Payloads.kind("image/png", new byte[] {(byte) 0x89, 'P'})).isEqualTo(Payloads.Kind.IMAGE);
        assertThat(Payloads.kind("application/x-npy", new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}))
                .isEqualTo(Payloads.Kind.BINARY);
        assertThat(Payloads.kind(null, utf8("hello"))).isEqualTo(Payloads.Kind.TEXT);
    }

    @Test
    void jsonIsFormattedOrItsErrorLocated() {
        assertThat(Payloads.prettyJson(utf8("{\"predictions\":[235.9]}"))).hasValue(
                "{\n  \"predictions\" : [ 235.9 ]\n}");
        assertThat(Payloads.jsonProblem("{\"a\": 1,\n \"b\": }")).hasValueSatisfying(problem ->
                assertThat(problem).contains("line 2"));
        assertThat(Payloads.jsonProblem("[1]")).isEmpty();
    }

    @Test
    void csvBecomesRowsAndBinaryAHexDump() {
        assertThat(Payloads.csvRows(utf8("label,score\n\"cat, small\",0.9\n"))).containsExactly(
                List.of("label", "score"), List.of("cat, small", "0.9"));
        String dump = Payloads.hexDump(new byte[] {0x00, 0x41, 0x42, (byte) 0xff}, 1024);
        assertThat(dump).startsWith("00000000  00 41 42 ff").contains("|.AB.|");
        assertThat(Payloads.hexDump(new byte[100], 32)).contains("… 68 more bytes");
    }
}
