package com.endpointstudio.ui.settings;

import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.settings.Theme;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The Settings screen: the theme, and where the studio keeps its files. */
public final class SettingsViewModel {

    private final SettingsModel settings;
    private final StudioPaths paths;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>();

    public SettingsViewModel(SettingsModel settings, StudioPaths paths) {
        this.settings = settings;
        this.paths = paths;
        theme.set(settings.get().theme());
        settings.settingsProperty().addListener((obs, old, now) -> theme.set(now.theme()));
        theme.addListener((obs, old, now) -> {
            if (now != null && now != settings.get().theme()) {
                settings.update(s -> s.withTheme(now));
            }
        });
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public void toggleTheme() {
        theme.set(theme.get() == Theme.DARK ? Theme.LIGHT : Theme.DARK);
    }

    public String settingsFile() {
        return paths.settingsFile().toString();
    }

    public String logFolder() {
        return paths.logDir().toString();
    }

    public String dataFolder() {
        return paths.dataDir().toString();
    }
}
