package com.endpointstudio.app;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.hosting.aws.AwsHosting;
import com.endpointstudio.hosting.aws.AwsSession;
import com.endpointstudio.hosting.aws.AwsSessionFactory;

/** Opens the AWS hosting ports of a connection: one SDK session per use, closed afterwards. */
final class AwsHostingProvider implements HostingProvider {

    private final AwsSessionFactory sessions;

    AwsHostingProvider(AwsSessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Session open(Connection connection) {
        AwsSession session = sessions.open(connection);
        Hosting hosting = AwsHosting.of(session);
        return new Session() {
            @Override
            public Hosting hosting() {
                return hosting;
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }
}
