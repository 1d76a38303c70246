package com.endpointstudio.core.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A job's DataProcessing applied to records (batch-transform-data-processing.html): the InputFilter
 * picks what of each record is sent; with JoinSource Input each record's answer is joined to the raw
 * record — a CSV row gets the answer's fields appended, a JSON object gets a {@code SageMakerOutput}
 * attribute, any other JSON value becomes {@code {"SageMakerInput": …, "SageMakerOutput": …}} — and
 * the OutputFilter picks what is written. Without data processing, answers are written as they came,
 * with a newline after each when AssembleWith is Line.
 */
final class RecordProcessing {

    enum Format { CSV, JSON, JSON_LINES, OTHER }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte NEWLINE = '\n';

    private final Format input;
    private final Format answers;
    private final boolean active;
    private final boolean join;
    private final boolean lines;
    private final JsonPathFilter inputFilter;
    private final JsonPathFilter outputFilter;

    RecordProcessing(TransformJobSpec job) {
        this.input = format(job.input().contentType());
        this.answers = format(job.output().accept());
        TransformJobSpec.DataProcessingSpec processing = job.processing();
        this.active = processing.active();
        this.join = processing.joinsInput();
        this.lines = job.output().lines();
        this.inputFilter = JsonPathFilter.parse(processing.inputFilter());
        this.outputFilter = JsonPathFilter.parse(processing.outputFilter());
    }

    /** Whether records are filtered or joined, so each mini-batch must keep its records. */
    boolean active() {
        return active;
    }

    static Format format(String mediaType) {
        String type = mediaType == null ? "" : mediaType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text/csv" -> Format.CSV;
            case "application/json" -> Format.JSON;
            case "application/jsonlines", "application/x-jsonlines" -> Format.JSON_LINES;
            default -> Format.OTHER;
        };
    }

    /** What the model gets for one record: the record (or its data alone, for one binary record), filtered. */
    byte[] request(InputRecord record, boolean single) throws RecordFailure {
        if (!active) {
            return single ? record.payload() : record.raw();
        }
        JsonNode selected = select(inputFilter, parseInput(record), record);
        String text = input == Format.CSV ? CsvRow.format(fields(selected)) : compact(selected);
        boolean line = record.raw().length > 0 && record.raw()[record.raw().length - 1] == NEWLINE;
        return (line ? text + "\n" : text).getBytes(StandardCharsets.UTF_8);
    }

    /** What goes into the output file for one mini-batch's answer. */
    byte[] output(List<InputRecord> records, byte[] answer) throws RecordFailure {
        if (!active) {
            if (lines && (answer.length == 0 || answer[answer.length - 1] != NEWLINE)) {
                byte[] ended = java.util.Arrays.copyOf(answer, answer.length + 1);
                ended[answer.length] = NEWLINE;
                return ended;
            }
            return answer;
        }
        List<String> each = split(records, new String(answer, StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream(answer.length * 2 + 64);
        for (int i = 0; i < records.size(); i++) {
            InputRecord record = records.get(i);
            JsonNode result = join ? joined(parseInput(record), each.get(i)) : answerNode(each.get(i));
            JsonNode kept = select(outputFilter, result, record);
            boolean csv = join ? input == Format.CSV : answers == Format.CSV;
            String text = csv ? CsvRow.format(fields(kept)) : compact(kept);
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            if (lines) {
                out.write(NEWLINE);
            }
        }
        return out.toByteArray();
    }

    /** One answer per record: the whole answer for one record; else a JSON array's items, or its lines. */
    private List<String> split(List<InputRecord> records, String answer) throws RecordFailure {
        if (records.size() == 1) {
            return List.of(CsvRow.stripEnd(answer));
        }
        if (answers == Format.JSON) {
            try {
                JsonNode all = JSON.readTree(answer);
                if (all != null && all.isArray() && all.size() == records.size()) {
                    List<String> items = new ArrayList<>();
                    all.forEach(item -> items.add(compact(item)));
                    return items;
                }
            } catch (JsonProcessingException e) {
                // not one JSON document: read it as lines
            }
        }
        List<String> lines = new ArrayList<>(records.size());
        for (String line : answer.split("\n", -1)) {
            lines.add(CsvRow.stripEnd(line));
        }
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.size() != records.size()) {
            throw new RecordFailure(range(records) + ": the model answered " + lines.size() + " line"
                    + (lines.size() == 1 ? "" : "s") + " for " + records.size() + " records; joining and filtering "
                    + "need one answer per record");
        }
        return lines;
    }

    private JsonNode joined(JsonNode record, String answer) {
        if (input == Format.CSV) {
            ArrayNode row = (ArrayNode) record;
            if (answers == Format.CSV) {
                CsvRow.parse(answer).forEach(row::add);
            } else {
                JsonNode value = answerNode(answer);
                if (value.isArray()) {
                    value.forEach(item -> row.add(item.isValueNode() ? item.asText() : compact(item)));
                } else {
                    row.add(value.isValueNode() ? value.asText() : compact(value));
                }
            }
            return row;
        }
        JsonNode value = answerNode(answer);
        if (record.isObject()) {
            return ((ObjectNode) record).set("SageMakerOutput", value);
        }
        ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
        wrapped.set("SageMakerInput", record);
        wrapped.set("SageMakerOutput", value);
        return wrapped;
    }

    private JsonNode answerNode(String answer) {
        if (answers == Format.CSV) {
            List<String> fields = CsvRow.parse(answer);
            if (fields.size() == 1) {
                return TextNode.valueOf(fields.get(0));
            }
            ArrayNode row = JsonNodeFactory.instance.arrayNode();
            fields.forEach(row::add);
            return row;
        }
        try {
            JsonNode value = JSON.readTree(answer);
            return value == null ? TextNode.valueOf(answer) : value;
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(answer);
        }
    }

    private JsonNode parseInput(InputRecord record) throws RecordFailure {
        String text = new String(record.raw(), StandardCharsets.UTF_8);
        if (input == Format.CSV) {
            try {
                ArrayNode row = JsonNodeFactory.instance.arrayNode();
                CsvRow.parse(text).forEach(row::add);
                return row;
            } catch (IllegalArgumentException e) {
                throw new RecordFailure("record " + record.number() + " is not a CSV row: " + e.getMessage());
            }
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null) {
                throw new RecordFailure("record " + record.number() + " is empty, not JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RecordFailure("record " + record.number() + " is not JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode select(JsonPathFilter filter, JsonNode node, InputRecord record) throws RecordFailure {
        try {
            return filter.apply(node);
        } catch (IllegalArgumentException e) {
            throw new RecordFailure("record " + record.number() + ": " + e.getMessage());
        }
    }

    private static List<String> fields(JsonNode node) {
        List<String> fields = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> fields.add(item.isValueNode() ? item.asText() : compact(item)));
        } else {
            fields.add(node.isValueNode() ? node.asText() : compact(node));
        }
        return fields;
    }

    private static String compact(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String range(List<InputRecord> records) {
        long first = records.get(0).number();
        long last = records.get(records.size() - 1).number();
        return first == last ? "record " + first : "records " + first + "-" + last;
    }

    /** A record (or a mini-batch's answer) SageMaker can't process: its file gets no output. */
    static final class RecordFailure extends Exception {
        RecordFailure(String message) {
            super(message);
        }
    }
}
