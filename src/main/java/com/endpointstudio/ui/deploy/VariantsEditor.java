package com.endpointstudio.ui.deploy;

import static com.endpointstudio.ui.deploy.ContainersEditor.button;
import static com.endpointstudio.ui.deploy.ContainersEditor.field;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The endpoint step's production variants: the first is the fields above; each further variant
 * brings its own model (image, model data, environment) and instances, and the weights split the
 * traffic between them, as in an A/B test.
 */
final class VariantsEditor {

    /** SageMaker's limit on the production variants of one endpoint config. */
    static final int MAX_VARIANTS = 10;

    private final DeployDraft draft;
    private final VBox root = new VBox(6);
    private final ListView<VariantDraft> list = new ListView<>();

    VariantsEditor(DeployDraft draft, List<String> instanceTypes) {
        this.draft = draft;
        TextField weight = field("weightField", "1");
        weight.setPrefColumnCount(5);
        weight.textProperty().bindBidirectional(draft.weight);
        Label split = new Label();
        split.setId("trafficSplitLabel");
        split.getStyleClass().add("text-muted");
        split.textProperty().bind(Bindings.createStringBinding(this::describeSplit, draft.weight, draft.variantName,
                draft.moreVariants));
        HBox header = new HBox(8, new Label("Production variants"), new Label("first variant's weight"), weight, split);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getChildren().get(0).getStyleClass().add("title-4");

        list.setId("variantList");
        list.setItems(draft.moreVariants);
        list.setPrefHeight(120);
        list.setPrefWidth(200);
        LiveCells.show(list, (variant, index) -> variant.label(), VariantDraft::all);
        Button add = button("addVariantButton", "Add variant", this::add);
        add.disableProperty().bind(Bindings.size(draft.moreVariants).greaterThanOrEqualTo(MAX_VARIANTS - 1));
        Button remove = button("removeVariantButton", "Remove", () -> draft.moreVariants.remove(
                list.getSelectionModel().getSelectedItem()));
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());

        TextField name = field("variantNameField", "e.g. Challenger");
        TextField share = field("variantWeightField", "1");
        ComboBox<String> type = new ComboBox<>();
        type.setId("variantInstanceTypeChoice");
        type.setEditable(true);
        type.getItems().setAll(instanceTypes);
        Spinner<Integer> count = new Spinner<>(1, 100, 1);
        count.setId("variantCountSpinner");
        count.setEditable(true);
        HBox instances = new HBox(6, type, new Label("×"), count);
        instances.setAlignment(Pos.CENTER_LEFT);
        javafx.scene.control.CheckBox scale = new javafx.scene.control.CheckBox("Autoscaling");
        scale.setId("variantAutoScalingCheck");
        Spinner<Integer> scaleMin = new Spinner<>(1, 1000, 1);
        Spinner<Integer> scaleMax = new Spinner<>(1, 1000, 4);
        TextField scaleTarget = field("variantScaleTargetField", "70");
        scaleTarget.setPrefColumnCount(5);
        Spinner<Integer> scaleIn = new Spinner<>(0, 86_400, 300);
        Spinner<Integer> scaleOut = new Spinner<>(0, 86_400, 60);
        scaleMin.setId("variantScaleMinSpinner");
        scaleMax.setId("variantScaleMaxSpinner");
        for (Spinner<Integer> spinner : List.of(scaleMin, scaleMax, scaleIn, scaleOut)) {
            spinner.setEditable(true);
            spinner.setPrefWidth(90);
            spinner.disableProperty().bind(scale.selectedProperty().not());
        }
        scaleTarget.disableProperty().bind(scale.selectedProperty().not());
        HBox scaling = new HBox(6, scale, new Label("min"), scaleMin, new Label("max"), scaleMax);
        scaling.setAlignment(Pos.CENTER_LEFT);
        HBox policy = new HBox(6, scaleTarget, new Label("invocations per instance a minute"));
        policy.setAlignment(Pos.CENTER_LEFT);
        HBox cooldowns = new HBox(6, new Label("scale-in"), scaleIn, new Label("scale-out"), scaleOut, new Label("s"));
        cooldowns.setAlignment(Pos.CENTER_LEFT);
        TextField image = field("variantImageField", "ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY:TAG");
        TextField data = field("variantModelDataField", "model.tar.gz, a folder, or s3://bucket/key");
        TextArea environment = new TextArea();
        environment.setId("variantEnvironmentArea");
        environment.setPrefRowCount(3);
        environment.getStyleClass().add("code-editor");
        GridPane form = ContainersEditor.form();
        form.addRow(0, new Label("Variant name"), name);
        form.addRow(1, new Label("Weight"), share);
        Label instancesLabel = new Label("Instances");
        Label scalingLabel = new Label("Scaling");
        Label policyLabel = new Label("Target");
        Label cooldownLabel = new Label("Cooldowns");
        form.addRow(2, instancesLabel, instances);
        form.addRow(3, scalingLabel, scaling);
        form.addRow(4, policyLabel, policy);
        form.addRow(5, cooldownLabel, cooldowns);
        form.addRow(6, new Label("Image"), image);
        form.addRow(7, new Label("Model data"), data);
        form.addRow(8, new Label("Environment"), environment);
        // serverless variants have no instances to count or scale
        BooleanBinding serverless = draft.hosting.isEqualTo(DeployDraft.Hosting.SERVERLESS);
        for (javafx.scene.Node node : List.of(instancesLabel, instances, scalingLabel, scaling, policyLabel, policy,
                cooldownLabel, cooldowns)) {
            node.visibleProperty().bind(serverless.not());
            node.managedProperty().bind(serverless.not());
        }
        new ItemForm<>(list, form).property(name.textProperty(), v -> v.variantName)
                .property(share.textProperty(), v -> v.weight).property(type.valueProperty(), v -> v.instanceType)
                .spinner(count, v -> v.instanceCount).property(image.textProperty(), v -> v.image)
                .property(data.textProperty(), v -> v.modelData).lines(environment, v -> v.environment)
                .property(scale.selectedProperty(), v -> v.scaling.enabled).spinner(scaleMin, v -> v.scaling.min)
                .spinner(scaleMax, v -> v.scaling.max).property(scaleTarget.textProperty(), v -> v.scaling.target)
                .spinner(scaleIn, v -> v.scaling.inCooldown).spinner(scaleOut, v -> v.scaling.outCooldown);

