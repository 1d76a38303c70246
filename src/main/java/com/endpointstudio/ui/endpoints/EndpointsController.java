package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.instance.Quantities;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;

/** The endpoints table, its filters and totals, and the selected endpoint's details and actions. */
public final class EndpointsController {

    private final EndpointsViewModel model;

    @FXML private BorderPane root;
    @FXML private TextField searchField;
    @FXML private ComboBox<String> statusChoice;
    @FXML private ComboBox<String> kindChoice;
    @FXML private ComboBox<EndpointsViewModel.Refresh> refreshChoice;
    @FXML private Button loadButton;
    @FXML private ProgressIndicator loadingIndicator;
    @FXML private Label totalsLabel;
    @FXML private TableView<EndpointRow> table;
    @FXML private Button invokeButton;
    @FXML private Button metricsButton;
    @FXML private Button updateButton;
    @FXML private Button revertButton;
    @FXML private Button deleteButton;
    @FXML private Button hibernateButton;
    @FXML private Button openSpecButton;
    @FXML private Button addModelButton;
    @FXML private Button captureButton;
    @FXML private Button copiesButton;
    @FXML private javafx.scene.control.Tab componentsTab;
    @FXML private TextArea componentsArea;
    @FXML private Button autoScalingButton;
    @FXML private Button cancelUploadButton;
    @FXML private javafx.scene.Node offerBox;
    @FXML private Label offerLabel;
    @FXML private Label progressLabel;
    @FXML private Label awsOnlyNote;
    @FXML private TableView<EndpointFacts.Fact> detailsTable;
    @FXML private TextArea logArea;
    @FXML private javafx.scene.control.Tab diagnosisTab;

