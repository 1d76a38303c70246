package com.endpointstudio.ui.settings;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.endpointstudio.core.settings.Theme;
import javafx.application.Application;

/** Applies the AtlantaFX theme that matches the settings to the whole application. */
public final class ThemeManager {

    private static final String LIGHT = new PrimerLight().getUserAgentStylesheet();
    private static final String DARK = new PrimerDark().getUserAgentStylesheet();

    private ThemeManager() {
    }

    public static void apply(Theme theme) {
        Application.setUserAgentStylesheet(stylesheet(theme));
    }

    public static String stylesheet(Theme theme) {
        return theme == Theme.DARK ? DARK : LIGHT;
    }

    /** Keeps the applied theme in step with the settings from now on. */
    public static void follow(SettingsModel settings) {
        apply(settings.get().theme());
        settings.settingsProperty().addListener((obs, old, now) -> {
            if (old == null || old.theme() != now.theme()) {
                apply(now.theme());
            }
        });
    }
}
