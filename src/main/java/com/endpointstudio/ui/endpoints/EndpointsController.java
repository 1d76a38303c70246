package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.instance.Quantities;
import com.endpointstudio.ui.common.Columns;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;

/** The endpoints table, its filters and totals, and the selected endpoint's details and actions. */
public final class EndpointsController {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d, HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter WHEN_OTHER_YEAR = DateTimeFormatter.ofPattern("MMM d yyyy, HH:mm",
            Locale.ENGLISH).withZone(ZoneId.systemDefault());

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
    @FXML private TextArea detailsArea;
    @FXML private TextArea logArea;

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
        detailsArea.textProperty().bind(model.details().detailsTextProperty());
        logArea.textProperty().bind(model.details().logTextProperty());
        buildTable();
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
        // this computer's endpoints have no instances to change or scale, nor an S3 prefix of models
        var aws = rows.localProperty().not();
        com.endpointstudio.ui.common.Views.showWhen(List.of(updateButton, revertButton, autoScalingButton,
                addModelButton), aws);
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

    private void buildTable() {
        table.setId("endpointsTable");
        table.setPlaceholder(new Label("No endpoints on this connection. Deploy one from the Deploy screen."));
        table.getColumns().add(column("Name", EndpointRow::name, Comparator.naturalOrder(), 220));
        TableColumn<EndpointRow, String> status = new TableColumn<>("Status");
        status.setCellValueFactory(cell -> cell.getValue().statusProperty());
        status.setCellFactory(col -> new StatusBadgeCell());
        status.setPrefWidth(150);
        table.getColumns().add(status);
        table.getColumns().add(column("Kind", EndpointRow::kind, Comparator.naturalOrder(), 90));
        table.getColumns().add(column("Capacity", row -> rows().localProperty().get() ? "this computer"
                : row.capacity().replace(", ", "\n"), Comparator.naturalOrder(), 200));
        // the creation time is in the details below: at 1024 px the names and badges need the room
        table.getColumns().add(column("Last modified", r -> when(r.lastModified()), Comparator.naturalOrder(), 130));
        TableColumn<EndpointRow, Double> cost = new TableColumn<>("Cost / hour");
        cost.setCellValueFactory(cell -> cell.getValue().hourlyProperty());
        cost.setCellFactory(col -> text(value -> value == null ? "—" : Quantities.usd(value)));
        cost.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        table.getColumns().add(cost);
        TableColumn<EndpointRow, Double> calls = new TableColumn<>("Calls 24 h");
        calls.setCellValueFactory(cell -> cell.getValue().callsProperty());
        calls.setCellFactory(col -> text(value -> value == null ? "…" : String.format(Locale.ROOT, "%,.0f", value)));
        calls.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        table.getColumns().add(calls);
        Columns.fit(table);
        Columns.atLeast(table.getColumns().get(0), "fraud-scoring-serverless");
        Columns.atLeast(status, "InService idle");
        status.setMinWidth(status.getMinWidth() + 2 * 16); // the two badges' padding
        Columns.atLeast(table.getColumns().get(2), "serverless");
        Columns.atLeast(table.getColumns().get(3), "ml.g4dn.2xlarge × 2");
        Columns.atLeast(table.getColumns().get(4), "Nov 30, 19:51");
        SortedList<EndpointRow> sorted = new SortedList<>(model.table().shown());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        model.selectedProperty().bind(table.getSelectionModel().selectedItemProperty());
    }

    private static TableColumn<EndpointRow, String> column(String title, Function<EndpointRow, String> value,
                                                           Comparator<String> order, double width) {
        TableColumn<EndpointRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> {
            EndpointRow row = cell.getValue();
            return Bindings.createStringBinding(() -> value.apply(row), row.detailsProperty(), row.statusProperty());
        });
        column.setComparator(order);
        column.setPrefWidth(width);
        return column;
    }

    private static <T> TableCell<EndpointRow, T> text(Function<T, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : format.apply(item));
            }
        };
    }

    /** The status as a coloured badge, with an "idle" badge (and its cost and a delete button) beside it. */
    private final class StatusBadgeCell extends TableCell<EndpointRow, String> {
        @Override
        protected void updateItem(String status, boolean empty) {
            super.updateItem(status, empty);
            if (empty || status == null || getTableRow() == null || getTableRow().getItem() == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            EndpointRow row = getTableRow().getItem();
            Label badge = new Label(status);
            badge.getStyleClass().addAll("status-badge", "status-" + status.toLowerCase(Locale.ROOT));
            HBox box = new HBox(4, badge);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            badge.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            if (row.idleProperty().get()) {
                Label idle = new Label("idle");
                idle.getStyleClass().add("idle-badge");
                idle.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                Double spent = row.idleCostProperty().get();
                Double hourly = row.hourlyProperty().get();
                idle.setTooltip(new javafx.scene.control.Tooltip("No invocations in the window"
                        + (spent == null ? "" : "; it cost " + Quantities.usd(spent) + " meanwhile")
                        + ". Hibernate… keeps its config and models" + (hourly == null ? ""
                        : " and saves " + Quantities.usd(hourly * 24) + " a day") + "; Delete removes it."));
                box.getChildren().add(idle);
            }
            setGraphic(box);
            setText(null);
        }
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

    /** A time in this computer's zone; the year only when it isn't this one. */
    private static String when(java.time.Instant at) {
        if (at == null) {
            return "";
        }
        boolean thisYear = at.atZone(ZoneId.systemDefault()).getYear() == java.time.Year.now().getValue();
        return (thisYear ? WHEN : WHEN_OTHER_YEAR).format(at);
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
        model.catalog().thenAcceptAsync(catalog -> new UpdateEndpointDialog(row.detailsProperty().get(),
                catalog.types().names(), window()).showAndWait().filter(changes -> !changes.isEmpty())
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
