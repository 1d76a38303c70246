package com.endpointstudio.ui.packaging;

import com.endpointstudio.core.packaging.Compression;
import java.io.File;
import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Step 3 of the packaging wizard: the output and compression, Build and Cancel, the result and where it goes next. */
final class BuildPanel {

    private final BuildModel build;

    @FXML private TextField outputField;
    @FXML private RadioButton fastRadio;
    @FXML private RadioButton defaultRadio;
    @FXML private RadioButton storeRadio;
    @FXML private CheckBox uncompressedCheck;
    @FXML private Button buildButton;
    @FXML private Button cancelButton;
    @FXML private ProgressBar buildProgress;
    @FXML private Label progressLabel;
    @FXML private Label outcomeLabel;
    @FXML private GridPane resultGrid;
    @FXML private Button addToEndpointButton;
    @FXML private Label sizeValue;
    @FXML private TextField shaValue;

    BuildPanel(BuildModel build) {
        this.build = build;
    }

    @FXML
    private void initialize() {

        outputField.textProperty().bindBidirectional(build.outputProperty());
        Map<Compression, RadioButton> radios = Map.of(Compression.FAST, fastRadio, Compression.DEFAULT, defaultRadio,
                Compression.STORE, storeRadio);
        radios.get(build.compressionProperty().get()).setSelected(true);
        radios.forEach((level, radio) -> radio.selectedProperty().addListener((obs, old, now) -> {
            if (now) {
                build.compressionProperty().set(level);
            }
        }));
        uncompressedCheck.selectedProperty().bindBidirectional(build.uncompressedProperty());
        radios.values().forEach(radio -> radio.disableProperty().bind(build.uncompressedProperty()));
        buildButton.disableProperty().bind(build.canBuildProperty().not());
        cancelButton.disableProperty().bind(build.runningProperty().not());
        buildProgress.progressProperty().bind(build.progressProperty());
        progressLabel.textProperty().bind(build.progressTextProperty());
        outcomeLabel.textProperty().bind(build.outcomeProperty());
        resultGrid.visibleProperty().bind(build.resultProperty().isNotNull());
        // multi-model endpoints load model.tar.gz archives, not folders of loose files
        addToEndpointButton.disableProperty().bind(build.uncompressedProperty());
        build.resultProperty().addListener((obs, old, now) -> {
            sizeValue.setText(now == null ? "" : Sizes.human(now.bytes()) + " (" + now.bytes() + " bytes)");
            shaValue.setText(now == null ? "" : now.sha256());
        });
    }

    @FXML
    private void onBrowseOutput() {
        if (build.uncompressedProperty().get()) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder for the uncompressed model");
            File folder = chooser.showDialog(window());
            if (folder != null) {
                build.outputProperty().set(folder.toPath().resolve("model").toString());
            }
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the model archive as");
        chooser.setInitialFileName("model.tar.gz");
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            build.outputProperty().set(file.toString());
        }
    }

    @FXML
    private void onBuild() {
        build.start();
    }

    @FXML
    private void onDeploy() {
        build.deploy();
    }

    @FXML
    private void onAddToEndpoint() {
        build.addToEndpoint();
    }

    @FXML
    private void onCancel() {
        build.cancel();
    }

    private Window window() {
        return outputField.getScene() == null ? null : outputField.getScene().getWindow();
    }
}
