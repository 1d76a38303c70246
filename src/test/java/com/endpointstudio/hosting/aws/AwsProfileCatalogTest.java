package com.endpointstudio.hosting.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.connection.AwsProfile;
import com.endpointstudio.core.connection.AwsProfileKind;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.connection.InitialConnections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AwsProfileCatalogTest {

    @TempDir
    Path aws;

    @BeforeEach
    void writeAwsFiles() throws IOException {
        Files.writeString(aws.resolve("config"), """
                [default]
                region = eu-west-1

                [profile legacy-sso]
                sso_start_url = https://example.awsapps.com/start
                sso_region = us-east-1
                sso_account_id = 111122223333
                sso_role_name = ReadOnly

                [profile work]
                sso_session = corp
                sso_account_id = 111122223333
                sso_role_name = Developer
                region = us-west-2

                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = us-east-1

                [profile deployer]
                role_arn = arn:aws:iam::111122223333:role/Deployer
                source_profile = default
                region = ap-southeast-2

                [profile tool]
                credential_process = /usr/local/bin/get-creds
                """);
        Files.writeString(aws.resolve("credentials"), """
                [default]
                aws_access_key_id = AKIDEXAMPLE
                aws_secret_access_key = secret-not-to-be-shown
                """);
    }

    @Test
    void listsEveryProfileWithHowItSignsIn() {
        var catalog = env(Map.of()).profileCatalog();

        assertThat(catalog.profiles()).extracting(AwsProfile::name)
                .containsExactly("default", "deployer", "legacy-sso", "tool", "work");
        assertThat(catalog.profile("default").orElseThrow())
                .isEqualTo(new AwsProfile("default", AwsProfileKind.ACCESS_KEYS, "eu-west-1", null));
        assertThat(catalog.profile("work").orElseThrow().kind()).isEqualTo(AwsProfileKind.SSO);
        assertThat(catalog.profile("legacy-sso").orElseThrow().source()).isEqualTo("https://example.awsapps.com/start");
        assertThat(catalog.profile("deployer").orElseThrow())
                .isEqualTo(new AwsProfile("deployer", AwsProfileKind.ASSUME_ROLE, "ap-southeast-2",
                        "arn:aws:iam::111122223333:role/Deployer"));
        assertThat(catalog.profile("tool").orElseThrow().kind()).isEqualTo(AwsProfileKind.CREDENTIAL_PROCESS);
    }

    @Test
    void noSecretIsExposedByTheCatalog() {
        var catalog = env(Map.of()).profileCatalog();

        assertThat(catalog.profiles().toString()).doesNotContain("secret-not-to-be-shown", "AKIDEXAMPLE");
    }

    @Test
    void awsProfileEnvironmentVariableChoosesTheDefaultProfile() {
        assertThat(env(Map.of()).profileCatalog().defaultProfileName()).isEqualTo("default");
        assertThat(env(Map.of("AWS_PROFILE", "work")).profileCatalog().defaultProfileName()).isEqualTo("work");
    }

    @Test
    void regionComesFromTheConnectionThenTheProfileThenTheEnvironment() {
        var sessions = env(Map.of("AWS_REGION", "ca-central-1")).sessionFactory();

        assertThat(sessions.resolveRegion(Connection.aws("a", "work", "sa-east-1", null))).isEqualTo("sa-east-1");
        assertThat(sessions.resolveRegion(Connection.aws("b", "work", null, null))).isEqualTo("us-west-2");
        assertThat(sessions.resolveRegion(Connection.aws("c", "tool", null, null))).isEqualTo("ca-central-1");
        assertThat(sessions.resolveRegion(Connection.aws("d", null, null, null))).isEqualTo("eu-west-1");
    }

    @Test
    void firstStartMakesTheDefaultProfileTheActiveConnection() {
        var connections = InitialConnections.detect(env(Map.of()).profileCatalog());

        assertThat(connections).hasSize(2);
        assertThat(connections.get(0).profile()).isEqualTo("default");
        assertThat(connections.get(0).region()).isEqualTo("eu-west-1");
        assertThat(connections.get(1).isLocal()).isTrue();
    }

    @Test
    void firstStartWithoutCredentialsLeavesOnlyLocal() throws IOException {
        Files.delete(aws.resolve("credentials"));

        var connections = InitialConnections.detect(env(Map.of()).profileCatalog());

        assertThat(connections).extracting(Connection::isLocal).containsExactly(true);
    }

    @Test
    void accessKeysInTheEnvironmentGiveAnEnvironmentConnection() throws IOException {
        Files.delete(aws.resolve("credentials"));
        var variables = Map.of("AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "s");

        var connections = InitialConnections.detect(env(variables).profileCatalog());

        assertThat(connections).hasSize(2);
        assertThat(connections.get(0).profile()).isNull();
        assertThat(connections.get(0).name()).isEqualTo("AWS (environment)");
    }

    private AwsEnvironment env(Map<String, String> variables) {
        return AwsEnvironment.fromFiles(aws.resolve("config"), aws.resolve("credentials"), variables);
    }
}
