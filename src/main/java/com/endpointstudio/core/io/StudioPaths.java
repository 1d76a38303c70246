package com.endpointstudio.core.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The OS's per-user folders for the studio's settings (config) and its journal, history and
 * logs (data). The system property {@code endpointstudio.home} puts both under one folder,
 * which tests and portable installs use.
 */
public record StudioPaths(Path configDir, Path dataDir) {

    public static final String HOME_PROPERTY = "endpointstudio.home";
    private static final String APP = "EndpointStudio";
    private static final String APP_UNIX = "endpoint-studio";

    public static StudioPaths under(Path root) {
        return new StudioPaths(root.resolve("config"), root.resolve("data"));
    }

    public static StudioPaths forCurrentUser() {
        String override = System.getProperty(HOME_PROPERTY);
        if (override != null && !override.isBlank()) {
            return under(Path.of(override));
        }
        return forOs(System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")), System.getenv());
    }

    static StudioPaths forOs(String osName, Path home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            Path roaming = pathOr(env.get("APPDATA"), home.resolve("AppData").resolve("Roaming"));
            Path local = pathOr(env.get("LOCALAPPDATA"), home.resolve("AppData").resolve("Local"));
            return new StudioPaths(roaming.resolve(APP), local.resolve(APP));
        }
        if (os.contains("mac")) {
            Path support = home.resolve("Library").resolve("Application Support").resolve(APP);
            return new StudioPaths(support, support);
        }
        Path config = pathOr(env.get("XDG_CONFIG_HOME"), home.resolve(".config"));
        Path data = pathOr(env.get("XDG_DATA_HOME"), home.resolve(".local").resolve("share"));
        return new StudioPaths(config.resolve(APP_UNIX), data.resolve(APP_UNIX));
    }

    private static Path pathOr(String value, Path fallback) {
        return value == null || value.isBlank() ? fallback : Path.of(value);
    }

    public Path settingsFile() {
        return configDir.resolve("settings.json");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }
}
