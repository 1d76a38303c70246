package com.endpointstudio.core.connection;

import java.util.ArrayList;
import java.util.List;

/**
 * The connections of a first start: Local always, and an AWS connection when the user's
 * environment already has credentials (then it is the active one; otherwise Local is).
 */
public final class InitialConnections {

    private InitialConnections() {
    }

    public static List<Connection> detect(ProfileCatalog catalog) {
        List<Connection> connections = new ArrayList<>();
        String profileName = catalog.defaultProfileName();
        boolean profileHasCredentials = catalog.profile(profileName)
                .map(p -> p.kind() != AwsProfileKind.REGION_ONLY)
                .orElse(false);
        if (catalog.environmentHasCredentials()) {
            connections.add(Connection.aws("AWS (environment)", null, null, null));
        } else if (profileHasCredentials) {
            String region = catalog.profile(profileName).map(AwsProfile::region).orElse(null);
            connections.add(Connection.aws("AWS " + profileName, profileName, region, null));
        }
        connections.add(Connection.local());
        return connections;
    }
}
