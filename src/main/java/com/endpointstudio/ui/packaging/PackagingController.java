package com.endpointstudio.ui.packaging;

import com.endpointstudio.core.packaging.ArchiveContents;
import com.endpointstudio.core.packaging.ArchivePaths;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.Finding;
import com.endpointstudio.core.packaging.Framework;
import com.endpointstudio.core.packaging.FrameworkLayout;
import com.endpointstudio.core.packaging.Inspection;
import com.endpointstudio.ui.packaging.ArchiveTreeItems.Entry;
import com.endpointstudio.ui.packaging.PackagingViewModel.Step;
import java.io.File;
import com.endpointstudio.ui.common.WizardSteps;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.TreeView;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The Package screen: three wizard steps over one {@link PackagingViewModel}. */
public final class PackagingController {

    private final PackagingViewModel model;
    private final BuildModel build;

    @FXML private BorderPane root;
    @FXML private ToggleGroup steps;
    @FXML private ToggleButton frameworkStep;
    @FXML private ToggleButton contentsStep;
    @FXML private ToggleButton buildStep;
    @FXML private Node frameworkPane;
    @FXML private Node contentsPane;
    @FXML private javafx.scene.layout.StackPane buildPane;
    @FXML private ComboBox<Framework> frameworkChoice;
    @FXML private ComboBox<String> versionChoice;
    @FXML private ComboBox<String> entryPointChoice;
    @FXML private Label layoutHint;
    @FXML private Button renameButton;
    @FXML private Button moveButton;
    @FXML private Button removeButton;
    @FXML private Button scriptButton;
    @FXML private Button requirementsButton;
    @FXML private Button addFilesButton;
    @FXML private Button addFolderButton;
    @FXML private Label inspectionBanner;
    @FXML private Button closeInspectionButton;
    @FXML private TreeView<Entry> archiveTree;
    @FXML private Label editorTitle;
    @FXML private TextArea editor;
    @FXML private Label editorHint;
    @FXML private Label findingsTitle;
    @FXML private ListView<Finding> findingsList;
    @FXML private Button backButton;
    @FXML private Button nextButton;

    private ArchiveEditor archive;
    private WizardSteps<Step> wizard;

    public PackagingController(PackagingViewModel model) {
        this.model = model;
        this.build = model.build();
    }

    @FXML
    private void initialize() {
        initSteps();
        initFramework();
        initContents();
        buildPane.getChildren().setAll(com.endpointstudio.ui.common.Views.load("packaging-build.fxml",
                new BuildPanel(build)));
        installDropTarget();
        wizard.joinPagesWhenShown();
    }

    private void initSteps() {
        wizard = new WizardSteps<>(model.stepProperty(), List.of(Step.values()), steps,
                List.of(frameworkStep, contentsStep, buildStep), List.of(frameworkPane, contentsPane, buildPane));
        wizard.bindNavigation(backButton, nextButton);
        buildStep.disableProperty().bind(nextBlocked());
        nextButton.disableProperty().bind(model.stepProperty().isEqualTo(Step.BUILD)
                .or(model.stepProperty().isEqualTo(Step.CONTENTS).and(nextBlocked())));
    }

    /** Building needs a tree being assembled, not empty and without errors. */
    private BooleanBinding nextBlocked() {
        return Bindings.createBooleanBinding(() -> model.hasErrorsProperty().get()
                        || model.inspectionProperty().get() != null || model.tree().isEmpty(),
                model.hasErrorsProperty(), model.inspectionProperty(), model.revisionProperty());
    }

    private void initFramework() {
        frameworkChoice.getItems().setAll(Framework.values());
        frameworkChoice.valueProperty().bindBidirectional(model.frameworkProperty());
        versionChoice.setItems(model.versions());
        versionChoice.valueProperty().bindBidirectional(model.frameworkVersionProperty());
        versionChoice.disableProperty().bind(model.frameworkProperty().isEqualTo(Framework.CUSTOM));
        entryPointChoice.valueProperty().bindBidirectional(model.entryPointProperty());
        // refreshed as the list opens, never dropping the chosen name, so the value is not cleared under it
        entryPointChoice.setOnShowing(event -> {
            entryPointChoice.getItems().removeIf(name -> !model.entryPoints().contains(name));
            model.entryPoints().stream().filter(name -> !entryPointChoice.getItems().contains(name))
                    .forEach(entryPointChoice.getItems()::add);
        });
        // TensorFlow Serving runs only code/inference.py
        entryPointChoice.disableProperty().bind(model.frameworkProperty().isEqualTo(Framework.TENSORFLOW));
        layoutHint.textProperty().bind(Bindings.createStringBinding(() -> FrameworkLayout.describe(model.target()),
                model.frameworkProperty(), model.entryPointProperty()));
        scriptButton.textProperty().bind(Bindings.createStringBinding(() -> "New "
                + ArchivePaths.fileName(model.target().script()), model.frameworkProperty(), model.entryPointProperty()));
    }

