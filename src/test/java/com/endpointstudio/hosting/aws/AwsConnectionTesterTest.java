package com.endpointstudio.hosting.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.connection.CallerIdentity;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(MotoExtension.class)
class AwsConnectionTesterTest {

    @TempDir
    Path home;

    @Test
    void testingAConnectionToTheEmulatorShowsItsAccountAndArn(MotoServer moto) {
        var tester = new AwsConnectionTester(MotoServer.awsEnvironment(home.resolve(".aws")).sessionFactory());

        CallerIdentity identity = tester.test(moto.connection());

        assertThat(identity.account()).isEqualTo(MotoServer.ACCOUNT);
        assertThat(identity.arn()).startsWith("arn:aws:sts::" + MotoServer.ACCOUNT + ":");
    }

    @Test
    void anUnreachableEndpointNamesTheUrlItTried() throws IOException {
        var tester = new AwsConnectionTester(MotoServer.awsEnvironment(home.resolve(".aws")).sessionFactory());
        String closed = "http://127.0.0.1:" + closedPort();
        var connection = Connection.aws("down", MotoServer.PROFILE, "us-east-1", closed);

        assertThatThrownBy(() -> tester.test(connection))
                .isInstanceOf(StudioException.class)
                .hasMessageContaining("Could not reach " + closed)
                .hasMessageContaining("endpoint URL");
    }

    @Test
    void aProfileWithoutCredentialsSaysHowToConfigureOne() throws IOException {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), "[profile empty]\nregion = eu-west-1\n");
        var env = AwsEnvironment.fromFiles(aws.resolve("config"), aws.resolve("credentials"), Map.of());
        var tester = new AwsConnectionTester(env.sessionFactory());

        assertThatThrownBy(() -> tester.test(Connection.aws("empty", "empty", null, "http://127.0.0.1:1")))
                .isInstanceOf(StudioException.class)
                .hasMessageContaining("profile 'empty'")
                .hasMessageContaining("aws configure --profile empty");
    }

    @Test
    void aProfileThatDoesNotExistIsNamed() throws IOException {
        var tester = new AwsConnectionTester(MotoServer.awsEnvironment(home.resolve(".aws")).sessionFactory());

        assertThatThrownBy(() -> tester.test(Connection.aws("x", "nosuch", "us-east-1", "http://127.0.0.1:1")))
                .isInstanceOf(StudioException.class)
                .hasMessageContaining("profile 'nosuch'");
    }

    @Test
    void anSsoProfileWithoutALoginSaysToRunSsoLogin() throws IOException {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), """
                [profile work]
                sso_session = corp
                sso_account_id = 111122223333
                sso_role_name = Developer
                region = us-west-2

                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = us-east-1
                """);
        var env = AwsEnvironment.fromFiles(aws.resolve("config"), aws.resolve("credentials"), Map.of());
        var tester = new AwsConnectionTester(env.sessionFactory());

        assertThatThrownBy(() -> tester.test(Connection.aws("work", "work", null, "http://127.0.0.1:1")))
                .isInstanceOf(StudioException.class)
                .hasMessageContaining("aws sso login --profile work");
    }

    @Test
    void aConnectionWithNoRegionAnywhereNamesTheRegionField() throws IOException {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("credentials"), "[keys]\naws_access_key_id = a\naws_secret_access_key = b\n");
        var env = AwsEnvironment.fromFiles(aws.resolve("config"), aws.resolve("credentials"), Map.of());
        var tester = new AwsConnectionTester(env.sessionFactory());

        assertThatThrownBy(() -> tester.test(Connection.aws("keys", "keys", null, null)))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("Region:");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
