package com.endpointstudio.ui.deploy;

import com.endpointstudio.ui.common.FieldMarks;
import com.endpointstudio.ui.common.Plural;
import com.endpointstudio.ui.deploy.DeployViewModel.Step;
import java.io.File;
import com.endpointstudio.ui.common.Views;
import com.endpointstudio.ui.common.WizardSteps;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The Deploy screen: the draft's fields in three steps, the review with its spec and exports. */
public final class DeployController {

    private final DeployViewModel model;
    private final DeployDraft draft;

    @FXML private BorderPane root;
    @FXML private ToggleGroup steps;
    @FXML private ToggleButton modelStep;
    @FXML private ToggleButton endpointStep;
    @FXML private ToggleButton reviewStep;
    @FXML private ToggleButton deployStep;
    @FXML private javafx.scene.layout.StackPane deployPane;
    @FXML private Node modelPane;
    @FXML private Node endpointPane;
    @FXML private javafx.scene.layout.StackPane reviewPane;
    @FXML private TextField nameField;
    @FXML private TextField modelDataField;
    @FXML private TextField bucketField;
    @FXML private TextField prefixField;
    @FXML private CheckBox uncompressedCheck;
    @FXML private TextField imageField;
    @FXML private ComboBox<String> frameworkChoice;
    @FXML private ComboBox<String> versionChoice;
    @FXML private ComboBox<String> pyChoice;
    @FXML private ComboBox<String> baseChoice;
    @FXML private TextField roleField;
    @FXML private ComboBox<String> rolePicker;
    @FXML private TextArea environmentArea;
    @FXML private CheckBox isolationCheck;
    @FXML private TextField subnetsField;
    @FXML private TextField securityGroupsField;
    @FXML private TextField variantField;
    @FXML private ComboBox<String> instanceTypeChoice;
    @FXML private Button recommendButton;
    @FXML private Spinner<Integer> countSpinner;
    @FXML private Label instanceSummaryLabel;
    @FXML private Label instanceTypeLabel;
    @FXML private Node instanceTypeRow;
    @FXML private Label countLabel;
    @FXML private CheckBox multiModelCheck;
    @FXML private Label advancedLabel;
    @FXML private javafx.scene.layout.VBox containersHolder;
    @FXML private javafx.scene.layout.VBox variantsHolder;
    @FXML private javafx.scene.layout.VBox componentHolder;
    @FXML private ComboBox<DeployDraft.Hosting> hostingChoice;
    @FXML private Node serverlessBox;
    @FXML private ComboBox<Integer> serverlessMemoryChoice;
    @FXML private Spinner<Integer> serverlessConcurrencySpinner;
    @FXML private TextField provisionedField;
    @FXML private Node asyncBox;
    @FXML private TextField asyncOutputField;
    @FXML private TextField asyncFailureField;
    @FXML private TextField asyncKmsField;
    @FXML private TextField kmsKeyField;
    @FXML private Label kmsKeyLabel;
    @FXML private TextField captureKmsField;
    @FXML private TextField asyncSuccessField;
    @FXML private TextField asyncErrorField;
    @FXML private TextField asyncPerInstanceField;
    @FXML private CheckBox autoScalingCheck;
    @FXML private Spinner<Integer> scaleMinSpinner;
    @FXML private Spinner<Integer> scaleMaxSpinner;
    @FXML private TextField scaleTargetField;
    @FXML private Label scaleTargetLabel;
    @FXML private Spinner<Integer> scaleInSpinner;
    @FXML private Spinner<Integer> scaleOutSpinner;
    @FXML private CheckBox captureCheck;
    @FXML private Spinner<Integer> captureSamplingSpinner;
    @FXML private TextField captureDestinationField;
    @FXML private CheckBox captureRequestCheck;
    @FXML private CheckBox captureResponseCheck;
    @FXML private TextField captureJsonField;
    @FXML private TextField captureCsvField;
    @FXML private Label instanceCostLabel;
    @FXML private TextArea tagsArea;
    @FXML private Label stepProblem;
    @FXML private Button backButton;
    @FXML private Button nextButton;

    private DeployRunPanel runPanel;

    public DeployController(DeployViewModel model) {
        this.model = model;
        this.draft = model.draft();
    }

