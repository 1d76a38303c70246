package com.endpointstudio.core.hosting;

import com.endpointstudio.core.connection.Connection;

/** Opens the hosting ports of a connection; the composition root supplies the AWS (or local) one. */
public interface HostingProvider {

    Session open(Connection connection);

    /** Open ports and the resources behind them (HTTP clients), released by close. */
    interface Session extends AutoCloseable {
        Hosting hosting();

        @Override
        void close();
    }
}
