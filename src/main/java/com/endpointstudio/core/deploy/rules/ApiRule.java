package com.endpointstudio.core.deploy.rules;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The constraints the service model declares for one request member: its type, min and max
 * (a length for strings, a count for lists and maps, a value for numbers), pattern and enum.
 *
 * @param path     the member's place in the request, like {@code CreateModel.PrimaryContainer.Image}
 * @param required whether its structure requires it
 */
public record ApiRule(String path, String type, Double min, Double max, String pattern, List<String> enumValues,
                      boolean required) {

    public ApiRule {
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
    }

    /** The pattern compiled; the service matches the whole value against it. */
    public Pattern compiledPattern() {
        return pattern == null ? null : Patterns.compile(pattern);
    }

    public boolean isNumber() {
        return type.equals("integer") || type.equals("long") || type.equals("float") || type.equals("double");
    }

    /** Compiled patterns, shared: a validation of the whole spec runs on every keystroke of the wizard. */
    private static final class Patterns {
        private static final java.util.Map<String, Pattern> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

        static Pattern compile(String regex) {
            return CACHE.computeIfAbsent(regex, Pattern::compile);
        }
    }
}
