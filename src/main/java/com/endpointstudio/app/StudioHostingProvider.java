package com.endpointstudio.app;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.hosting.aws.AwsHosting;
import com.endpointstudio.hosting.aws.AwsSession;
import com.endpointstudio.hosting.aws.AwsSessionFactory;
import com.endpointstudio.hosting.local.LocalHosting;

/**
 * Opens the hosting ports of a connection: Local's on this computer (shared, they outlive the
 * call), AWS's over one SDK session per use, closed afterwards.
 */
final class StudioHostingProvider implements HostingProvider {

    private final AwsSessionFactory sessions;
    private final StudioServices services;

    StudioHostingProvider(StudioServices services) {
        this.sessions = services.sessions();
        this.services = services;
    }

    @Override
    public Session open(Connection connection) {
        if (connection.isLocal()) {
            Hosting local = new LocalHosting(services.localHost(), services.localRoot(), services.localRuntimes()).hosting()
                    .with(services.localEndpointRuntime(),
                            new com.endpointstudio.hosting.local.LocalMetricsSource(services.localMetrics(), services.localHost()))
                    .with(services.localTransforms());
            return new Session() {
                @Override
                public Hosting hosting() {
                    return local;
                }

                @Override
                public void close() {
                    // the local host keeps serving; it stops with the studio
                }
            };
        }
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
