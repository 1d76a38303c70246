package com.endpointstudio.core.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * How the console shows and checks bodies: what kind a body is, JSON formatted or its syntax
 * error, CSV as rows, anything else as a hex dump.
 */
public final class Payloads {

    /** The content types the console offers, most used first. */
    public static final List<String> CONTENT_TYPES = List.of("application/json", "text/csv", "application/jsonlines",
            "application/x-npy", "image/jpeg", "image/png", "application/x-image", "application/octet-stream",
            "text/plain");

    public enum Kind { JSON, CSV, IMAGE, TEXT, BINARY }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int MAX_TABLE_ROWS = 10_000;

    private Payloads() {
    }

    /** The kind by content type, then by looking at the bytes (servers often send JSON as text/plain). */
    public static Kind kind(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (type.startsWith("image/") || type.equals("application/x-image")) {
            return Kind.IMAGE;
        }
        if (type.equals("text/csv")) {
            return Kind.CSV;
        }
        if (!isText(body)) {
            return Kind.BINARY;
        }
        if (type.contains("json") || prettyJson(body).isPresent()) {
            return Kind.JSON;
        }
        return Kind.TEXT;
    }

    public static boolean isText(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            return text.chars().noneMatch(c -> c < 0x09 || (c > 0x0d && c < 0x20));
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The JSON formatted with indentation, or empty when the body isn't JSON. */
    public static Optional<String> prettyJson(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(JSON.writeValueAsString(node));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Why the text is not JSON, with line and column; empty when it is. */
    public static Optional<String> jsonProblem(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null || node.isMissingNode() ? Optional.of("the body is empty") : Optional.empty();
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column "
                    + location.getColumnNr();
            return Optional.of(e.getOriginalMessage() + where);
        }
    }

    /** CSV rows (at most 10,000), each a list of cells. */
    public static List<List<String>> csvRows(byte[] body) {
        List<List<String>> rows = new ArrayList<>();
        try (var parser = CSVFormat.DEFAULT.parse(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            for (CSVRecord record : parser) {
                if (rows.size() >= MAX_TABLE_ROWS) {
                    break;
                }
                rows.add(record.toList());
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            rows.add(List.of("not CSV: " + e.getMessage()));
        }
        return rows;
    }

    /** Offset, 16 bytes in hex and their printable characters per line, up to {@code maxBytes}. */
    public static String hexDump(byte[] body, int maxBytes) {
        StringBuilder out = new StringBuilder();
        int shown = Math.min(body.length, maxBytes);
        for (int line = 0; line < shown; line += 16) {
            out.append(String.format("%08x  ", line));
            StringBuilder ascii = new StringBuilder();
            for (int i = line; i < line + 16; i++) {
                if (i < shown) {
                    int b = body[i] & 0xff;
                    out.append(String.format("%02x ", b));
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    out.append("   ");
                }
                if (i == line + 7) {
                    out.append(' ');
                }
            }
            out.append(" |").append(ascii).append("|\n");
        }
        if (body.length > shown) {
            out.append(String.format("… %,d more bytes%n", body.length - shown));
        }
        return out.toString();
    }

    /** "1,234 bytes", "2.5 MiB". */
    public static String size(long bytes) {
        if (bytes < 10 * 1024) {
            return String.format("%,d bytes", bytes);
        }
        return bytes < 1024 * 1024 ? String.format("%.1f KiB", bytes / 1024.0) : String.format("%.1f MiB",
                bytes / (1024.0 * 1024));
    }

    /** A content type guessed from a dropped file's name. */
    public static String contentTypeOf(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".jsonl")) {
            return "application/jsonlines";
        }
        if (name.endsWith(".csv")) {
            return "text/csv";
        }
        if (name.endsWith(".npy")) {
            return "application/x-npy";
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".txt")) {
            return "text/plain";
        }
        return "application/octet-stream";
    }
}
