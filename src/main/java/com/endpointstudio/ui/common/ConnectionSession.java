package com.endpointstudio.ui.common;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.hosting.HostingProvider;

/**
 * A screen's hosting session, kept open while the screen works on one connection (an AWS
 * session holds an HTTP client worth reusing) and opened again when the connection changes.
 */
public final class ConnectionSession implements AutoCloseable {

    private final HostingProvider hosting;
    private HostingProvider.Session session;
    private Connection connection;

    public ConnectionSession(HostingProvider hosting) {
        this.hosting = hosting;
    }

    public synchronized HostingProvider.Session of(Connection target) {
        if (session == null || !target.equals(connection)) {
            close();
            session = hosting.open(target);
            connection = target;
        }
        return session;
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
            session = null;
        }
    }
}
