package com.endpointstudio.core.packaging;

import java.util.ArrayList;
import java.util.List;

/**
 * A framework version such as {@code 2.1} or {@code 1.3.1}, compared numerically part by
 * part, so that "1.10" comes after "1.9". Suffixes such as "-1" (XGBoost builds) are ignored
 * in comparisons.
 */
public record FrameworkVersion(String text) implements Comparable<FrameworkVersion> {

    public static FrameworkVersion of(String text) {
        return new FrameworkVersion(text.strip());
    }

    public boolean isAtLeast(String other) {
        return compareTo(of(other)) >= 0;
    }

    @Override
    public int compareTo(FrameworkVersion other) {
        List<Integer> a = parts(text);
        List<Integer> b = parts(other.text);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : 0;
            int y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static List<Integer> parts(String version) {
        List<Integer> parts = new ArrayList<>();
        String core = version.split("[-+ ]", 2)[0];
        for (String part : core.split("\\.")) {
            String digits = part.replaceAll("\\D.*$", "");
            parts.add(digits.isEmpty() ? 0 : Integer.parseInt(digits));
        }
        return parts;
    }

    @Override
    public String toString() {
        return text;
    }
}
