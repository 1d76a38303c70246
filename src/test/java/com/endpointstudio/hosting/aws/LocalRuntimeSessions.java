package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.connection.Connection;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * An SDK session for the local runtime server, as boto3 or the AWS CLI reach it with
 * {@code --endpoint-url} and any credentials: tests call Local endpoints the way scripts do.
 */
public final class LocalRuntimeSessions {

    private LocalRuntimeSessions() {
    }

    public static AwsSession forLocalRuntime(URI runtimeUrl) {
        return new AwsSession(Connection.local(), "us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), runtimeUrl);
    }
}
