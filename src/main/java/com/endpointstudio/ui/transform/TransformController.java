package com.endpointstudio.ui.transform;

import com.endpointstudio.core.hosting.BatchTransforms.OutputObject;
import com.endpointstudio.core.transform.TransformEvent;
import com.endpointstudio.core.transform.TransformJobSpec;
import com.endpointstudio.ui.common.FieldMarks;
import java.io.File;
import java.util.List;
import javafx.beans.property.StringProperty;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/** The Batch transform screen: binds the form to the draft and the run's state to its controls. */
public final class TransformController {

    private static final List<String> TYPES = List.of("text/csv", "application/json", "application/jsonlines",
            "application/x-npy", "application/x-recordio-protobuf", "application/x-image");

    private final TransformViewModel model;

    @FXML private BorderPane root;
    @FXML private ComboBox<ModelSource> sourceChoice;
    @FXML private Label specLabel;
    @FXML private Node specRow;
    @FXML private TextField specField;
    @FXML private Label archiveLabel;
    @FXML private Node archiveRow;
    @FXML private TextField archiveField;
    @FXML private Label frameworkLabel;
    @FXML private Node frameworkRow;
    @FXML private ComboBox<String> frameworkChoice;
    @FXML private TextField frameworkVersionField;
    @FXML private Label roleLabel;
    @FXML private TextField roleField;
    @FXML private Label modelNameLabel;
    @FXML private TextField modelNameField;
    @FXML private TextField inputField;
    @FXML private ComboBox<String> contentTypeChoice;
    @FXML private ComboBox<String> compressionChoice;
    @FXML private ComboBox<String> dataTypeChoice;
    @FXML private ComboBox<String> splitChoice;
    @FXML private ComboBox<String> strategyChoice;
    @FXML private TextField payloadField;
    @FXML private TextField concurrentField;
    @FXML private TextField outputField;
    @FXML private ComboBox<String> acceptChoice;
    @FXML private ComboBox<String> assembleChoice;
    @FXML private TextField inputFilterField;
    @FXML private ComboBox<String> joinChoice;
    @FXML private TextField outputFilterField;
    @FXML private TextField jobNameField;
    @FXML private ComboBox<String> instanceTypeChoice;
    @FXML private TextField instanceCountField;
    @FXML private TextField timeoutField;
    @FXML private TextField retriesField;
    @FXML private TextField outputKmsField;
    @FXML private TextField volumeKmsField;
    @FXML private TextArea environmentArea;
    @FXML private TextArea tagsArea;
    @FXML private Label costLabel;
    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private Button boto3Button;
    @FXML private Button cliButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label outcomeLabel;
    @FXML private Label costAfterLabel;
    @FXML private TabPane tabs;
    @FXML private ListView<com.endpointstudio.core.error.FieldError> problemsList;
    @FXML private Tab timelineTab;
    @FXML private ListView<TransformEvent> timelineList;
    @FXML private Tab outputTab;
    @FXML private ListView<OutputObject> outputsList;
    @FXML private TextArea previewArea;

    public TransformController(TransformViewModel model) {
        this.model = model;
    }

    /** Each problem of the form marks the field it names. */
    private void markFields() {
        new FieldMarks().on("Spec", specField).on("Model", modelNameField)
                .on("Framework version", frameworkVersionField)
                .on("Input", inputField).on("Content type", contentTypeChoice).on("Split type", splitChoice)
                .on("Batch strategy", strategyChoice).on("Max payload (MB)", payloadField)
                .on("Max concurrent transforms", concurrentField).on("Output", outputField).on("Accept", acceptChoice)
                .on("Assemble with", assembleChoice).on("Input filter", inputFilterField).on("Join source", joinChoice)
                .on("Output filter", outputFilterField).on("Job name", jobNameField)
                .on("Instance type", instanceTypeChoice).on("Instance count", instanceCountField)
                .on("Invocation timeout (s)", timeoutField).on("Invocation retries", retriesField)
                .on("Output KMS key", outputKmsField).on("Volume KMS key", volumeKmsField)
                .on("Environment", environmentArea).on("Tags", tagsArea).follow(model.problems());
    }

