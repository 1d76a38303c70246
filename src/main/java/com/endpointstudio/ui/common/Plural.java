package com.endpointstudio.ui.common;

/** Counts in words: "1 endpoint", "3 endpoints", never "endpoint(s)". */
public final class Plural {

    private Plural() {
    }

    /** {@code count} and the noun, with an "s" unless the count is one. */
    public static String of(long count, String noun) {
        return of(count, noun, noun + "s");
    }

    public static String of(long count, String singular, String plural) {
        return String.format(java.util.Locale.ROOT, "%,d", count) + " " + (count == 1 ? singular : plural);
    }
}
