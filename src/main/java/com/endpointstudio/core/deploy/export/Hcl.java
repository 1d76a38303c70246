package com.endpointstudio.core.deploy.export;

import java.util.List;
import java.util.Map;

/** Writes HCL: indented lines, and values as literals (strings escaped, ${ and %{ kept literal). */
final class Hcl {

    /** An HCL expression written as it is (a reference to another resource's attribute). */
    record Expression(String text) {
    }

    private final StringBuilder out = new StringBuilder();
    private int depth;

    Hcl line(String text) {
        out.append("  ".repeat(depth)).append(text).append('\n');
        return this;
    }

    /** Lines as they are, each indented to the current depth (a heredoc's body). */
    Hcl raw(String text) {
        text.lines().forEach(this::line);
        return this;
    }

    Hcl blank() {
        out.append('\n');
        return this;
    }

    Hcl open() {
        depth++;
        return this;
    }

    Hcl close(String text) {
        depth--;
        return line(text);
    }

    int indent() {
        return depth;
    }

    @Override
    public String toString() {
        return out.toString().stripTrailing() + "\n";
    }

    static String string(String text) {
        return "\"" + escape(text) + "\"";
    }

    /** The inside of a quoted string: escapes, and template sequences that must stay literal. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp < 0x20) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString().replace("${", "$${").replace("%{", "%%{");
    }

    static String value(Object value) {
        if (value instanceof Expression expression) {
            return expression.text();
        }
        if (value instanceof String text) {
            return string(text);
        }
        if (value instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(Hcl::value).toList()) + "]";
        }
        return String.valueOf(value); // numbers and booleans
    }

    /** A map attribute (environment, tags): keys quoted, since they need not be identifiers. */
    static String map(Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            return "{}";
        }
        StringBuilder out = new StringBuilder("{\n");
        map.forEach((key, value) -> out.append("  ".repeat(depth + 1)).append(string(String.valueOf(key)))
                .append(" = ").append(value(value)).append('\n'));
        return out.append("  ".repeat(depth)).append('}').toString();
    }
}
