package com.endpointstudio.core.deploy.export;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;
import java.util.Map;

/**
 * Bash quoting for the AWS CLI export. Every user value goes inside single quotes, where bash
 * changes nothing, except a single quote itself, written {@code '\''}. JSON arguments are built
 * here too; the default bucket, known only when the script runs, is spliced in as
 * {@code "$BUCKET"} between quoted pieces.
 */
final class ShellWords {

    private ShellWords() {
    }

    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** One shell word holding the value as compact JSON. */
    static String json(Object value) {
        StringBuilder word = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        write(value, literal, word);
        flush(literal, word);
        return word.toString();
    }

    private static void write(Object value, StringBuilder literal, StringBuilder word) {
        if (value == null) {
            literal.append("null");
        } else if (value instanceof String text) {
            literal.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
        } else if (value instanceof Number || value instanceof Boolean) {
            literal.append(value);
        } else if (value instanceof S3Location location) {
            if (location.isDefaultBucket()) {
                literal.append("\"s3://");
                flush(literal, word);
                word.append("\"$BUCKET\"");
                literal.append('/').append(JsonStringEncoder.getInstance().quoteAsString(location.key())).append('"');
            } else {
                write(location.uri(null), literal, word);
            }
        } else if (value instanceof Map<?, ?> map) {
            literal.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                literal.append(first ? "" : ",");
                first = false;
                write(String.valueOf(entry.getKey()), literal, word);
                literal.append(':');
                write(entry.getValue(), literal, word);
            }
            literal.append('}');
        } else if (value instanceof List<?> list) {
            literal.append('[');
            for (int i = 0; i < list.size(); i++) {
                literal.append(i == 0 ? "" : ",");
                write(list.get(i), literal, word);
            }
            literal.append(']');
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass());
        }
    }

    private static void flush(StringBuilder literal, StringBuilder word) {
        if (!literal.isEmpty()) {
            word.append(quote(literal.toString()));
            literal.setLength(0);
        }
    }

    /** The AWS CLI option of an API member: ExecutionRoleArn → --execution-role-arn. */
    static String option(String member) {
        return "--" + member.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
