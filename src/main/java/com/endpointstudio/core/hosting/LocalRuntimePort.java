package com.endpointstudio.core.hosting;

import java.net.URI;

/**
 * The port this computer's runtime API listens on: 8399 unless another program holds it, when
 * the runtime takes a free one. Everything that prints the runtime's address says so then, since
 * commands copied from elsewhere (the README's curl) name 8399.
 */
public final class LocalRuntimePort {

    public static final int USUAL = 8399;
    /** System property: another port for the runtime (0: any free one), for a second studio or a test. */
    public static final String PROPERTY = "endpointstudio.runtimePort";

    private LocalRuntimePort() {
    }

    /** The port asked for: {@link #USUAL}, or the one {@link #PROPERTY} names. */
    public static int requested() {
        return Integer.getInteger(PROPERTY, USUAL);
    }

    /**
     * "Port 8399 was taken, …" (or "… is set to 0 by -Dendpointstudio.runtimePort, …") when
     * {@code runtimeUrl} is on another port, else empty.
     */
    public static java.util.Optional<String> moved(String runtimeUrl) {
        int port = port(runtimeUrl);
        if (port <= 0 || port == USUAL) {
            return java.util.Optional.empty();
        }
        String why = requested() == USUAL ? "Port " + USUAL + " was taken"
                : "The runtime port is set to " + requested() + " by -D" + PROPERTY;
        return java.util.Optional.of(why + ", so this computer's runtime listens on " + port + ": use " + runtimeUrl
                + " where commands say http://127.0.0.1:" + USUAL + ".");
    }

    /** The same, as a parenthesis to add to a sentence (" (port 8399 was taken, …)"), or "". */
    public static String movedNote(String runtimeUrl) {
        return moved(runtimeUrl).map(text -> " (" + Character.toLowerCase(text.charAt(0))
                + text.substring(1, text.length() - 1) + ")").orElse("");
    }

    private static int port(String url) {
        try {
            return url == null ? -1 : URI.create(url).getPort();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