    @FXML
    private void initialize() {
        TransformDraft draft = model.draft();
        sourceChoice.getItems().setAll(ModelSource.values());
        sourceChoice.valueProperty().bindBidirectional(draft.source);
        sourceChoice.valueProperty().addListener((obs, old, now) -> showSource(now));
        showSource(draft.source.get());
        text(specField, draft.specFile);
        text(archiveField, draft.archive);
        choice(frameworkChoice, draft.framework, List.of("sklearn", "pytorch", "xgboost", "tensorflow", "mxnet",
                "huggingface"));
        text(frameworkVersionField, draft.frameworkVersion);
        text(roleField, draft.executionRole);
        text(modelNameField, draft.modelName);
        text(inputField, draft.input);
        choice(contentTypeChoice, draft.contentType, TYPES);
        choice(compressionChoice, draft.compression, List.of("None", "Gzip"));
        choice(dataTypeChoice, draft.dataType, List.of(TransformJobSpec.S3_PREFIX, TransformJobSpec.MANIFEST_FILE));
        choice(splitChoice, draft.splitType, List.of(TransformJobSpec.SPLIT_NONE, TransformJobSpec.SPLIT_LINE,
                TransformJobSpec.SPLIT_RECORDIO, TransformJobSpec.SPLIT_TFRECORD));
        choice(strategyChoice, draft.batchStrategy, List.of(TransformJobSpec.MULTI_RECORD,
                TransformJobSpec.SINGLE_RECORD));
        text(payloadField, draft.maxPayloadMb);
        text(concurrentField, draft.maxConcurrent);
        text(outputField, draft.output);
        choice(acceptChoice, draft.accept, TYPES);
        choice(assembleChoice, draft.assembleWith, List.of("None", "Line"));
        text(inputFilterField, draft.inputFilter);
        choice(joinChoice, draft.joinSource, List.of("None", "Input"));
        text(outputFilterField, draft.outputFilter);
        text(jobNameField, draft.jobName);
        choice(instanceTypeChoice, draft.instanceType, List.of("ml.m5.large", "ml.m5.xlarge", "ml.c5.xlarge",
                "ml.c5.2xlarge", "ml.m5.4xlarge", "ml.g4dn.xlarge", "ml.g5.xlarge"));
        text(instanceCountField, draft.instanceCount);
        text(timeoutField, draft.invocationTimeout);
        text(retriesField, draft.invocationRetries);
        text(outputKmsField, draft.outputKmsKey);
        text(volumeKmsField, draft.volumeKmsKey);
        environmentArea.textProperty().bindBidirectional(draft.environment);
        tagsArea.textProperty().bindBidirectional(draft.tags);

        TransformRunModel run = model.run();
        costLabel.textProperty().bind(model.costProperty());
        startButton.disableProperty().bind(model.canStartProperty().not());
        stopButton.disableProperty().bind(run.runningProperty().not());
        boto3Button.disableProperty().bind(model.canStartProperty().not());
        cliButton.disableProperty().bind(model.canStartProperty().not());
        progressBar.progressProperty().bind(run.progressProperty());
        outcomeLabel.textProperty().bind(run.outcomeProperty());
        costAfterLabel.textProperty().bind(run.costAfterProperty());
        problemsList.setItems(model.problems());
        problemsList.setPlaceholder(new Label("No problems: the job can start."));
        markFields();
        timelineList.setItems(run.timeline());
        run.timeline().addListener((javafx.collections.ListChangeListener<TransformEvent>) change ->
                timelineList.scrollTo(run.timeline().size() - 1));
        outputsList.setItems(run.outputs());
        outputsList.setPlaceholder(new Label("The job's output appears here once it ended."));
        outputsList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(OutputObject item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name() + "  (" + item.size() + " bytes)");
            }
        });
        outputsList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> run.open(now));
        previewArea.textProperty().bind(run.previewProperty());
        run.runningProperty().addListener((obs, was, now) -> tabs.getSelectionModel().select(now ? timelineTab
                : outputTab));
        model.revalidate();
    }

    private void showSource(ModelSource source) {
        boolean spec = source == ModelSource.SPEC;
        boolean archive = source == ModelSource.ARCHIVE;
        show(spec, specLabel, specRow);
        show(archive, archiveLabel, archiveRow, frameworkLabel, frameworkRow, roleLabel, roleField);
        show(!spec, modelNameLabel, modelNameField);
    }

    private static void show(boolean visible, Node... nodes) {
        for (Node node : nodes) {
            node.setVisible(visible);
            node.setManaged(visible);
        }
    }

    private static void text(TextField field, StringProperty property) {
        field.textProperty().bindBidirectional(property);
    }

    private static void choice(ComboBox<String> box, StringProperty property, List<String> values) {
        box.getItems().setAll(values);
        box.valueProperty().bindBidirectional(property);
    }

    @FXML
    private void onChooseSpec() {
        choose(new FileChooser(), model.draft().specFile, "Deployment spec (*.json)", "*.json");
    }

    @FXML
    private void onChooseArchive() {
        choose(new FileChooser(), model.draft().archive, "Model archive (*.tar.gz)", "*.tar.gz");
    }

    @FXML
    private void onChooseInputFile() {
        choose(new FileChooser(), model.draft().input, null, null);
    }

    @FXML
    private void onChooseInputFolder() {
        folder(model.draft().input);
    }

    @FXML
    private void onChooseOutputFolder() {
        folder(model.draft().output);
    }

    private void choose(FileChooser chooser, StringProperty target, String description, String pattern) {
        if (description != null) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, pattern));
        }
        File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file != null) {
            target.set(file.getAbsolutePath());
        }
    }

    private void folder(StringProperty target) {
        File folder = new DirectoryChooser().showDialog(root.getScene().getWindow());
        if (folder != null) {
            target.set(folder.getAbsolutePath());
        }
    }

    @FXML
    private void onStart() {
        model.start();
    }

    @FXML
    private void onStop() {
        model.run().stop();
    }

    @FXML
    private void onExportBoto3() {
        model.export(true, this::save);
    }

    @FXML
    private void onExportCli() {
        model.export(false, this::save);
    }

    /** Asks where the exported script goes; the model writes it off the FX thread. */
    private void save(String name, String script) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            model.save(file.toPath(), script);
        }
    }

    @FXML
    private void onRefreshOutputs() {
        model.run().refreshOutputs();
    }
}
