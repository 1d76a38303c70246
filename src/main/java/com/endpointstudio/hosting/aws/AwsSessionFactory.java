package com.endpointstudio.hosting.aws;

import com.endpointstudio.LogConfiguration;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.error.ValidationException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * Builds {@link AwsSession}s for connections. Credentials come only from the SDK's own
 * providers; profiles are read from the files the AWS CLI reads (re-read on every session so
 * edits and fresh SSO logins apply without a restart).
 */
public final class AwsSessionFactory {

    private final Supplier<ProfileFile> profileFile;
    private final Map<String, String> environment;

    public AwsSessionFactory(Supplier<ProfileFile> profileFile, Map<String, String> environment) {
        this.profileFile = profileFile;
        this.environment = environment;
    }

    public AwsSession open(Connection connection) {
        LogConfiguration.beginInBackground();
        if (connection.isLocal()) {
            throw new IllegalArgumentException("The Local connection has no AWS session");
        }
        if (connection.profile() != null && profileFile.get().profile(connection.profile()).isEmpty()) {
            throw new StudioException("AWS profile '" + connection.profile() + "' is not in your AWS configuration"
                    + " (~/.aws/config or ~/.aws/credentials). Create it with `aws configure --profile "
                    + connection.profile() + "` or `aws configure sso`, or pick another profile.");
        }
        String region = resolveRegion(connection);
        URI endpoint = connection.endpointUrl() == null ? null : URI.create(connection.endpointUrl());
        return new AwsSession(connection, region, credentials(connection), endpoint);
    }

    /** The connection's region, else its profile's, else the environment's, as the AWS CLI decides. */
    public String resolveRegion(Connection connection) {
        if (connection.region() != null) {
            return connection.region();
        }
        String profileName = connection.profile() != null ? connection.profile() : defaultProfileName();
        Optional<String> fromProfile = profileFile.get().profile(profileName)
                .flatMap(p -> p.property(ProfileProperty.REGION));
        if (fromProfile.isPresent()) {
            return fromProfile.get();
        }
        for (String variable : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        throw new ValidationException("Region", "no region is set on connection '" + connection.name()
                + "' or in profile '" + profileName + "'. Choose a region for the connection, or run "
                + "`aws configure set region us-east-1 --profile " + profileName + "`.");
    }

    String defaultProfileName() {
        String fromEnv = environment.get("AWS_PROFILE");
        return fromEnv == null || fromEnv.isBlank() ? "default" : fromEnv.strip();
    }

    private AwsCredentialsProvider credentials(Connection connection) {
        if (connection.profile() == null) {
            return DefaultCredentialsProvider.builder().profileFile(profileFile).build();
        }
        return ProfileCredentialsProvider.builder()
                .profileFile(profileFile)
                .profileName(connection.profile())
                .build();
    }
}
