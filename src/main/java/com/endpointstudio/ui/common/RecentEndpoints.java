package com.endpointstudio.ui.common;

import com.endpointstudio.core.connection.Connection;
import java.util.HashMap;
import java.util.Map;

/**
 * The endpoint last deployed, called or charted on each connection: the Console and Metrics
 * open on it, so the next step after a deploy needs no choosing.
 */
public final class RecentEndpoints {

    private final Map<String, String> byConnection = new HashMap<>();

    public void remember(Connection connection, String endpoint) {
        if (connection != null && endpoint != null && !endpoint.isBlank()) {
            byConnection.put(connection.id(), endpoint.strip());
        }
    }

    /** The endpoint last used on {@code connection}, or null. */
    public String of(Connection connection) {
        return connection == null ? null : byConnection.get(connection.id());
    }
}