        HBox editor = new HBox(8, list, new VBox(6, add, remove), form);
        HBox.setHgrow(form, Priority.ALWAYS);
        Label hint = new Label("Each further variant gets its own model, with the first model's execution role and "
                + "network settings; shift traffic later from the Endpoints screen.");
        hint.setWrapText(true);
        hint.getStyleClass().add("text-muted");
        root.setId("variantsEditor");
        root.getChildren().setAll(header, editor, hint);
    }

    VBox node() {
        return root;
    }

    /** A new variant starts as a copy of the first one's model and instances: the user changes what the test compares. */
    private void add() {
        VariantDraft variant = new VariantDraft();
        variant.variantName.set(freeName());
        variant.weight.set(draft.weight.get());
        variant.instanceType.set(draft.instanceType.get());
        variant.instanceCount.set(draft.instanceCount.get());
        variant.image.set(draft.image.get());
        variant.modelData.set(draft.modelData.get());
        variant.environment.setAll(draft.environment);
        draft.moreVariants.add(variant);
        list.getSelectionModel().select(variant);
    }

    private String freeName() {
        List<String> taken = new ArrayList<>(List.of(draft.variantName.get()));
        draft.moreVariants.forEach(v -> taken.add(v.variantName.get()));
        for (int n = 2; ; n++) {
            String candidate = "Variant" + n;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    private String describeSplit() {
        if (draft.moreVariants.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>(List.of(draft.variantName.get()));
        List<Double> weights = new ArrayList<>(List.of(DeployDraft.number(draft.weight.get(), 1.0)));
        draft.moreVariants.forEach(v -> {
            names.add(v.variantName.get());
            weights.add(DeployDraft.number(v.weight.get(), 1.0));
        });
        double total = weights.stream().mapToDouble(w -> Math.max(0, w)).sum();
        if (total <= 0) {
            return "Traffic: every weight is 0, so no variant would get requests.";
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            parts.add(names.get(i) + " " + String.format(Locale.ROOT, "%.0f %%", 100 * Math.max(0, weights.get(i)) / total));
        }
        return "Traffic: " + String.join(", ", parts);
    }
}