    @FXML
    private void initialize() {
        initSteps();
        nameField.textProperty().bindBidirectional(draft.name);
        modelDataField.textProperty().bindBidirectional(draft.modelData);
        bucketField.textProperty().bindBidirectional(draft.uploadBucket);
        prefixField.textProperty().bindBidirectional(draft.uploadPrefix);
        uncompressedCheck.selectedProperty().bindBidirectional(draft.uncompressed);
        imageField.textProperty().bindBidirectional(draft.image);
        initFramework();
        roleField.textProperty().bindBidirectional(draft.role);
        rolePicker.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                draft.role.set(now);
            }
        });
        KeyValueLines.bind(environmentArea, draft.environment);
        isolationCheck.selectedProperty().bindBidirectional(draft.networkIsolation);
        subnetsField.textProperty().bindBidirectional(draft.subnets);
        securityGroupsField.textProperty().bindBidirectional(draft.securityGroups);
        variantField.textProperty().bindBidirectional(draft.variantName);
        instanceTypeChoice.valueProperty().bindBidirectional(draft.instanceType);
        recommendButton.disableProperty().bind(model.validProperty().not());
        recommendButton.setTooltip(new javafx.scene.control.Tooltip("Measures candidate types on temporary endpoints "
                + "(on Local: worker counts); fix the problems listed in the review first"));
        countSpinner.getValueFactory().setValue(draft.instanceCount.get());
        countSpinner.valueProperty().addListener((obs, old, now) -> draft.instanceCount.set(now == null ? 0 : now));
        draft.instanceCount.addListener((obs, old, now) -> countSpinner.getValueFactory().setValue(now.intValue()));
        instanceSummaryLabel.textProperty().bind(model.instanceSummaryProperty());
        instanceCostLabel.textProperty().bind(model.costTextProperty());
        KeyValueLines.bind(tagsArea, draft.tags);
        serverlessMemory = draft.serverlessMemory.asObject();
        initHostingOptions();
        containersHolder.getChildren().setAll(new ContainersEditor(draft).node());
        variantsHolder.getChildren().setAll(new VariantsEditor(draft, model.instanceTypes()).node());
        componentHolder.getChildren().setAll(new ComponentEditor(draft).node());
        // A spec kept whole is edited as JSON: the forms would not reach it.
        containersHolder.disableProperty().bind(draft.advanced.isNotNull());
        variantsHolder.disableProperty().bind(draft.advanced.isNotNull());
        Views.showWhen(Views.styled(root, "aws-only"), model.onLocalProperty().not());
        reviewPane.getChildren().setAll(Views.load("deploy-review.fxml", new ReviewPanel(model)));
        deployPane.getChildren().setAll(Views.load("deploy-run.fxml", runPanel));
        markFields();
        wizard.joinPagesWhenShown();
    }

    /** Each problem the validator finds marks its field, named as the field's label names it. */
    private void markFields() {
        java.util.function.Function<String, java.util.function.Predicate<String>> variant = field -> label ->
                label.equals("Variant " + (draft.variantName.get().isBlank() ? "1" : draft.variantName.get()) + ": "
                        + field);
        new FieldMarks().on("Endpoint name", nameField).on("Model data", modelDataField)
                .on("Upload bucket", bucketField).on("Upload prefix", prefixField).on("Container image", imageField)
                .on("Environment", environmentArea)
                .on("Execution role ARN", roleField).on("Storage KMS key", kmsKeyField)
                .on(variant.apply("Variant name"), variantField).on(variant.apply("Instance type"), instanceTypeChoice)
                .on(variant.apply("Initial instance count"), countSpinner)
                .on(variant.apply("Provisioned concurrency"), provisionedField)
                .on(variant.apply("Autoscaling target"), scaleTargetField)
                .on("Async output path", asyncOutputField).on("Async failure path", asyncFailureField)
                .on("Async success topic", asyncSuccessField).on("Async error topic", asyncErrorField)
                .on("Async max concurrent invocations per instance", asyncPerInstanceField)
                .on("Async output KMS key", asyncKmsField).on("Data capture destination", captureDestinationField)
                .on("Data capture KMS key", captureKmsField).on("Data capture JSON content types", captureJsonField)
                .on("Data capture CSV content types", captureCsvField).follow(model.problems());
    }

    private WizardSteps<Step> wizard;

    private void initSteps() {
        runPanel = new DeployRunPanel(model);
        wizard = new WizardSteps<>(model.stepProperty(), List.of(Step.values()), steps,
                List.of(modelStep, endpointStep, reviewStep, deployStep),
                List.of(modelPane, endpointPane, reviewPane, deployPane));
        wizard.bindNavigation(backButton, nextButton);
        nextButton.disableProperty().bind(model.stepProperty().isEqualTo(Step.DEPLOY));
        model.stepProperty().addListener((obs, old, now) -> runPanel.showTarget());
        stepProblem.textProperty().bind(Bindings.createStringBinding(() -> model.problems().isEmpty() ? ""
                : Plural.of(model.problems().size(), "field") + " to fix — first: " + model.problems().get(0), model.problems()));
    }

    private static final String CUSTOM = "custom image";

    private void initFramework() {
        frameworkChoice.getItems().setAll(CUSTOM);
        frameworkChoice.getItems().addAll(com.endpointstudio.core.image.ImageCatalog.FRAMEWORKS);
        frameworkChoice.setValue(draft.framework.get().isBlank() ? CUSTOM : draft.framework.get());
        frameworkChoice.valueProperty().addListener((obs, old, now) -> draft.framework.set(CUSTOM.equals(now) || now == null
                ? "" : now));
        draft.framework.addListener((obs, old, now) -> frameworkChoice.setValue(now.isBlank() ? CUSTOM : now));
        versionChoice.setItems(model.frameworks().versions());
        versionChoice.valueProperty().bindBidirectional(draft.frameworkVersion);
        pyChoice.setItems(model.frameworks().pyVersions());
        pyChoice.valueProperty().bindBidirectional(draft.pyVersion);
        baseChoice.setItems(model.frameworks().baseFrameworks());
        baseChoice.valueProperty().bindBidirectional(draft.baseFramework);
        var custom = draft.framework.isEmpty();
        versionChoice.disableProperty().bind(custom);
        pyChoice.disableProperty().bind(Bindings.isEmpty(model.frameworks().pyVersions()));
        baseChoice.visibleProperty().bind(draft.framework.isEqualTo("huggingface"));
        imageField.editableProperty().bind(custom);
        instanceTypeChoice.getItems().setAll(model.instanceTypes());
    }

    private void initHostingOptions() {
        multiModelCheck.selectedProperty().bindBidirectional(draft.multiModel);
        hostingChoice.getItems().setAll(DeployDraft.Hosting.values());
        hostingChoice.valueProperty().bindBidirectional(draft.hosting);
        var serverless = draft.hosting.isEqualTo(DeployDraft.Hosting.SERVERLESS);
        serverlessBox.visibleProperty().bind(serverless);
        serverlessBox.managedProperty().bind(serverless);
        asyncBox.visibleProperty().bind(draft.hosting.isEqualTo(DeployDraft.Hosting.ASYNC));
        asyncBox.managedProperty().bind(asyncBox.visibleProperty());
        // serverless endpoints have no instances: their fields go away
        for (Node instanceField : List.<Node>of(instanceTypeLabel, instanceTypeRow, countLabel, countSpinner,
                kmsKeyLabel, kmsKeyField)) {
            instanceField.visibleProperty().bind(serverless.not());
            instanceField.managedProperty().bind(serverless.not());
        }
        serverlessMemoryChoice.getItems().setAll(1024, 2048, 3072, 4096, 5120, 6144);
        serverlessMemoryChoice.valueProperty().bindBidirectional(serverlessMemory);
        spin(serverlessConcurrencySpinner, draft.serverlessConcurrency);
        provisionedField.textProperty().bindBidirectional(draft.provisionedConcurrency);
        asyncOutputField.textProperty().bindBidirectional(draft.asyncOutput);
        asyncFailureField.textProperty().bindBidirectional(draft.asyncFailure);
        asyncSuccessField.textProperty().bindBidirectional(draft.asyncSuccessTopic);
        asyncErrorField.textProperty().bindBidirectional(draft.asyncErrorTopic);
        asyncPerInstanceField.textProperty().bindBidirectional(draft.asyncPerInstance);
        asyncKmsField.textProperty().bindBidirectional(draft.asyncKmsKey);
        kmsKeyField.textProperty().bindBidirectional(draft.kmsKey);
        captureKmsField.textProperty().bindBidirectional(draft.captureKmsKey);
        autoScalingCheck.selectedProperty().bindBidirectional(draft.scaling.enabled);
        autoScalingCheck.textProperty().bind(Bindings.when(draft.component.enabled).then("Autoscaling of the copies")
                .otherwise(Bindings.when(Bindings.isEmpty(draft.moreVariants)).then("Autoscaling")
                .otherwise(Bindings.concat("Autoscaling of ", draft.variantName))));
        autoScalingCheck.disableProperty().bind(serverless);
        scaleTargetLabel.textProperty().bind(Bindings.when(draft.component.enabled)
                .then("target invocations / copy / min").otherwise("target invocations / instance / min"));
        spin(scaleMinSpinner, draft.scaling.min);
        spin(scaleMaxSpinner, draft.scaling.max);
        scaleTargetField.textProperty().bindBidirectional(draft.scaling.target);
        spin(scaleInSpinner, draft.scaling.inCooldown);
        spin(scaleOutSpinner, draft.scaling.outCooldown);
        for (Node field : List.<Node>of(scaleMinSpinner, scaleMaxSpinner, scaleTargetField, scaleInSpinner,
                scaleOutSpinner)) {
            field.disableProperty().bind(draft.scaling.enabled.not().or(serverless));
        }
        captureCheck.selectedProperty().bindBidirectional(draft.capture);
        spin(captureSamplingSpinner, draft.captureSampling);
        captureDestinationField.textProperty().bindBidirectional(draft.captureDestination);
        captureRequestCheck.selectedProperty().bindBidirectional(draft.captureRequest);
        captureResponseCheck.selectedProperty().bindBidirectional(draft.captureResponse);
        captureJsonField.textProperty().bindBidirectional(draft.captureJsonTypes);
        captureCsvField.textProperty().bindBidirectional(draft.captureCsvTypes);
        for (Node field : List.<Node>of(captureSamplingSpinner, captureDestinationField, captureRequestCheck,
                captureResponseCheck, captureJsonField, captureCsvField, captureKmsField)) {
            field.disableProperty().bind(draft.capture.not());
        }
        advancedLabel.textProperty().bind(Bindings.createStringBinding(() -> FormShape.unfit(draft.advanced.get()),
                draft.advanced));
        advancedLabel.visibleProperty().bind(draft.advanced.isNotNull());
        advancedLabel.managedProperty().bind(advancedLabel.visibleProperty());
    }

    /** Held here: a bidirectional binding keeps only weak references to its ends. */
    private javafx.beans.property.ObjectProperty<Integer> serverlessMemory;

    private static void spin(Spinner<Integer> spinner, javafx.beans.property.IntegerProperty value) {
        spinner.getValueFactory().setValue(value.get());
        spinner.valueProperty().addListener((obs, old, now) -> value.set(now == null ? 0 : now));
        value.addListener((obs, old, now) -> spinner.getValueFactory().setValue(now.intValue()));
    }

    @FXML
    private void onListRoles() {
        model.listRoles(roles -> {
            rolePicker.getItems().setAll(roles);
            rolePicker.show();
        });
    }

    @FXML
    private void onPickInstance() {
        var picker = new com.endpointstudio.ui.instance.InstancePicker(
                new com.endpointstudio.ui.instance.InstancePickerModel(model.instanceCatalog(), model.priceRegion()),
                draft.instanceType.get(), window());
        picker.showAndWait().ifPresent(draft.instanceType::set);
    }

    /** Measures candidate types (or, on Local, worker counts) for the draft as it stands. */
    @FXML
    private void onRecommend() {
        if (model.spec() == null || !model.problems().isEmpty()) {
            return;
        }
        var recommending = model.run().recommend(model.spec(), model.target(), model.instanceCatalog());
        new com.endpointstudio.ui.recommend.RecommendDialog(recommending, window()).showAndWait().ifPresent(row ->
                RecommendedVariant.apply(draft, row, recommending.resultProperty().get().workersSweep()));
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    @FXML
    private void onBrowseModelData() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Model data");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Model archives", "*.tar.gz", "*.tgz"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            model.useModelData(file.toPath(), false);
        }
    }

    @FXML
    private void onChooseContainerFolder() {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle("Container folder (with program/serve)");
        File folder = chooser.showDialog(window());
        if (folder != null) {
            model.useContainerFolder(folder.toPath());
        }
    }

    @FXML
    private void onOpenSpec() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a deployment spec");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Deployment specs", "*.json"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            model.loadSpec(file.toPath());
        }
    }

}
