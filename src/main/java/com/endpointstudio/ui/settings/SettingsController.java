package com.endpointstudio.ui.settings;

import com.endpointstudio.core.settings.Theme;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;

/** The Settings screen. */
public final class SettingsController {

    private final SettingsViewModel model;

    @FXML private RadioButton lightTheme;
    @FXML private RadioButton darkTheme;
    @FXML private ToggleGroup themeGroup;
    @FXML private Label settingsFile;
    @FXML private Label dataFolder;
    @FXML private Label logFolder;

    public SettingsController(SettingsViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        lightTheme.setUserData(Theme.LIGHT);
        darkTheme.setUserData(Theme.DARK);
        select(model.themeProperty().get());
        model.themeProperty().addListener((obs, old, now) -> select(now));
        themeGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.themeProperty().set((Theme) now.getUserData());
            }
        });
        settingsFile.setText(model.settingsFile());
        dataFolder.setText(model.dataFolder());
        logFolder.setText(model.logFolder());
    }

    private void select(Theme theme) {
        themeGroup.selectToggle(theme == Theme.DARK ? darkTheme : lightTheme);
    }
}
