package com.endpointstudio.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.connection.Connection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    private SettingsStore store() {
        return new SettingsStore(dir.resolve("settings.json"), () -> Settings.defaults(List.of(Connection.local())));
    }

    @Test
    void aFirstStartLoadsDefaultsWithLocalActive() {
        SettingsStore.Loaded loaded = store().load();

        assertThat(loaded.firstStart()).isTrue();
        assertThat(loaded.problem()).isEmpty();
        assertThat(loaded.settings().activeConnection().isLocal()).isTrue();
        assertThat(loaded.settings().theme()).isEqualTo(Theme.LIGHT);
    }

    @Test
    void savedSettingsComeBackAfterARestart() {
        Connection aws = Connection.aws("Prod", "prod", "eu-west-1", "http://127.0.0.1:5000");
        Settings saved = store().load().settings().withTheme(Theme.DARK).withConnection(aws)
                .withActiveConnection(aws.id());

        store().save(saved);
        Settings loaded = store().load().settings();

        assertThat(loaded).isEqualTo(saved);
        assertThat(loaded.activeConnection()).isEqualTo(aws);
        assertThat(loaded.connections()).last().matches(Connection::isLocal);
    }

    @Test
    void theWindowsFirstFrameTakesTheSavedThemeAndLightWhenThereIsNone() throws IOException {
        Path file = dir.resolve("settings.json");
        assertThat(SettingsStore.peekTheme(file)).isEqualTo(Theme.LIGHT);

        Connection aws = Connection.aws("Prod", "prod", "eu-west-1", "http://127.0.0.1:5000");
        store().save(store().load().settings().withConnection(aws).withTheme(Theme.DARK));
        assertThat(SettingsStore.peekTheme(file)).isEqualTo(Theme.DARK);
        store().save(store().load().settings().withTheme(Theme.LIGHT));
        assertThat(SettingsStore.peekTheme(file)).isEqualTo(Theme.LIGHT);

        // after nested fields, and a file the full read refuses: the same as load() gives
        Files.writeString(file, "{\"connections\": [{\"theme\": \"LIGHT\"}], \"theme\": \"DARK\"}");
        assertThat(SettingsStore.peekTheme(file)).isEqualTo(Theme.DARK);
        Files.writeString(file, "{\"connections\": [ {broken");
        assertThat(SettingsStore.peekTheme(file)).isEqualTo(Theme.LIGHT);
    }

    @Test
    void savingLeavesNoTemporaryFilesBehind() throws IOException {
        store().save(store().load().settings().withTheme(Theme.DARK));
        store().save(store().load().settings().withTheme(Theme.LIGHT));

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("settings.json");
        }
    }

    @Test
    void aCorruptFileIsSetAsideDefaultsLoadAndTheUserIsTold() throws IOException {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"theme\": \"DARK\", \"connections\": [ {broken");

        SettingsStore.Loaded loaded = store().load();

        assertThat(loaded.settings().theme()).isEqualTo(Theme.LIGHT);
        assertThat(loaded.problem()).get().asString().contains("damaged").contains(".corrupt-");
        assertThat(Files.exists(file)).isFalse();
        try (Stream<Path> files = Files.list(dir)) {
            Path aside = files.filter(p -> p.getFileName().toString().startsWith("settings.json.corrupt-"))
                    .findFirst().orElseThrow();
            assertThat(Files.readString(aside)).contains("{broken");
        }
    }

    @Test
    void localIsAlwaysPresentAndCannotBeRemoved() {
        Settings settings = new Settings(1, Theme.LIGHT, List.of(), "gone", null, null, null);

        assertThat(settings.connections()).extracting(Connection::isLocal).containsExactly(true);
        assertThat(settings.activeConnectionId()).isEqualTo(Connection.LOCAL_ID);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings.withoutConnection(Connection.LOCAL_ID))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFileHoldsNoSecrets() throws IOException {
        store().save(store().load().settings().withConnection(Connection.aws("P", "prod", "us-east-1", null)));

        String json = Files.readString(dir.resolve("settings.json"));
        assertThat(json).doesNotContainIgnoringCase("secret").doesNotContainIgnoringCase("access_key")
                .contains("\"profile\" : \"prod\"");
    }
}
