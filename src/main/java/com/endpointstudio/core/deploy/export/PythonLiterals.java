package com.endpointstudio.core.deploy.export;

import java.util.List;
import java.util.Map;

/**
 * Writes values as Python source: strings escaped so any user text (quotes, backslashes, line
 * breaks, non-ASCII) reads back as itself, maps and lists indented, and {@link S3Location}s of the
 * default bucket as an expression over the script's {@code BUCKET} variable.
 */
final class PythonLiterals {

    private PythonLiterals() {
    }

    static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp < 0x20 || cp == 0x7f || Character.getType(cp) == Character.LINE_SEPARATOR
                            || Character.getType(cp) == Character.PARAGRAPH_SEPARATOR
                            || Character.getType(cp) == Character.SURROGATE) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    static String value(Object value, int indent) {
        if (value == null) {
            return "None";
        } else if (value instanceof String text) {
            return string(text);
        } else if (value instanceof Boolean flag) {
            return flag ? "True" : "False";
        } else if (value instanceof Integer || value instanceof Long) {
            return value.toString();
        } else if (value instanceof Double number) {
            return Double.toString(number);
        } else if (value instanceof S3Location location) {
            return location.isDefaultBucket()
                    ? "\"s3://\" + BUCKET + \"/\" + " + string(location.key())
                    : string(location.uri(null));
        } else if (value instanceof Map<?, ?> map) {
            return block(map.entrySet().stream()
                    .map(e -> string(String.valueOf(e.getKey())) + ": " + value(e.getValue(), indent + 1))
                    .toList(), "{", "}", indent);
        } else if (value instanceof List<?> list) {
            return block(list.stream().map(item -> value(item, indent + 1)).toList(), "[", "]", indent);
        }
        throw new IllegalArgumentException("no Python form for " + value.getClass());
    }

    private static String block(List<String> items, String open, String close, int indent) {
        if (items.isEmpty()) {
            return open + close;
        }
        String inner = "    ".repeat(indent + 1);
        StringBuilder out = new StringBuilder(open).append('\n');
        items.forEach(item -> out.append(inner).append(item).append(",\n"));
        return out.append("    ".repeat(indent)).append(close).toString();
    }
}
