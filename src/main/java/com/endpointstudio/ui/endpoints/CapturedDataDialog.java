package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.capture.CapturedData;
import com.endpointstudio.core.capture.CapturedRecord;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The captured data viewer: the endpoint's capture files on the left (variant and hour), the
 * records of the chosen file, the chosen record's request and response, and Send again.
 */
final class CapturedDataDialog extends Dialog<Void> {

    CapturedDataDialog(CapturedDataViewModel model, Window owner) {
        setTitle(model.title());
        setHeaderText(null);
        if (owner != null) {
            initOwner(owner);
        }
        initModality(Modality.NONE);
        setResizable(true);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().setPrefSize(980, 620);

        ListView<CapturedData.CaptureFile> files = new ListView<>(model.files());
        files.setId("captureFiles");
        files.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(CapturedData.CaptureFile file, boolean empty) {
                super.updateItem(file, empty);
                setText(empty || file == null ? null : file.variant() + " · " + file.hour() + " UTC\n"
                        + file.uri().substring(file.uri().lastIndexOf('/') + 1));
            }
        });
        files.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.fileProperty().set(now);
            }
        });
        model.fileProperty().addListener((obs, old, now) -> files.getSelectionModel().select(now));
        files.setPlaceholder(new Label("No capture files"));
        files.setPrefWidth(250);

        TableView<CapturedRecord> records = new TableView<>(model.records());
        records.setId("capturedRecords");
        records.setPlaceholder(new Label("No records"));
        records.getColumns().add(column("Time (UTC)", r -> CapturedDataViewModel.when(r.inferenceTime()), 105));
        records.getColumns().add(column("Inference id", r -> r.inferenceId() == null ? "" : r.inferenceId(), 170));
        records.getColumns().add(column("Request", r -> r.input() == null ? "—" : r.input().observedContentType(), 160));
        records.getColumns().add(column("Response", r -> r.output() == null ? "—" : r.output().observedContentType(),
                160));
        records.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        records.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.recordProperty().set(now);
            }
        });
        model.recordProperty().addListener((obs, old, now) -> records.getSelectionModel().select(now));

        TextArea record = new TextArea();
        record.setId("capturedRecord");
        record.setEditable(false);
        record.getStyleClass().add("code-editor");
        record.setWrapText(true);
        record.textProperty().bind(model.recordTextProperty());
        TextArea resent = new TextArea();
        resent.setId("resentAnswer");
        resent.setEditable(false);
        resent.getStyleClass().add("code-editor");
        resent.setWrapText(true);
        resent.setPromptText("Send again shows the answer here");
        resent.textProperty().bind(model.resentProperty());
        Button sendAgain = new Button("Send again");
        sendAgain.setId("sendAgain");
        sendAgain.setOnAction(event -> model.sendAgain());
        sendAgain.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        sendAgain.setTooltip(new Tooltip("Sends the captured request to the variant that answered it"));
        sendAgain.disableProperty().bind(model.recordProperty().isNull().or(model.busyProperty()));
        if (!model.canSendAgain()) {
            sendAgain.disableProperty().unbind();
            sendAgain.setDisable(true);
            Tooltip.install(records, new Tooltip("An asynchronous endpoint takes a request again from the Console, "
                    + "in asynchronous mode."));
        }
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.busyProperty());
        HBox actions = new HBox(8, sendAgain, busy);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label captured = new Label("As captured");
        captured.getStyleClass().add("text-muted");
        captured.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox capturedHead = new HBox(captured);
        capturedHead.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        capturedHead.minHeightProperty().bind(actions.heightProperty());
        VBox then = new VBox(4, capturedHead, record);
        VBox again = new VBox(4, actions, resent);
        VBox.setVgrow(record, Priority.ALWAYS);
        VBox.setVgrow(resent, Priority.ALWAYS);
        SplitPane compare = new SplitPane(then, again);
        compare.setDividerPositions(0.5);

        SplitPane right = new SplitPane(records, compare);
        right.setOrientation(javafx.geometry.Orientation.VERTICAL);
        right.setDividerPositions(0.35);
        BorderPane split = new BorderPane(right);
        split.setLeft(files);
        BorderPane.setMargin(files, new javafx.geometry.Insets(0, 6, 0, 0));

        Label progress = new Label();
        progress.setWrapText(true);
        progress.textProperty().bind(model.progressProperty());
        BorderPane content = new BorderPane(split);
        content.setTop(progress);
        BorderPane.setMargin(progress, new javafx.geometry.Insets(0, 0, 6, 0));
        getDialogPane().setContent(content);
        setOnHidden(event -> model.close());
    }

    private static TableColumn<CapturedRecord, String> column(String title, Function<CapturedRecord, String> value,
                                                              double width) {
        TableColumn<CapturedRecord, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
