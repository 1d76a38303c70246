package com.endpointstudio.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.connection.CallerIdentity;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.settings.Settings;
import com.endpointstudio.core.settings.SettingsStore;
import com.endpointstudio.testing.TestJobs;
import com.endpointstudio.ui.settings.SettingsModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view model runs without a toolkit: both sides of the background hop on the test thread. */
class ConnectionsViewModelTest {

    @TempDir
    Path dir;

    private final TestJobs jobs = TestJobs.direct();

    private SettingsStore store() {
        return new SettingsStore(dir.resolve("settings.json"), () -> Settings.defaults(List.of(Connection.local())));
    }

    private ConnectionsViewModel model(com.endpointstudio.core.connection.ConnectionTester tester) {
        SettingsModel settings = new SettingsModel(store().load().settings(), store(), jobs.jobs());
        return new ConnectionsViewModel(settings, tester, jobs.jobs());
    }

    @Test
    void aSavedConnectionIsListedActivatedAndWrittenToDisk() {
        var model = model(c -> { throw new AssertionError("not called"); });
        Connection prod = Connection.aws("Prod", "prod", "eu-west-1", null);

        model.save(prod);
        model.activate(prod);

        assertThat(model.connections()).containsExactly(prod, Connection.local());
        assertThat(model.activeProperty().get()).isEqualTo(prod);
        assertThat(store().load().settings().activeConnection()).isEqualTo(prod);
        assertThat(jobs.failures()).isEmpty();
    }

    @Test
    void anInvalidConnectionIsRefusedAndNothingIsSaved() {
        var model = model(c -> { throw new AssertionError("not called"); });

        assertThatThrownBy(() -> model.save(Connection.aws("Bad", "p", "moon-1", null)))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("Region:");
        assertThat(model.connections()).containsExactly(Connection.local());
        assertThat(store().load().firstStart()).isTrue();
    }

    @Test
    void aTestResultIsKeptPerConnectionAndShownInTheStatusBar() {
        Connection ok = Connection.aws("Ok", "a", "us-east-1", null);
        Connection bad = Connection.aws("Bad", "b", "us-east-1", null);
        var model = model(c -> {
            if (c.equals(ok)) {
                return new CallerIdentity("111122223333", "arn:aws:iam::111122223333:user/me", "AID");
            }
            throw new StudioException("No AWS credentials were found for profile 'b'.");
        });

        model.test(ok);
        model.test(bad);

        assertThat(model.checks().get(ok.id()).state()).isEqualTo(ConnectionCheck.State.CONNECTED);
        assertThat(model.checks().get(ok.id()).message()).contains("111122223333");
        assertThat(model.checks().get(bad.id()).state()).isEqualTo(ConnectionCheck.State.FAILED);
        assertThat(model.checks().get(bad.id()).message()).isEqualTo("No AWS credentials were found for profile 'b'.");
        assertThat(jobs.status().messageProperty().get()).contains("Bad").contains("failed");
        assertThat(jobs.status().busyProperty().get()).isFalse();
    }

    @Test
    void removingAConnectionFallsBackToLocal() {
        var model = model(c -> null);
        Connection prod = Connection.aws("Prod", "prod", "eu-west-1", null);
        model.save(prod);
        model.activate(prod);

        model.remove(prod);

        assertThat(model.connections()).containsExactly(Connection.local());
        assertThat(model.activeProperty().get().isLocal()).isTrue();
    }
}
