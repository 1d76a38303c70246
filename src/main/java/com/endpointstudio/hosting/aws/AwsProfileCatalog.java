package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.connection.AwsProfile;
import com.endpointstudio.core.connection.AwsProfileKind;
import com.endpointstudio.core.connection.ProfileCatalog;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/** The user's AWS profiles, read by the SDK's own parser from the files the AWS CLI reads. */
public final class AwsProfileCatalog implements ProfileCatalog {

    private final Supplier<ProfileFile> profileFile;
    private final Map<String, String> environment;

    public AwsProfileCatalog(Supplier<ProfileFile> profileFile, Map<String, String> environment) {
        this.profileFile = profileFile;
        this.environment = environment;
    }


    @Override
    public List<AwsProfile> profiles() {
        return profileFile.get().profiles().values().stream()
                .map(AwsProfileCatalog::describe)
                .sorted(Comparator.comparing(AwsProfile::name))
                .toList();
    }

    @Override
    public Optional<AwsProfile> profile(String name) {
        return profileFile.get().profile(name).map(AwsProfileCatalog::describe);
    }

    @Override
    public String defaultProfileName() {
        String fromEnv = environment.get("AWS_PROFILE");
        return fromEnv == null || fromEnv.isBlank() ? "default" : fromEnv.strip();
    }

    @Override
    public boolean environmentHasCredentials() {
        return notBlank(environment.get("AWS_ACCESS_KEY_ID")) && notBlank(environment.get("AWS_SECRET_ACCESS_KEY"));
    }

    private static AwsProfile describe(Profile profile) {
        String region = profile.property(ProfileProperty.REGION).orElse(null);
        Optional<String> ssoSession = profile.property("sso_session");
        Optional<String> ssoStartUrl = profile.property(ProfileProperty.SSO_START_URL);
        if (ssoSession.isPresent() || ssoStartUrl.isPresent()) {
            return new AwsProfile(profile.name(), AwsProfileKind.SSO, region,
                    ssoStartUrl.orElseGet(() -> "sso-session " + ssoSession.get()));
        }
        Optional<String> roleArn = profile.property(ProfileProperty.ROLE_ARN);
        if (roleArn.isPresent()) {
            boolean webIdentity = profile.property(ProfileProperty.WEB_IDENTITY_TOKEN_FILE).isPresent();
            return new AwsProfile(profile.name(), webIdentity ? AwsProfileKind.WEB_IDENTITY : AwsProfileKind.ASSUME_ROLE,
                    region, roleArn.get());
        }
        if (profile.property(ProfileProperty.AWS_ACCESS_KEY_ID).isPresent()) {
            return new AwsProfile(profile.name(), AwsProfileKind.ACCESS_KEYS, region, null);
        }
        Optional<String> process = profile.property(ProfileProperty.CREDENTIAL_PROCESS);
        if (process.isPresent()) {
            return new AwsProfile(profile.name(), AwsProfileKind.CREDENTIAL_PROCESS, region, process.get());
        }
        return new AwsProfile(profile.name(), AwsProfileKind.REGION_ONLY, region, null);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
