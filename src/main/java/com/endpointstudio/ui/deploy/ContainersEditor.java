package com.endpointstudio.ui.deploy;

import com.endpointstudio.ui.deploy.DeployDraft.ExecutionMode;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The model step's containers: one, a serial inference pipeline (each container's output is the
 * next one's input) or a multi-container endpoint (Direct, invoked by hostname). The fields above
 * are the first container; this adds, orders and configures the others.
 */
final class ContainersEditor {

    /** SageMaker's limit on the containers of one model. */
    static final int MAX_CONTAINERS = 15;

    private final DeployDraft draft;
    private final VBox root = new VBox(6);
    private final ListView<ContainerDraft> list = new ListView<>();

    ContainersEditor(DeployDraft draft) {
        this.draft = draft;
        ComboBox<ExecutionMode> mode = new ComboBox<>();
        mode.setId("executionModeChoice");
        mode.getItems().setAll(ExecutionMode.values());
        mode.valueProperty().bindBidirectional(draft.executionMode);
        TextField hostname = field("hostnameField", "hostname of the first container, e.g. preprocess");
        hostname.textProperty().bindBidirectional(draft.hostname);
        BooleanBinding single = draft.executionMode.isEqualTo(ExecutionMode.SINGLE);
        hostname.disableProperty().bind(single);
        javafx.scene.layout.FlowPane modeRow = new javafx.scene.layout.FlowPane(8, 6, new Label("Inference execution"),
                mode, new Label("First container's hostname"), hostname);
        modeRow.setAlignment(Pos.CENTER_LEFT);
        hostname.setPrefColumnCount(30);

        Label hint = new Label();
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        hint.textProperty().bind(Bindings.createStringBinding(() -> switch (draft.executionMode.get()) {
            case SINGLE -> "The fields above describe the model's only container.";
            case SERIAL -> "A serial inference pipeline: the fields above are its first step, and each container "
                    + "below receives the previous one's output, in this order (2 to 15 containers).";
            case DIRECT -> "A multi-container endpoint: each container answers on its own; invocations choose one "
                    + "with TargetContainerHostname (up to 15 containers, each with a hostname).";
        }, draft.executionMode));

        list.setId("containerList");
        list.setItems(draft.moreContainers);
        list.setPrefHeight(130);
        LiveCells.show(list, ContainerDraft::label, ContainerDraft::all);
        Button add = button("addContainerButton", "Add container", this::add);
        add.disableProperty().bind(Bindings.size(draft.moreContainers).greaterThanOrEqualTo(MAX_CONTAINERS - 1));
        Button remove = button("removeContainerButton", "Remove", this::remove);
        Button up = button("containerUpButton", "Move up", () -> move(-1));
        Button down = button("containerDownButton", "Move down", () -> move(1));
        var selected = list.getSelectionModel().selectedItemProperty();
        remove.disableProperty().bind(selected.isNull());
        up.disableProperty().bind(selected.isNull());
        down.disableProperty().bind(selected.isNull());
        VBox buttons = new VBox(6, add, remove, up, down);

        TextField itemHostname = field("containerHostnameField", "e.g. predict");
        TextField itemImage = field("containerImageField", "ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPOSITORY:TAG");
        TextField itemData = field("containerModelDataField", "optional: model.tar.gz, a folder, or s3://bucket/key");
        TextArea itemEnvironment = new TextArea();
        itemEnvironment.setId("containerEnvironmentArea");
        itemEnvironment.setPrefRowCount(3);
        itemEnvironment.setPromptText("KEY=value, one a line");
        itemEnvironment.getStyleClass().add("code-editor");
        GridPane form = form();
        form.addRow(0, new Label("Hostname"), itemHostname);
        form.addRow(1, new Label("Image"), itemImage);
        form.addRow(2, new Label("Model data"), itemData);
        form.addRow(3, new Label("Environment"), itemEnvironment);
        new ItemForm<>(list, form).property(itemHostname.textProperty(), c -> c.hostname)
                .property(itemImage.textProperty(), c -> c.image).property(itemData.textProperty(), c -> c.modelData)
                .lines(itemEnvironment, c -> c.environment);

        HBox editor = new HBox(8, list, buttons, form);
        HBox.setHgrow(form, Priority.ALWAYS);
        editor.visibleProperty().bind(single.not());
        editor.managedProperty().bind(editor.visibleProperty());
        root.setId("containersEditor");
        root.getChildren().setAll(modeRow, hint, editor);
    }

    VBox node() {
        return root;
    }

    private void add() {
        ContainerDraft container = new ContainerDraft();
        container.hostname.set("container-" + (draft.moreContainers.size() + 2));
        draft.moreContainers.add(container);
        list.getSelectionModel().select(container);
    }

    private void remove() {
        draft.moreContainers.remove(list.getSelectionModel().getSelectedItem());
    }

    private void move(int by) {
        int from = list.getSelectionModel().getSelectedIndex();
        int to = from + by;
        if (from < 0 || to < 0 || to >= draft.moreContainers.size()) {
            return;
        }
        ContainerDraft moved = draft.moreContainers.remove(from);
        draft.moreContainers.add(to, moved);
        list.getSelectionModel().select(to);
    }

    static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        return field;
    }

    static Button button(String id, String text, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setMaxWidth(Double.MAX_VALUE);
        button.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        button.setOnAction(e -> action.run());
        return button;
    }

    static GridPane form() {
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(110);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().setAll(labels, fields);
        return form;
    }
}
