package com.endpointstudio.core.hosting;

import java.net.URI;

/**
 * The port this computer's runtime API listens on: 8399 unless another program holds it, when
 * the runtime takes a free one. Everything that prints the runtime's address says so then, since
 * commands copied from elsewhere (the README's curl) name 8399.
 */
public final class LocalRuntimePort {

    public static final int USUAL = 8399;

    private LocalRuntimePort() {
    }

    /** "Port 8399 was taken, …" when {@code runtimeUrl} is on another port, else empty. */
    public static java.util.Optional<String> moved(String runtimeUrl) {
        int port = port(runtimeUrl);
        return port <= 0 || port == USUAL ? java.util.Optional.empty() : java.util.Optional.of("Port " + USUAL
                + " was taken, so this computer's runtime listens on " + port + ": use " + runtimeUrl
                + " where commands say http://127.0.0.1:" + USUAL + ".");
    }

    /** The same, as a parenthesis to add to a sentence (" (port 8399 was taken, …)"), or "". */
    public static String movedNote(String runtimeUrl) {
        return moved(runtimeUrl).map(text -> " (p" + text.substring(1, text.length() - 1) + ")").orElse("");
    }

    private static int port(String url) {
        try {
            return url == null ? -1 : URI.create(url).getPort();
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
