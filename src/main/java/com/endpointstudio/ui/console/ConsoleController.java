package com.endpointstudio.ui.console;

import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.invoke.InvocationSnippets;
import com.endpointstudio.core.invoke.Payloads;
import com.endpointstudio.core.invoke.history.HistoryEntry;
import com.endpointstudio.core.invoke.history.SavedRequest;
import com.endpointstudio.core.loadtest.LoadTestReport;
import com.endpointstudio.core.loadtest.LoadTestSnapshot;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The Console screen: request editor, response views, history, and the load test tab. */
public final class ConsoleController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int HEX_BYTES = 64 * 1024;

    private final ConsoleViewModel model;
    private final LoadTestViewModel loadTest;
    private final Consumer<String> openDocument;

    @FXML private BorderPane root;
    @FXML private ComboBox<String> endpointChoice;
    @FXML private ComboBox<ConsoleViewModel.Mode> modeChoice;
    @FXML private TextField asyncPrefixField;
    @FXML private ProgressIndicator sendingIndicator;
    @FXML private Button sendButton;
    @FXML private Button cancelButton;
    @FXML private TabPane tabs;
    @FXML private Tab loadTestTab;
    @FXML private ComboBox<String> contentTypeChoice;
    @FXML private ComboBox<String> acceptChoice;
    @FXML private TextField targetVariantField;
    @FXML private ComboBox<String> targetModelChoice;
    @FXML private TextField targetContainerField;
    @FXML private TextField inferenceComponentField;
    @FXML private TextField inferenceIdField;
    @FXML private TextField customAttributesField;
    @FXML private Button formatJsonButton;
    @FXML private Button clearFileButton;
    @FXML private TextArea bodyArea;
    @FXML private Label bodySummaryLabel;
    @FXML private Label requestProblemLabel;
    @FXML private ComboBox<SavedRequest> savedChoice;
    @FXML private Label statusLabel;
    @FXML private Label detailLabel;
    @FXML private Label progressLabel;
    @FXML private VBox errorBox;
    @FXML private Label errorLabel;
    @FXML private Hyperlink logLink;
    @FXML private TabPane responseTabs;
    @FXML private Tab bodyTab;
    @FXML private Tab tableTab;
    @FXML private Tab imageTab;
    @FXML private Tab hexTab;
    @FXML private TextArea responseText;
    @FXML private TableView<List<String>> csvTable;
    @FXML private ImageView responseImage;
    @FXML private TextArea hexText;
    @FXML private TextField historySearchField;
    @FXML private ListView<HistoryEntry> historyList;
    @FXML private Button sendAgainButton;
    @FXML private MenuButton copyAsMenu;
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
    @FXML private TextArea loadTestSummary;
    @FXML private Button exportCsvButton;
    @FXML private Button exportJsonButton;

    /** @param openDocument opens a URL in the user's browser (log pages, log files) */
    public ConsoleController(ConsoleViewModel model, LoadTestViewModel loadTest, Consumer<String> openDocument) {
        this.model = model;
        this.loadTest = loadTest;
        this.openDocument = openDocument;
    }

    @FXML
    private void initialize() {
        initRequest();
        initResponse();
        initHistory();
        initLoadTest();
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
            if (new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN).match(event)) {
                model.send();
                event.consume();
            }
        });
    }

    private void initRequest() {
        endpointChoice.setItems(model.endpoints());
        endpointChoice.valueProperty().bindBidirectional(model.endpointName);
        endpointChoice.getEditor().textProperty().addListener((obs, old, now) -> model.endpointName.set(now));
        modeChoice.getItems().setAll(ConsoleViewModel.Mode.values());
        modeChoice.valueProperty().bindBidirectional(model.mode);
        asyncPrefixField.textProperty().bindBidirectional(model.asyncInputPrefix);
        asyncPrefixField.visibleProperty().bind(model.mode.isEqualTo(ConsoleViewModel.Mode.ASYNC));
        asyncPrefixField.managedProperty().bind(asyncPrefixField.visibleProperty());
        sendingIndicator.visibleProperty().bind(model.sendingProperty());
        sendButton.disableProperty().bind(model.sendingProperty());
        cancelButton.disableProperty().bind(model.sendingProperty().not());
        contentTypeChoice.getItems().setAll(Payloads.CONTENT_TYPES);
        contentTypeChoice.valueProperty().bindBidirectional(model.contentType);
        acceptChoice.getItems().setAll(Payloads.CONTENT_TYPES);
        acceptChoice.valueProperty().bindBidirectional(model.accept);
        targetVariantField.textProperty().bindBidirectional(model.targetVariant);
        targetModelChoice.setItems(model.targetModels());
        targetModelChoice.valueProperty().bindBidirectional(model.targetModel);
        targetModelChoice.getEditor().textProperty().addListener((obs, old, now) -> model.targetModel.set(now));
        targetContainerField.textProperty().bindBidirectional(model.targetContainer);
        inferenceComponentField.textProperty().bindBidirectional(model.inferenceComponent);
        inferenceIdField.textProperty().bindBidirectional(model.inferenceId);
        customAttributesField.textProperty().bindBidirectional(model.customAttributes);
        bodyArea.textProperty().bindBidirectional(model.bodyText);
        bodyArea.disableProperty().bind(model.fileBody.isNotNull());
        clearFileButton.visibleProperty().bind(model.fileBody.isNotNull());
        clearFileButton.managedProperty().bind(clearFileButton.visibleProperty());
        formatJsonButton.disableProperty().bind(model.fileBody.isNotNull());
        bodySummaryLabel.textProperty().bind(model.bodySummaryProperty());
        requestProblemLabel.textProperty().bind(model.requestProblemProperty());
        bodyArea.setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
                event.consume();
            }
        });
        bodyArea.setOnDragDropped(event -> {
            if (event.getDragboard().hasFiles()) {
                model.useFile(event.getDragboard().getFiles().get(0).toPath());
                event.setDropCompleted(true);
                event.consume();
            }
        });
        savedChoice.setItems(model.saved());
        savedChoice.setCellFactory(list -> savedCell());
        savedChoice.setButtonCell(savedCell());
        savedChoice.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.load(now.request());
            }
        });
    }

    private static ListCell<SavedRequest> savedCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(SavedRequest item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.name());
            }
        };
    }

    private void initResponse() {
        errorBox.setVisible(false);
        errorBox.managedProperty().bind(errorBox.visibleProperty());
        progressLabel.textProperty().bind(model.progressProperty());
        model.streamedProperty().addListener((obs, old, now) -> {
            if (model.sendingProperty().get()) {
                statusLabel.setText("Streaming…");
                responseText.setText(now);
                responseTabs.getSelectionModel().select(bodyTab);
            }
        });
        model.resultProperty().addListener((obs, old, now) -> show(now));
    }

    private void show(InvocationResult result) {
        if (result == null) {
            return;
        }
        boolean ok = result.succeeded();
        statusLabel.setText(ok ? result.status() + " OK" : result.status() + " " + result.error().code());
        statusLabel.getStyleClass().removeAll("success", "danger");
        statusLabel.getStyleClass().add(ok ? "success" : "danger");
        detailLabel.setText(String.format(Locale.ROOT, "%.1f ms%s · %s · variant %s · %s", result.latency().toNanos() / 1e6,
                result.firstByte() == null ? "" : String.format(Locale.ROOT, " (first byte %.1f ms)",
                        result.firstByte().toNanos() / 1e6), Payloads.size(result.body().length),
                result.invokedVariant() == null ? "—" : result.invokedVariant(),
                result.contentType() == null ? "no content type" : result.contentType()));
        errorBox.setVisible(!ok);
        if (!ok) {
            errorLabel.setText(result.error().shownMessage());
            String log = model.logLocation(result.error().logStream());
            logLink.setText(log == null ? "" : "Open the container's log");
            logLink.setUserData(log);
            logLink.setVisible(log != null);
        }
        render(result.contentType(), result.body());
    }

    private void render(String contentType, byte[] body) {
        Payloads.Kind kind = Payloads.kind(contentType, body);
        String text = switch (kind) {
            case JSON -> Payloads.prettyJson(body).orElse(new String(body, StandardCharsets.UTF_8));
            case TEXT, CSV -> new String(body, StandardCharsets.UTF_8);
            case IMAGE, BINARY -> "Binary body, " + Payloads.size(body.length) + ": see the Hex tab"
                    + (kind == Payloads.Kind.IMAGE ? " or the Image tab." : ".");
        };
        responseText.setText(text);
        hexText.setText(Payloads.hexDump(body, HEX_BYTES));
        csvTable.getColumns().clear();
        csvTable.getItems().clear();
        responseImage.setImage(null);
        Tab selected = bodyTab;
        if (kind == Payloads.Kind.CSV) {
            fillTable(Payloads.csvRows(body));
            selected = tableTab;
        } else if (kind == Payloads.Kind.IMAGE) {
            Image image = new Image(new ByteArrayInputStream(body));
            if (!image.isError()) {
                responseImage.setImage(image);
                selected = imageTab;
            }
        } else if (kind == Payloads.Kind.BINARY) {
            selected = hexTab;
        }
        responseTabs.getSelectionModel().select(selected);
    }

    private void fillTable(List<List<String>> rows) {
        int width = rows.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < width; i++) {
            int column = i;
            TableColumn<List<String>, String> col = new TableColumn<>(Integer.toString(i + 1));
            col.setCellValueFactory(cell -> new ReadOnlyStringWrapper(column < cell.getValue().size()
                    ? cell.getValue().get(column) : ""));
            csvTable.getColumns().add(col);
        }
        csvTable.getItems().setAll(rows);
    }

    private void initHistory() {
        historySearchField.textProperty().bindBidirectional(model.historySearch);
        historyList.setItems(model.history());
        historyList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(HistoryEntry item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : String.format(Locale.ROOT, "%s  %s  %s  %.0f ms",
                        TIME.format(item.at()), item.request().endpointName(),
                        item.succeeded() ? String.valueOf(item.responseStatus()) : item.errorCode(), item.latencyMs()));
            }
        });
        historyList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.load(now.request());
                statusLabel.setText(now.succeeded() ? now.responseStatus() + " OK (from history)"
                        : now.responseStatus() + " " + now.errorCode() + " (from history)");
                render(now.responseContentType(), now.responseBody());
            }
        });
        sendAgainButton.disableProperty().bind(Bindings.or(historyList.getSelectionModel().selectedItemProperty().isNull(),
                model.sendingProperty()));
    }

    private void initLoadTest() {
        concurrencySpinner.getValueFactory().valueProperty().addListener((obs, old, now) ->
                loadTest.concurrency.set(now == null ? 1 : now));
        requestsField.textProperty().bindBidirectional(loadTest.requests);
        durationField.textProperty().bindBidirectional(loadTest.durationSeconds);
        rateField.textProperty().bindBidirectional(loadTest.rate);
        warmupField.textProperty().bindBidirectional(loadTest.warmupSeconds);
        startLoadTestButton.disableProperty().bind(loadTest.runningProperty());
        cancelLoadTestButton.disableProperty().bind(loadTest.runningProperty().not());
        loadTestProblemLabel.textProperty().bind(loadTest.problemProperty());
        exportCsvButton.disableProperty().bind(loadTest.reportProperty().isNull());
        exportJsonButton.disableProperty().bind(loadTest.reportProperty().isNull());
        XYChart.Series<Number, Number> p50 = series("p50");
        XYChart.Series<Number, Number> p90 = series("p90");
        XYChart.Series<Number, Number> p99 = series("p99");
        XYChart.Series<Number, Number> throughput = series("requests/s");
        latencyChart.getData().setAll(List.of(p50, p90, p99));
        throughputChart.getData().setAll(List.of(throughput));
        loadTest.snapshots().addListener((ListChangeListener<LoadTestSnapshot>) change -> {
            while (change.next()) {
                if (change.wasRemoved() && loadTest.snapshots().isEmpty()) {
                    List.of(p50, p90, p99, throughput).forEach(s -> s.getData().clear());
                }
                for (LoadTestSnapshot second : change.getAddedSubList()) {
                    double x = second.elapsed().toMillis() / 1000.0;
                    p50.getData().add(new XYChart.Data<>(x, second.latency().p50Ms()));
                    p90.getData().add(new XYChart.Data<>(x, second.latency().p90Ms()));
                    p99.getData().add(new XYChart.Data<>(x, second.latency().p99Ms()));
                    throughput.getData().add(new XYChart.Data<>(x, second.throughput()));
                    loadTestSummary.setText(String.format(Locale.ROOT, "%.0f s: %d done, %d failed, %.1f/s, p99 %.1f ms",
                            x, second.completed(), second.failed(), second.throughput(), second.latency().p99Ms()));
                }
            }
        });
        loadTest.reportProperty().addListener((obs, old, now) -> {
            if (now != null) {
                loadTestSummary.setText(now.summary());
            }
        });
        loadTest.useConfirmation(this::confirmCost);
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
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    @FXML
    private void onListEndpoints() {
        model.refreshEndpoints();
    }

    @FXML
    private void onListTargetModels() {
        model.listTargetModels();
    }

    @FXML
    private void onShowMetrics() {
        model.showMetrics();
    }

    @FXML
    private void onSend() {
        model.send();
    }

    @FXML
    private void onCancel() {
        model.cancel();
    }

    @FXML
    private void onFormatJson() {
        model.formatJson();
    }

    @FXML
    private void onOpenFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Request body");
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            model.useFile(file.toPath());
        }
    }

    @FXML
    private void onClearFile() {
        model.clearFile();
    }

    @FXML
    private void onSaveRequest() {
        TextInputDialog dialog = new TextInputDialog();
        dialog.initOwner(window());
        dialog.setHeaderText("Save this request of " + model.endpointName.get() + " as");
        dialog.showAndWait().ifPresent(model::save);
    }

    @FXML
    private void onOpenLog() {
        Object location = logLink.getUserData();
        if (location != null) {
            openDocument.accept(location.toString());
        }
    }

    @FXML
    private void onSendAgain() {
        HistoryEntry entry = historyList.getSelectionModel().getSelectedItem();
        if (entry != null) {
            model.sendAgain(entry);
        }
    }

    @FXML
    private void onCopyBoto3() {
        copy(InvocationSnippets::boto3);
    }

    @FXML
    private void onCopyCli() {
        copy(InvocationSnippets::awsCli);
    }

    @FXML
    private void onCopyCurl() {
        copy(InvocationSnippets::curl);
    }

    private void copy(Function<InvocationSnippets, String> format) {
        ClipboardContent content = new ClipboardContent();
        content.putString(format.apply(model.snippets()));
        Clipboard.getSystemClipboard().setContent(content);
        model.status().show("Copied to the clipboard");
    }

    @FXML
    private void onClearHistory() {
        model.clearHistory();
    }

    @FXML
    private void onStartLoadTest() {
        loadTest.start();
    }

    @FXML
    private void onCancelLoadTest() {
        loadTest.cancel();
    }

    @FXML
    private void onExportCsv() {
        exportTo("load-test.csv", loadTest::exportCsv);
    }

    @FXML
    private void onExportJson() {
        exportTo("load-test.json", loadTest::exportJson);
    }

    private void exportTo(String name, Consumer<java.nio.file.Path> export) {
        LoadTestReport report = loadTest.reportProperty().get();
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(report == null ? name : report.endpointName() + "-" + name);
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            export.accept(file.toPath());
        }
    }

    /** Lets other screens open the load test tab. */
    public Node view() {
        return root;
    }
}
