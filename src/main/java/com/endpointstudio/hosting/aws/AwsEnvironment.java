package com.endpointstudio.hosting.aws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The user's AWS configuration as the AWS CLI sees it: the profile files (honouring
 * AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE) and the environment variables.
 */
public record AwsEnvironment(Supplier<ProfileFile> profileFile, Map<String, String> variables) {

    public static AwsEnvironment forCurrentUser() {
        return new AwsEnvironment(ProfileFile::defaultProfileFile, System.getenv());
    }

    /** A configuration read from the given files (either may be absent), e.g. a test's own ~/.aws. */
    public static AwsEnvironment fromFiles(Path configFile, Path credentialsFile, Map<String, String> variables) {
        Supplier<ProfileFile> files = () -> {
            ProfileFile.Aggregator aggregator = ProfileFile.aggregator();
            if (Files.isRegularFile(configFile)) {
                aggregator.addFile(ProfileFile.builder().content(configFile)
                        .type(ProfileFile.Type.CONFIGURATION).build());
            }
            if (Files.isRegularFile(credentialsFile)) {
                aggregator.addFile(ProfileFile.builder().content(credentialsFile)
                        .type(ProfileFile.Type.CREDENTIALS).build());
            }
            return aggregator.build();
        };
        return new AwsEnvironment(files, Map.copyOf(variables));
    }

    public AwsSessionFactory sessionFactory() {
        return new AwsSessionFactory(profileFile, variables);
    }

    public AwsProfileCatalog profileCatalog() {
        return new AwsProfileCatalog(profileFile, variables);
    }
}
