package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.hosting.HostingProvider;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the endpoint a command works on lives: an AWS connection, or this computer (--local).
 * Commands reach it through the same hosting provider as the studio's screens.
 */
public final class EndpointTarget {

    @Mixin
    AwsOptions aws;

    @Option(names = "--local", description = "call a Local endpoint, served by the running studio "
            + "(or by 'deploy --local') on this computer")
    boolean local;

    boolean isLocal() {
        return local;
    }

    Connection connection() {
        return local ? Connection.local() : aws.connection();
    }

    String region() {
        return local ? null : aws.connection().region();
    }

    /** Opens the connection's hosting, runs the work with it, closes it. */
    <T> T withHosting(StudioServices services, Function<Hosting, T> work) {
        try (HostingProvider.Session session = services.hostingProvider().open(connection())) {
            return work.apply(session.hosting());
        }
    }
}
