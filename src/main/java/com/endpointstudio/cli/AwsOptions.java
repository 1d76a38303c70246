package com.endpointstudio.cli;

import com.endpointstudio.core.connection.Connection;
import picocli.CommandLine.Option;

/** The options that pick an AWS connection, shared by every command that calls AWS. */
public final class AwsOptions {

    @Option(names = "--profile", paramLabel = "P", description = "AWS profile (default: AWS_PROFILE or 'default').")
    String profile;

    @Option(names = "--region", paramLabel = "R", description = "AWS region (default: the profile's).")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "Send every AWS call to this URL (an AWS-compatible emulator).")
    String endpointUrl;

    /**
     * The connection Local hosting downloads s3:// model data through: these options when any is given,
     * else the one chosen in Settings › Local hosting, else none (null).
     */
    Connection forLocalS3(com.endpointstudio.app.StudioServices services) {
        boolean given = profile != null || region != null || endpointUrl != null;
        return given ? connection() : services.settingsStore().load().settings().localS3Connection().orElse(null);
    }

    public Connection connection() {
        Connection connection = Connection.aws(profile == null ? "command line" : profile, profile, region, endpointUrl);
        connection.validate();
        return connection;
    }
}
