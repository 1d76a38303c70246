package com.endpointstudio.ui.settings;

import com.endpointstudio.core.settings.Theme;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.stage.FileChooser;
import java.io.File;

/** The Settings screen. */
public final class SettingsController {

    private final SettingsViewModel model;

    @FXML private RadioButton lightTheme;
    @FXML private RadioButton darkTheme;
    @FXML private ToggleGroup themeGroup;
    @FXML private Label settingsFile;
    @FXML private Label dataFolder;
    @FXML private Label logFolder;
    @FXML private TextField pythonField;
    @FXML private Label pythonCheck;
    @FXML private Label dockerStatus;
    @FXML private javafx.scene.control.CheckBox dockerFrameworkImages;
    @FXML private javafx.scene.control.ComboBox<SettingsViewModel.S3Choice> s3Connection;

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
        pythonField.textProperty().bindBidirectional(model.pythonInterpreterProperty());
        pythonCheck.textProperty().bind(model.pythonCheckProperty());
        dockerStatus.textProperty().bind(model.dockerStatusProperty());
        dockerFrameworkImages.selectedProperty().bindBidirectional(model.dockerForFrameworkImagesProperty());
        dockerFrameworkImages.disableProperty().bind(model.dockerAvailableProperty().not()
                .and(model.dockerForFrameworkImagesProperty().not()));
        s3Connection.setItems(model.s3Choices());
        s3Connection.valueProperty().bindBidirectional(model.s3ChoiceProperty());
        model.checkDocker();
    }

    @FXML
    private void onApplyPython() {
        model.applyPythonInterpreter();
    }

    @FXML
    private void onBrowsePython() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Python interpreter for local endpoints");
        File file = chooser.showOpenDialog(pythonField.getScene().getWindow());
        if (file != null) {
            model.pythonInterpreterProperty().set(file.toString());
            model.applyPythonInterpreter();
        }
    }

    private void select(Theme theme) {
        themeGroup.selectToggle(theme == Theme.DARK ? darkTheme : lightTheme);
    }
}