    private void initContents() {
        ObservableValue<Inspection> inspection = model.inspectionProperty();
        BooleanBinding inspecting = Bindings.isNotNull(model.inspectionProperty());
        var selected = archiveTree.getSelectionModel().selectedItemProperty();
        BooleanBinding noEditableSelection = Bindings.createBooleanBinding(() -> inspection.getValue() != null
                || selected.get() == null || selected.get().getValue().path().isEmpty(), selected, inspection);
        renameButton.disableProperty().bind(noEditableSelection);
        moveButton.disableProperty().bind(noEditableSelection);
        removeButton.disableProperty().bind(noEditableSelection);
        scriptButton.disableProperty().bind(inspecting.or(model.frameworkProperty().isEqualTo(Framework.CUSTOM)));
        requirementsButton.disableProperty().bind(inspecting);
        inspectionBanner.visibleProperty().bind(inspecting);
        inspectionBanner.managedProperty().bind(inspecting);
        closeInspectionButton.visibleProperty().bind(inspecting);
        closeInspectionButton.managedProperty().bind(inspecting);
        inspectionBanner.textProperty().bind(Bindings.createStringBinding(() -> inspection.getValue() == null ? ""
                : "Checking " + inspection.getValue().archive() + " (read-only, nothing was extracted).", inspection));

        archive = new ArchiveEditor(model, archiveTree, editor, editorTitle, editorHint);
        archive.bindFindings(findingsList, findingsTitle);
    }

    private void installDropTarget() {
        root.setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
            }
            event.consume();
        });
        root.setOnDragDropped(event -> {
            List<File> files = event.getDragboard().hasFiles() ? event.getDragboard().getFiles() : List.of();
            if (!files.isEmpty()) {
                model.drop(files.stream().map(File::toPath).toList());
            }
            event.setDropCompleted(!files.isEmpty());
            event.consume();
        });
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    @FXML
    private void onAddFiles() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Add files to the archive");
        List<File> files = chooser.showOpenMultipleDialog(window());
        if (files != null && !files.isEmpty()) {
            model.drop(files.stream().map(File::toPath).toList());
        }
    }

    @FXML
    private void onAddFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Add a folder to the archive");
        File folder = chooser.showDialog(window());
        if (folder != null) {
            model.drop(List.of(folder.toPath()));
        }
    }

    @FXML
    private void onOpenArchive() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a model archive");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Model archives", "*.tar.gz", "*.tgz", "*.tar"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            model.open(file.toPath());
        }
    }

    @FXML
    private void onSample() {
        model.loadSample();
    }

    @FXML
    private void onCloseInspection() {
        model.closeInspection();
    }

    @FXML
    private void onRename() {
        Entry entry = selectedEntry();
        if (entry != null) {
            ask("Rename", "New name for " + entry.path(), entry.name()).ifPresent(name -> model.rename(entry.path(), name));
        }
    }

    @FXML
    private void onMove() {
        Entry entry = selectedEntry();
        if (entry != null) {
            ask("Move", "New path inside the archive for " + entry.path(), entry.path())
                    .ifPresent(path -> model.move(entry.path(), path));
        }
    }

    @FXML
    private void onRemove() {
        Entry entry = selectedEntry();
        if (entry != null) {
            model.remove(entry.path());
        }
    }

    @FXML
    private void onGenerateScript() {
        model.generateScript();
        archive.select(model.target().script());
    }

    @FXML
    private void onRequirements() {
        model.createRequirements();
        archive.select(FrameworkLayout.REQUIREMENTS);
    }

    private Entry selectedEntry() {
        return archive.selected();
    }

    private Optional<String> ask(String title, String header, String initial) {
        TextInputDialog dialog = new TextInputDialog(initial);
        dialog.initOwner(window());
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        return dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

}
