package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.connection.CallerIdentity;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.connection.ConnectionTester;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** Tests an AWS connection with STS GetCallerIdentity, which needs no permission. */
public final class AwsConnectionTester implements ConnectionTester {

    private final AwsSessionFactory sessions;

    public AwsConnectionTester(AwsSessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public CallerIdentity test(Connection connection) {
        if (connection.isLocal()) {
            throw new IllegalArgumentException("Local connections are not tested through AWS");
        }
        try (AwsSession session = sessions.open(connection); StsClient sts = session.sts()) {
            try {
                GetCallerIdentityResponse identity = sts.getCallerIdentity();
                return new CallerIdentity(identity.account(), identity.arn(), identity.userId());
            } catch (RuntimeException e) {
                throw AwsErrors.translate(e, connection, "Testing the connection", session.endpointFor("sts"));
            }
        }
    }
}
