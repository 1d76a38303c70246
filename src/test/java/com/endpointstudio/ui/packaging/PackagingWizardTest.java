package com.endpointstudio.ui.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.app.StudioStartup;
import com.endpointstudio.app.StudioWindow;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.packaging.Finding;
import com.endpointstudio.core.packaging.Framework;
import com.endpointstudio.testing.MotoServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the Package screen as a user does: pick a framework, drop files, fix, build, reopen. */
class PackagingWizardTest extends FxRobot {

    private static Stage stage;

    @TempDir
    Path dir;

    private StudioServices services;
    private StudioWindow window;
    private List<File> dragged = List.of();

    @BeforeAll
    static void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void open() throws Exception {
        services = new StudioServices(StudioPaths.under(dir.resolve("studio")), MotoServer.awsEnvironment(dir.resolve(".aws")));
        StudioStartup startup = StudioStartup.begin(services);
        FxToolkit.setupFixture(() -> {
            window = new StudioWindow(services, startup, stage);
            Scene scene = window.createScene();
            // Monocle delivers drag-and-drop within one scene: the desktop's icon sits beside the studio.
            Label icon = new Label("files on the desktop");
            icon.setId("desktopFiles");
            icon.setOnDragDetected(event -> {
                ClipboardContent content = new ClipboardContent();
                content.putFiles(dragged);
                icon.startDragAndDrop(TransferMode.COPY).setContent(content);
                event.consume();
            });
            javafx.scene.layout.HBox.setHgrow(window.root(), javafx.scene.layout.Priority.ALWAYS);
            scene.setRoot(new javafx.scene.layout.HBox(window.root(), icon));
            stage.setScene(scene);
            stage.setWidth(1080);
            stage.setHeight(760);
            stage.setX(0);
            stage.setY(0);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        interact(() -> stage.hide());
        services.close();
    }

    /** Drags the stand-in desktop icon, carrying these files, onto the archive tree. */
    private void dragFromDesktop(List<Path> files) {
        dragged = files.stream().map(Path::toFile).map(File::getAbsoluteFile).toList();
        drag("#desktopFiles").dropTo("#archiveTree");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> treePaths() {
        TreeView<ArchiveTreeItems.Entry> tree = lookup("#archiveTree").query();
        return flatten(tree.getRoot()).stream().filter(e -> !e.folder()).map(ArchiveTreeItems.Entry::path).toList();
    }

    private static List<ArchiveTreeItems.Entry> flatten(TreeItem<ArchiveTreeItems.Entry> item) {
        List<ArchiveTreeItems.Entry> all = new java.util.ArrayList<>(List.of(item.getValue()));
        item.getChildren().forEach(child -> all.addAll(flatten(child)));
        return all;
    }

    private List<Finding> findings() {
        return lookup("#findingsList").<Finding>queryListView().getItems();
    }

    @Test
    void dropFixBuildAndReopenAScikitLearnModel() throws Exception {
        Path model = Files.write(dir.resolve("model.joblib"), new byte[2048]);
        Path notes = Files.writeString(dir.resolve("requirements.txt"), "scikit-learn==1.2.1\n");

        ComboBox<Framework> framework = lookup("#frameworkChoice").queryComboBox();
        interact(() -> framework.setValue(Framework.SKLEARN));
        assertThat(lookup("#layoutHint").queryLabeled().getText()).contains("model.joblib");
        clickOn("#nextButton");

        dragFromDesktop(List.of(model, notes));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> treePaths().contains("model.joblib"));
        assertThat(treePaths()).containsExactlyInAnyOrder("code/requirements.txt", "model.joblib");
        assertThat(findings()).anySatisfy(f -> assertThat(f.path()).isEqualTo("code/inference.py"));
        assertThat(lookup("#nextButton").queryButton().isDisabled()).isTrue();

        clickOn("Generate code/inference.py");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(treePaths()).contains("code/inference.py");
        assertThat(findings()).noneMatch(f -> f.severity().name().equals("ERROR"));
        clickOn(lookup(".tree-cell").match(n -> ((javafx.scene.control.TreeCell<?>) n).getText() != null
                && ((javafx.scene.control.TreeCell<?>) n).getText().startsWith("inference.py")).<javafx.scene.Node>query());
        TextArea editor = lookup("#editor").query();
        assertThat(editor.getText()).contains("def model_fn(model_dir)");
        assertThat(editor.isEditable()).isTrue();

        clickOn("#nextButton");
        Path output = dir.resolve("out/model.tar.gz");
        Files.createDirectories(output.getParent());
        interact(() -> lookup("#outputField").queryTextInputControl().setText(output.toString()));
        clickOn("#buildButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#outcomeLabel").queryLabeled().getText().startsWith("Built"));
        assertThat(lookup("#shaValue").queryTextInputControl().getText()).hasSize(64);
        Process tar = new ProcessBuilder("tar", "-tzf", output.toString()).start();
        assertThat(new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines())
                .contains("code/inference.py", "code/requirements.txt", "model.joblib");

        clickOn("#contentsStep");
        dragFromDesktop(List.of(output));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#inspectionBanner").queryLabeled().isVisible());
        assertThat(lookup("#inspectionBanner").queryLabeled().getText()).contains("model.tar.gz").contains("read-only");
        assertThat(treePaths()).containsExactlyInAnyOrder("code/inference.py", "code/requirements.txt", "model.joblib");
        assertThat(lookup("#removeButton").queryButton().isDisabled()).isTrue();
    }

    @Test
    void aTensorFlowSavedModelInTheWrongFolderIsFixedWithOneClick() throws Exception {
        Path export = Files.createDirectories(dir.resolve("export/serving"));
        Files.write(export.resolve("saved_model.pb"), new byte[64]);
        Files.createDirectories(export.resolve("variables"));
        Files.write(export.resolve("variables/variables.index"), new byte[8]);
        interact(() -> lookup("#frameworkChoice").<Framework>queryComboBox().setValue(Framework.TENSORFLOW));
        clickOn("#nextButton");

        dragFromDesktop(List.of(dir.resolve("export")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !treePaths().isEmpty());
        assertThat(treePaths()).containsExactlyInAnyOrder("export/serving/saved_model.pb", "export/serving/variables/variables.index");
        ListView<Finding> list = lookup("#findingsList").queryListView();
        assertThat(list.getItems()).anySatisfy(f -> assertThat(f.message()).contains("not a version number"));

        clickOn("Move into export/serving/1/");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(treePaths()).containsExactlyInAnyOrder("export/serving/1/saved_model.pb",
                "export/serving/1/variables/variables.index");
        assertThat(findings()).noneMatch(f -> f.severity().name().equals("ERROR"))
                .anySatisfy(f -> assertThat(f.message()).startsWith("TensorFlow Serving will serve model `serving`, versions 1"));
        assertThat(cellText("serving/")).contains("served as model `serving`");
        assertThat(cellText("1/")).contains("version 1");
    }

    @Test
    void aScriptOfAnyNameBecomesTheEntryPointAndDeployingSetsSagemakerProgram() throws Exception {
        Path script = Files.writeString(dir.resolve("predict.py"), "import torch\n\n\ndef model_fn(model_dir):\n"
                + "    return torch.nn.Identity()\n");
        interact(() -> lookup("#frameworkChoice").<Framework>queryComboBox().setValue(Framework.PYTORCH));
        clickOn("#nextButton");

        dragFromDesktop(List.of(script));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> treePaths().contains("code/predict.py"));
        assertThat(findings()).anySatisfy(f -> assertThat(f.message()).contains("predict.py would never run"));
        clickOn("Make predict.py the entry point");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lookup("#entryPointChoice").<String>queryComboBox().getValue()).isEqualTo("predict.py");
        assertThat(findings()).noneMatch(f -> f.severity().name().equals("ERROR"))
                .anySatisfy(f -> assertThat(f.message()).startsWith("Code only"));
        assertThat(cellText("predict.py")).contains("entry point (SAGEMAKER_PROGRAM=predict.py)");
        assertThat(lookup("#scriptButton").queryButton().getText()).isEqualTo("New predict.py");

        clickOn("#nextButton");
        Path output = dir.resolve("code-only.tar.gz");
        interact(() -> lookup("#outputField").queryTextInputControl().setText(output.toString()));
        clickOn("#buildButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#outcomeLabel").queryLabeled().getText().startsWith("Built"));
        clickOn("#deployButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#environmentArea").tryQuery().isPresent());
        assertThat(window.deploy().spec().models().get(0).containers().get(0).environment())
                .containsEntry("SAGEMAKER_PROGRAM", "predict.py");
        assertThat(lookup("#environmentArea").queryTextInputControl().getText()).contains("SAGEMAKER_PROGRAM=predict.py");
    }

    /** The text of the tree row whose name starts so. */
    private String cellText(String start) {
        return lookup(".tree-cell").match(n -> ((javafx.scene.control.TreeCell<?>) n).getText() != null
                && ((javafx.scene.control.TreeCell<?>) n).getText().startsWith(start))
                .<javafx.scene.control.TreeCell<?>>query().getText();
    }
}
