package com.endpointstudio.core.image;

/** Orders framework versions numerically ("1.10" after "1.9"; "1.4-2" after "1.2-1"). */
final class VersionOrder {

    private VersionOrder() {
    }

    /** A sortable key: each number zero-padded, so plain string order is numeric order. */
    static String key(String version) {
        StringBuilder key = new StringBuilder();
        for (String part : version.split("[.\\-]")) {
            String digits = part.replaceAll("\\D", "");
            key.append(String.format("%08d", digits.isEmpty() ? 0 : Long.parseLong(digits.length() > 8
                    ? digits.substring(0, 8) : digits))).append('.');
        }
        return key.toString();
    }
}
