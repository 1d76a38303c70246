package com.endpointstudio.core.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The JSONPath subset a batch transform's InputFilter and OutputFilter accept, as the Developer Guide
 * lists it (batch-transform-data-processing.html, "Supported JSONPath Operators"): {@code $}, {@code .name},
 * {@code *}, {@code ['name','name']}, {@code [n,n]} with negative indexes, and one {@code [start:end]}
 * slice per bracket, whose end is included ("The colon (:) tells SageMaker to include all of the elements
 * between two values, inclusive. For example, $[1:4] specifies the second through fifth columns").
 * A CSV record is a JSON array of its fields, so only indexes apply to it.
 */
public final class JsonPathFilter {

    /**
     * Every character SageMaker takes in a path besides letters and digits. CreateTransformJob refuses
     * anything else ("Unexpected "_" in JsonPath. Supported operators for "application/jsonlines" are
     * ['$', '[', ']', '*', '.', ' ', ',', ':', '-', '''']", aws/aws-sdk#184).
     */
    private static final String OPERATORS = "$[]*. ,:-'";

    private sealed interface Step permits Child, Children, Wildcard, Indexes {
    }

    private record Child(String name) implements Step {
    }

    private record Children(List<String> names) implements Step {
    }

    private record Wildcard() implements Step {
    }

    /** Single indexes, and at most one slice (its end included; null ends are open). */
    private record Indexes(List<Integer> single, Integer from, Integer to, boolean slice) implements Step {
        boolean definite() {
            return !slice && single.size() == 1;
        }
    }

    private final String text;
    private final List<Step> steps;

    private JsonPathFilter(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** The whole record: "$", or no filter at all. */
    public static final JsonPathFilter ROOT = new JsonPathFilter("$", List.of());

    /** Parses a path; a path SageMaker would refuse throws with the reason. */
    public static JsonPathFilter parse(String path) {
        if (path == null || path.isBlank()) {
            return ROOT;
        }
        String text = path.strip();
        for (char c : text.toCharArray()) {
            if (!Character.isLetterOrDigit(c) && OPERATORS.indexOf(c) < 0) {
                throw new IllegalArgumentException("'" + c + "' is not among the characters SageMaker takes in a "
                        + "JSONPath: letters, digits and $ [ ] * . , : - ' and spaces");
            }
        }
        if (!text.startsWith("$")) {
            throw new IllegalArgumentException("a path starts with $, the record itself");
        }
        return new JsonPathFilter(text, new Parser(text).steps());
    }

    /** Whether the path only uses indexes, as a CSV record (an array of fields) needs. */
    public boolean indexesOnly() {
        return steps.stream().allMatch(step -> step instanceof Indexes);
    }

    public boolean isRoot() {
        return steps.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * The part of a record the path selects.
     *
     * @throws IllegalArgumentException when the record has no such part (an index beyond its size, a
     *                                  missing attribute): SageMaker fails the record
     */
    public JsonNode apply(JsonNode record) {
        JsonNode current = record;
        boolean many = false;
        for (Step step : steps) {
            if (many) {
                ArrayNode mapped = JsonNodeFactory.instance.arrayNode();
                for (JsonNode item : current) {
                    JsonNode selected = select(item, step);
                    if (definite(step)) {
                        mapped.add(selected);
                    } else {
                        mapped.addAll((ArrayNode) selected);
                    }
                }
                current = mapped;
            } else {
                current = select(current, step);
                many = !definite(step);
            }
        }
        return current;
    }

    private static boolean definite(Step step) {
        return step instanceof Child || step instanceof Children || step instanceof Indexes i && i.definite();
    }

    private JsonNode select(JsonNode node, Step step) {
        if (step instanceof Child child) {
            JsonNode value = node.isObject() ? node.get(child.name()) : null;
            if (value == null) {
                throw new IllegalArgumentException(text + ": the record has no attribute '" + child.name() + "'");
            }
            return value;
        }
        if (step instanceof Children children) {
            ObjectNode picked = JsonNodeFactory.instance.objectNode();
            for (String name : children.names()) {
                if (!node.isObject() || !node.has(name)) {
                    throw new IllegalArgumentException(text + ": the record has no attribute '" + name + "'");
                }
                picked.set(name, node.get(name));
            }
            return picked;
        }
        if (step instanceof Wildcard) {
            ArrayNode all = JsonNodeFactory.instance.arrayNode();
            Iterator<JsonNode> values = node.elements();
            values.forEachRemaining(all::add);
            return all;
        }
        Indexes indexes = (Indexes) step;
        if (!node.isArray()) {
            throw new IllegalArgumentException(text + ": indexes select from an array; the record's part is "
                    + node.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        int size = node.size();
        ArrayNode picked = JsonNodeFactory.instance.arrayNode();
        for (int index : indexes.single()) {
            picked.add(node.get(position(index, size)));
        }
        if (indexes.slice()) {
            int from = indexes.from() == null ? 0 : position(indexes.from(), size);
            int to = indexes.to() == null ? size - 1 : position(indexes.to(), size);
            for (int i = from; i <= to; i++) {
                picked.add(node.get(i));
            }
        }
        return indexes.definite() ? picked.get(0) : picked;
    }

    /** OutputFilter: "If you specify indexes that aren't within the dimension size of the joined dataset, you get an error." */
    private int position(int index, int size) {
        int at = index < 0 ? size + index : index;
        if (at < 0 || at >= size) {
            throw new IllegalArgumentException(text + ": index " + index + " is beyond the record's " + size
                    + " element" + (size == 1 ? "" : "s"));
        }
        return at;
    }

    /** A recursive-descent reader of the subset. */
    private static final class Parser {
        private final String text;
        private int at = 1; // after the $

        Parser(String text) {
            this.text = text;
        }

        List<Step> steps() {
            List<Step> steps = new ArrayList<>();
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c == '.') {
                    at++;
                    if (at < text.length() && text.charAt(at) == '[') {
                        continue; // $.field.['a','b']: the bracket after a dot
                    }
                    steps.add(dotted());
                } else if (c == '[') {
                    at++;
                    steps.add(bracket());
                } else {
                    throw error("'" + c + "' where . or [ was expected");
                }
            }
            return List.copyOf(steps);
        }

        private Step dotted() {
            if (at < text.length() && text.charAt(at) == '*') {
                at++;
                return new Wildcard();
            }
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '-')) {
                at++;
            }
            if (at == start) {
                throw error("a name is missing after the dot");
            }
            return new Child(text.substring(start, at));
        }

        private Step bracket() {
            skipSpaces();
            if (peek() == '*') {
                at++;
                close();
                return new Wildcard();
            }
            if (peek() == '\'') {
                List<String> names = new ArrayList<>();
                do {
                    skipSpaces();
                    names.add(quoted());
                    skipSpaces();
                } while (consume(','));
                close();
                return names.size() == 1 ? new Child(names.get(0)) : new Children(List.copyOf(names));
            }
            List<Integer> single = new ArrayList<>();
            Integer from = null;
            Integer to = null;
            boolean slice = false;
            do {
                skipSpaces();
                Integer first = peek() == ':' ? null : number();
                skipSpaces();
                if (consume(':')) {
                    if (slice) {
                        // "only single range filters of format (eg: [1:5]) are supported" (the service's
                        // error for $[0:2,246:], aws/sagemaker-python-sdk#1112)
                        throw error("only one range per bracket is supported");
                    }
                    slice = true;
                    from = first;
                    skipSpaces();
                    to = peek() == ',' || peek() == ']' ? null : number();
                } else if (first == null) {
                    throw error("an index is missing");
                } else {
                    single.add(first);
                }
                skipSpaces();
            } while (consume(','));
            close();
            return new Indexes(List.copyOf(single), from, to, slice);
        }

        private String quoted() {
            if (!consume('\'')) {
                throw error("a name in brackets is quoted: ['name']");
            }
            int start = at;
            while (at < text.length() && text.charAt(at) != '\'') {
                char c = text.charAt(at);
                if (c == '.' || c == '[' || c == ']') {
                    // "additional nesting of children within brackets is not supported"
                    throw error("names in brackets can't nest ('" + text.substring(start) + ")");
                }
                at++;
            }
            if (at >= text.length()) {
                throw error("a quote is not closed");
            }
            String name = text.substring(start, at);
            at++;
            return name;
        }

        private Integer number() {
            int start = at;
            if (peek() == '-') {
                at++;
            }
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (at == start || text.substring(start, at).equals("-")) {
                throw error("an index is a whole number");
            }
            try {
                return Integer.valueOf(text.substring(start, at));
            } catch (NumberFormatException e) {
                throw error("the index " + text.substring(start, at) + " is too large");
            }
        }

        private void close() {
            skipSpaces();
            if (!consume(']')) {
                throw error("a bracket is not closed");
            }
        }

        private char peek() {
            return at < text.length() ? text.charAt(at) : 0;
        }

        private boolean consume(char c) {
            if (peek() == c) {
                at++;
                return true;
            }
            return false;
        }

        private void skipSpaces() {
            while (peek() == ' ') {
                at++;
            }
        }

        private IllegalArgumentException error(String why) {
            return new IllegalArgumentException(why + " (at character " + (at + 1) + " of " + text + ")");
        }
    }
}
