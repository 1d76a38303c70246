package com.endpointstudio.hosting.local;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The newest log lines of a running endpoint, from all of its containers in the order they came;
 * with several containers each line names its container, as CloudWatch keeps a log stream per
 * container ({@code <variant>/<instance>/<container hostname>}).
 */
final class EndpointLog {

    private static final int KEPT_LINES = 2000;

    private final boolean several;
    private final ArrayDeque<String> lines = new ArrayDeque<>();

    EndpointLog(boolean several) {
        this.several = several;
    }

    /** Where one container's lines go: here, prefixed with its name when there are several, and on to {@code next}. */
    Consumer<String> writer(String container, Consumer<String> next) {
        return line -> {
            String shown = several ? "[" + container + "] " + line : line;
            synchronized (lines) {
                lines.addLast(shown);
                if (lines.size() > KEPT_LINES) {
                    lines.removeFirst();
                }
            }
            next.accept(shown);
        };
    }

    List<String> tail(int count) {
        synchronized (lines) {
            List<String> all = new ArrayList<>(lines);
            return all.subList(Math.max(0, all.size() - count), all.size());
        }
    }
}
