package com.endpointstudio.ui.console;

import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.invoke.Payloads;
import com.endpointstudio.core.invoke.history.HistoryEntry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;

/** The console's response: status and timing, a model error with its log, the body as text, table, picture or hex. */
final class ResponsePanel {

    private static final int HEX_BYTES = 64 * 1024;
    private static final String NOTHING = "No response yet";

    private final ConsoleViewModel console;
    private final ResponseModel model;
    private final Consumer<String> openDocument;

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

    ResponsePanel(ConsoleViewModel console, Consumer<String> openDocument) {
        this.console = console;
        this.model = console.response();
        this.openDocument = openDocument;
    }

    @FXML
    private void initialize() {
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
        // a new call, a cancelled one: nothing of an earlier answer (or of a cut stream) stays
        model.sendingProperty().addListener((obs, old, now) -> {
            if (model.resultProperty().get() == null) {
                show(null);
            }
        });
    }

    private void show(InvocationResult result) {
        statusLabel.getStyleClass().removeAll("success", "danger");
        if (result == null) {
            statusLabel.setText(NOTHING);
            detailLabel.setText("");
            errorBox.setVisible(false);
            render(null, new byte[0]);
            return;
        }
        boolean ok = result.succeeded();
        statusLabel.setText(ok ? result.status() + " OK" : result.status() + " " + result.error().code());
        statusLabel.getStyleClass().add(ok ? "success" : "danger");
        detailLabel.setText(String.format(Locale.ROOT, "%.1f ms%s · %s · variant %s · %s", result.latency().toNanos() / 1e6,
                result.firstByte() == null ? "" : String.format(Locale.ROOT, " (first byte %.1f ms)",
                        result.firstByte().toNanos() / 1e6), Payloads.size(result.body().length),
                result.invokedVariant() == null ? "—" : result.invokedVariant(),
                result.contentType() == null ? "no content type" : result.contentType()));
        errorBox.setVisible(!ok);
        if (!ok) {
            errorLabel.setText(result.error().shownMessage());
            String log = console.logLocation(result.error().logStream());
            logLink.setText(log == null ? "" : "Open the container's log");
            logLink.setUserData(log);
            logLink.setVisible(log != null);
        }
        render(result.contentType(), result.body());
    }

    /** Shows a call from the history, as it was answered then. */
    void showStored(HistoryEntry entry) {
        errorBox.setVisible(false);
        detailLabel.setText(history(entry));
        statusLabel.getStyleClass().removeAll("success", "danger");
        statusLabel.setText(entry.succeeded() ? entry.responseStatus() + " OK (from history)"
                : entry.responseStatus() + " " + entry.errorCode() + " (from history)");
        render(entry.responseContentType(), entry.responseBody());
    }

    private String history(HistoryEntry entry) {
        return String.format(Locale.ROOT, "%.1f ms · %s on %s", entry.latencyMs(), entry.request().endpointName(),
                console.history().connectionOf(entry));
    }

    private void render(String contentType, byte[] body) {
        Payloads.Kind kind = Payloads.kind(contentType, body);
        String text = switch (kind) {
            case JSON -> Payloads.prettyJson(body).orElse(new String(body, StandardCharsets.UTF_8));
            case TEXT, CSV -> new String(body, StandardCharsets.UTF_8);
            case IMAGE, BINARY -> "Binary body, " + Payloads.size(body.length) + ": see the Hex tab"
                    + (kind == Payloads.Kind.IMAGE ? " or the Image tab." : ".");
        };
        responseText.setText(body.length == 0 && contentType == null ? "" : text);
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
        } else if (kind == Payloads.Kind.BINARY && body.length > 0) {
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

    @FXML
    private void onOpenLog() {
        Object location = logLink.getUserData();
        if (location != null) {
            openDocument.accept(location.toString());
        }
    }
}
