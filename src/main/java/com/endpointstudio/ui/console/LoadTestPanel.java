package com.endpointstudio.ui.console;

import com.endpointstudio.core.loadtest.LoadTestReport;
import com.endpointstudio.core.loadtest.LoadTestSnapshot;
import java.io.File;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The console's load test tab: the plan, the live charts, the report and its exports. */
final class LoadTestPanel {

    private final LoadTestViewModel model;

    @FXML private Spinner<Integer> concurrencySpinner;
    @FXML private TextField requestsField;
    @FXML private TextField durationField;
    @FXML private TextField rateField;
    @FXML private TextField warmupField;
    @FXML private Button startLoadTestButton;
    @FXML private Button cancelLoadTestButton;
    @FXML private Label loadTestProblemLabel;
    @FXML private LineChart<Number, Number> latencyChart;
    @FXML private LineChart<Number, Number> throughputChart;
    @FXML private TableView<LoadTestFigures.Figure> loadTestTable;
    @FXML private Button copyLoadTestButton;
    @FXML private Button exportCsvButton;
    @FXML private Button exportJsonButton;

    LoadTestPanel(LoadTestViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        concurrencySpinner.getValueFactory().valueProperty().addListener((obs, old, now) ->
                model.concurrency.set(now == null ? 1 : now));
        requestsField.textProperty().bindBidirectional(model.requests);
        durationField.textProperty().bindBidirectional(model.durationSeconds);
        rateField.textProperty().bindBidirectional(model.rate);
        warmupField.textProperty().bindBidirectional(model.warmupSeconds);
        startLoadTestButton.disableProperty().bind(model.runningProperty());
        cancelLoadTestButton.disableProperty().bind(model.runningProperty().not());
        loadTestProblemLabel.textProperty().bind(model.problemProperty());
        exportCsvButton.disableProperty().bind(model.reportProperty().isNull());
        exportJsonButton.disableProperty().bind(model.reportProperty().isNull());
        XYChart.Series<Number, Number> p50 = series("p50");
        XYChart.Series<Number, Number> p90 = series("p90");
        XYChart.Series<Number, Number> p99 = series("p99");
        XYChart.Series<Number, Number> throughput = series("requests/s");
        latencyChart.getData().setAll(List.of(p50, p90, p99));
        throughputChart.getData().setAll(List.of(throughput));
        model.snapshots().addListener((ListChangeListener<LoadTestSnapshot>) change -> {
            while (change.next()) {
                if (change.wasRemoved() && model.snapshots().isEmpty()) {
                    List.of(p50, p90, p99, throughput).forEach(s -> s.getData().clear());
                }
                for (LoadTestSnapshot second : change.getAddedSubList()) {
                    double x = second.elapsed().toMillis() / 1000.0;
                    p50.getData().add(new XYChart.Data<>(x, second.latency().p50Ms()));
                    p90.getData().add(new XYChart.Data<>(x, second.latency().p90Ms()));
                    p99.getData().add(new XYChart.Data<>(x, second.latency().p99Ms()));
                    throughput.getData().add(new XYChart.Data<>(x, second.throughput()));
                }
            }
        });
        initTable();
        model.useConfirmation(this::confirmCost);
    }

    /** The figures as a table of metric and value; Copy puts them on the clipboard as tab-separated lines. */
    private void initTable() {
        loadTestTable.setItems(model.figures());
        loadTestTable.setPlaceholder(new Label("Start a test: its requests, errors, throughput and latency show "
                + "here."));
        loadTestTable.getStyleClass().add(atlantafx.base.theme.Styles.DENSE);
        loadTestTable.getColumns().setAll(List.of(column("Metric", LoadTestFigures.Figure::metric),
                column("Value", LoadTestFigures.Figure::value)));
        com.endpointstudio.ui.common.Columns.fit(loadTestTable);
        TableColumn<LoadTestFigures.Figure, ?> metric = loadTestTable.getColumns().get(0);
        com.endpointstudio.ui.common.Columns.atLeast(metric, "Service time p50");
        metric.setMaxWidth(metric.getMinWidth() + 40); // the values take the rest
        copyLoadTestButton.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.figures()));
    }

    private static TableColumn<LoadTestFigures.Figure, String> column(String title,
            java.util.function.Function<LoadTestFigures.Figure, String> text) {
        TableColumn<LoadTestFigures.Figure, String> column = new TableColumn<>(title);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyStringWrapper(
                text.apply(cell.getValue())));
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setWrapText(true); // the cost per million is a sentence: whole, on as many lines as it takes
            }
        });
        return column;
    }

    @FXML
    private void onCopyLoadTest() {
        javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
        content.putString(LoadTestFigures.text(model.figures()));
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
    }

    private static XYChart.Series<Number, Number> series(String name) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        return series;
    }

    private boolean confirmCost(String estimate) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, estimate, ButtonType.OK, ButtonType.CANCEL);
        alert.setHeaderText("Load test a paid endpoint?");
        alert.initOwner(window());
        return alert.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    private Window window() {
        return latencyChart.getScene() == null ? null : latencyChart.getScene().getWindow();
    }

    @FXML
    private void onStartLoadTest() {
        model.start();
    }

    @FXML
    private void onCancelLoadTest() {
        model.cancel();
    }

    @FXML
    private void onExportCsv() {
        exportTo("load-test.csv", model::exportCsv);
    }

    @FXML
    private void onExportJson() {
        exportTo("load-test.json", model::exportJson);
    }

    private void exportTo(String name, Consumer<java.nio.file.Path> export) {
        LoadTestReport report = model.reportProperty().get();
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(report == null ? name : report.endpointName() + "-" + name);
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            export.accept(file.toPath());
        }
    }
}