    public EndpointsController(EndpointsViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        EndpointsTableModel rows = model.table();
        searchField.textProperty().bindBidirectional(rows.search);
        statusChoice.getItems().setAll(EndpointsTableModel.statuses());
        statusChoice.valueProperty().bindBidirectional(rows.statusFilter);
        kindChoice.getItems().setAll(EndpointsTableModel.kinds());
        kindChoice.valueProperty().bindBidirectional(rows.kindFilter);
        refreshChoice.getItems().setAll(EndpointsViewModel.Refresh.values());
        refreshChoice.valueProperty().bindBidirectional(model.refresh);
        loadButton.disableProperty().bind(rows.loadingProperty());
        loadingIndicator.visibleProperty().bind(rows.loadingProperty());
        totalsLabel.textProperty().bind(rows.totalsProperty());
        progressLabel.textProperty().bind(model.actions().progressProperty());
        model.hibernation().progressProperty().addListener((obs, old, now) -> model.actions().progressProperty()
                .set(now));
        ((javafx.scene.layout.VBox) root.getTop()).getChildren().add(new HibernatedPane(model.hibernation(),
                record -> model.hibernation().wake(model.connection(), record)));
        hibernateButton.disableProperty().bind(Bindings.createBooleanBinding(() -> model.selectedProperty().get() == null
                || !"InService".equals(model.selectedProperty().get().statusProperty().get()),
                model.selectedProperty()).or(model.hibernation().busyProperty()));
        openSpecButton.disableProperty().bind(Bindings.createBooleanBinding(() -> model.selectedProperty().get() == null
                || model.connection() == null || model.connection().isLocal(), model.selectedProperty()));
        openSpecButton.setTooltip(new javafx.scene.control.Tooltip("Opens the endpoint in the deploy wizard as the "
                + "spec that would make it, to export, change or deploy elsewhere (endpoints on AWS)"));
        hibernateButton.setTooltip(new javafx.scene.control.Tooltip("Deletes the endpoint but keeps its config, "
                + "models, tags and autoscaling, so it stops billing; Wake makes it again"));
        EndpointFactsTable.build(detailsTable, model.details().facts());
        logArea.textProperty().bind(model.details().logTextProperty());
        if (model.diagnosis() != null) {
            diagnosisTab.setContent(com.endpointstudio.ui.common.Views.load("endpoints-diagnosis.fxml",
                    new com.endpointstudio.ui.doctor.DiagnosisPanel(model.diagnosis())));
        }
        EndpointsTable.build(table, model.table());
        model.selectedProperty().bind(table.getSelectionModel().selectedItemProperty());
        var none = model.selectedProperty().isNull();
        invokeButton.disableProperty().bind(none);
        metricsButton.disableProperty().bind(none);
        updateButton.disableProperty().bind(none);
        deleteButton.disableProperty().bind(none);
        revertButton.disableProperty().bind(Bindings.or(none, model.details().canRevertProperty().not()));
        addModelButton.disableProperty().bind(model.details().multiModelProperty().not());
        captureButton.disableProperty().bind(Bindings.or(none, model.details().capturesProperty().not()));
        var components = model.components();
        copiesButton.disableProperty().bind(Bindings.isEmpty(components.components()));
        componentsArea.textProperty().bind(components.textProperty());
        componentsTab.disableProperty().bind(Bindings.isEmpty(components.components()));
        autoScalingButton.disableProperty().bind(model.selectedProperty().isNull());
        // this computer's endpoints change weights and counts in place and take models into their folder,
        // but have no endpoint configs to revert to nor Application Auto Scaling
        var aws = rows.localProperty().not();
        com.endpointstudio.ui.common.Views.showWhen(List.of(revertButton, autoScalingButton), aws);
        awsOnlyNote.visibleProperty().bind(rows.localProperty());
        awsOnlyNote.managedProperty().bind(rows.localProperty());
        cancelUploadButton.visibleProperty().bind(model.actions().busyProperty());
        cancelUploadButton.managedProperty().bind(cancelUploadButton.visibleProperty());
        var offered = model.actions().offeredArchiveProperty();
        offerBox.visibleProperty().bind(offered.isNotNull());
        offerBox.managedProperty().bind(offerBox.visibleProperty());
        offerLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> offered.get() == null ? ""
                : "Select a multi-model endpoint, then Add model… uploads " + offered.get().getFileName()
                + " under its model prefix.", offered));
    }

    @FXML
    private void onOpenSpec() {
        model.openSpecOfSelected();
    }

    @FXML
    private void onHibernate() {
        confirmHibernate(model.selectedProperty().get());
    }

    private void confirmHibernate(EndpointRow row) {
        if (row == null) {
            return;
        }
        Double hourly = row.hourlyProperty().get();
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Hibernate deletes " + row.name() + " so it stops billing"
                + (hourly == null ? "" : " (" + Quantities.usd(hourly * 24) + " a day)") + ", and keeps its endpoint "
                + "config, models, tags and autoscaling. Wake makes it again, which takes as long as a deploy.",
                javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
        ask.setHeaderText("Hibernate " + row.name() + "?");
        ask.initOwner(window());
        ask.showAndWait().filter(javafx.scene.control.ButtonType.OK::equals).ifPresent(ok -> model.hibernate(row));
    }


    private EndpointsTableModel rows() {
        return model.table();
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    @FXML
    private void onLoad() {
        model.load();
    }

    @FXML
    private void onInvoke() {
        model.invokeSelected();
    }

    @FXML
    private void onMetrics() {
        model.metricsOfSelected();
    }

    @FXML
    private void onUpdate() {
        EndpointRow row = model.selectedProperty().get();
        if (row == null || row.detailsProperty().get() == null) {
            return;
        }
        boolean local = model.connection() != null && model.connection().isLocal();
        model.catalog().thenAcceptAsync(catalog -> new UpdateEndpointDialog(row.detailsProperty().get(),
                catalog.types().names(), local, window()).showAndWait().filter(changes -> !changes.isEmpty())
                .ifPresent(changes -> model.update(row, changes)), javafx.application.Platform::runLater);
    }

    @FXML
    private void onAddModel() {
        EndpointRow row = model.selectedProperty().get();
        if (row == null) {
            return;
        }
        if (model.actions().offeredArchiveProperty().get() != null) {
            model.addModel(row, model.actions().offeredArchiveProperty().get());
            return;
        }
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle("A packaged model to add to " + row.name());
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Model archives", "*.tar.gz"));
        java.io.File file = chooser.showOpenDialog(window());
        if (file != null) {
            model.addModel(row, file.toPath());
        }
    }

    @FXML
    private void onCapturedData() {
        EndpointRow row = model.selectedProperty().get();
        if (row != null && row.detailsProperty().get() != null) {
            CapturedDataViewModel viewer = model.capturedData(row);
            new CapturedDataDialog(viewer, window()).show();
            viewer.load();
        }
    }

    @FXML
    private void onCopies() {
        EndpointRow row = model.selectedProperty().get();
        if (row != null) {
            new ComponentCopiesDialog(row.name(), model.components().components(), window()).showAndWait()
                    .ifPresent(change -> model.components().setCopies(change.component(), change.copies()));
        }
    }

    @FXML
    private void onAutoScaling() {
        EndpointRow row = model.selectedProperty().get();
        model.readAutoScaling(row, current -> new AutoScalingDialog(row.detailsProperty().get(), current, window())
                .showAndWait().filter(changes -> !changes.isEmpty())
                .ifPresent(changes -> model.changeAutoScaling(row, changes)));
    }

    @FXML
    private void onCancelUpload() {
        model.actions().cancel();
    }

    @FXML
    private void onDismissOffer() {
        model.actions().offeredArchiveProperty().set(null);
    }

    @FXML
    private void onRevert() {
        model.revert(model.selectedProperty().get());
    }

    @FXML
    private void onDelete() {
        EndpointRow row = model.selectedProperty().get();
        if (row != null) {
            confirmDelete(row);
        }
    }

    private void confirmDelete(EndpointRow row) {
        new DeleteEndpointDialog(row, window()).showAndWait().ifPresent(cascade -> model.delete(row, cascade,
                outcome -> {
                    Alert done = new Alert(Alert.AlertType.INFORMATION, String.join("\n", outcome.deleted().stream()
                            .map(line -> "Deleted " + line).toList()) + (outcome.kept().isEmpty() ? "" : "\n"
                            + String.join("\n", outcome.kept().stream().map(line -> "Kept " + line).toList())));
                    done.setHeaderText(row.name() + " deleted");
                    done.initOwner(window());
                    done.show();
                }));
    }
}
