package com.endpointstudio.ui.metrics;

import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.metrics.MetricChart;
import com.endpointstudio.core.metrics.TimeRange;
import java.io.File;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The Metrics screen: the view's choices and a chart per group of metrics, each with its exports. */
public final class MetricsController {

    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final MetricsViewModel model;
    private final Map<MetricChart, MetricChartView> views = new EnumMap<>(MetricChart.class);

    @FXML private BorderPane root;
    @FXML private ComboBox<String> endpointChoice;
    @FXML private ComboBox<String> variantChoice;
    @FXML private ComboBox<TimeRange.Preset> presetChoice;
    @FXML private CheckBox utcCheck;
    @FXML private CheckBox overlayCheck;
    @FXML private ComboBox<MetricsViewModel.Refresh> refreshChoice;
    @FXML private Button refreshButton;
    @FXML private ProgressIndicator loadingIndicator;
    @FXML private TextField fromField;
    @FXML private TextField toField;
    @FXML private Label rangeProblem;
    @FXML private Label summaryLabel;
    @FXML private VBox chartsBox;

    public MetricsController(MetricsViewModel model) {
        this.model = model;
    }

    @FXML
    private void initialize() {
        endpointChoice.setItems(model.endpoints());
        endpointChoice.valueProperty().bindBidirectional(model.endpointName);
        variantChoice.setItems(model.variants());
        variantChoice.valueProperty().bindBidirectional(model.variant);
        presetChoice.getItems().setAll(TimeRange.Preset.values());
        presetChoice.valueProperty().bindBidirectional(model.preset);
        presetChoice.valueProperty().addListener((obs, old, now) -> model.refresh());
        variantChoice.valueProperty().addListener((obs, old, now) -> model.refresh());
        utcCheck.selectedProperty().bindBidirectional(model.utc);
        utcCheck.selectedProperty().addListener((obs, old, now) -> views.values().forEach(v -> v.useZone(zone())));
        overlayCheck.selectedProperty().bindBidirectional(model.overlayClientLatency);
        refreshChoice.getItems().setAll(MetricsViewModel.Refresh.values());
        refreshChoice.valueProperty().bindBidirectional(model.refresh);
        refreshButton.disableProperty().bind(model.loadingProperty());
        loadingIndicator.visibleProperty().bind(model.loadingProperty());
        summaryLabel.textProperty().bind(model.summaryProperty());
        for (MetricChart chart : MetricChart.values()) {
            MetricChartView view = new MetricChartView(chart.title(), chart.unit().label());
            view.setId("chart-" + chart.name().toLowerCase());
            view.setMinHeight(300);
            view.setMinWidth(320); // the legend wraps; the chart never pushes past the window
            view.useZone(zone());
            views.put(chart, view);
            chartsBox.getChildren().add(new VBox(4, tools(chart, view), view));
        }
        model.drawnProperty().addListener((obs, old, now) -> {
            var range = model.range(java.time.Instant.now());
            views.values().forEach(view -> view.showRange(range.start().getEpochSecond(), range.end().getEpochSecond()));
            if (model.customRange.get() == null) { // the custom range starts from the range shown
                fromField.setText(INPUT.withZone(zone()).format(range.start()));
                toField.setText(INPUT.withZone(zone()).format(range.end()));
            }
            if (now.isEmpty()) { // nothing chosen yet, or another connection: no chart keeps old lines
                views.values().forEach(view -> view.show(java.util.Map.of(), MetricsViewModel.NOTHING_CHOSEN));
            }
            now.forEach((chart, data) -> views.get(chart).show(data.lines(), data.emptyReason()));
        });
    }

    private HBox tools(MetricChart chart, MetricChartView view) {
        Label title = new Label(chart.title() + " (" + chart.unit().label() + ")");
        title.getStyleClass().add("title-4");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button reset = new Button("Reset zoom");
        reset.setOnAction(event -> view.resetZoom());
        Button png = new Button("PNG…");
        png.setOnAction(event -> save(chart.name().toLowerCase() + ".png", file -> {
            try {
                view.exportPng(file.toPath());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));
        Button csv = new Button("CSV…");
        csv.setId("csv-" + chart.name().toLowerCase());
        csv.setOnAction(event -> save(chart.name().toLowerCase() + ".csv", file -> model.exportCsv(chart, file.toPath())));
        return new HBox(6, title, gap, reset, png, csv);
    }

    private void save(String name, java.util.function.Consumer<File> action) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(model.endpointName.get() + "-" + name);
        File file = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            action.accept(file);
        }
    }

    private ZoneId zone() {
        return model.utc.get() ? ZoneOffset.UTC : ZoneId.systemDefault();
    }

    @FXML
    private void onListEndpoints() {
        model.listEndpoints();
    }

    @FXML
    private void onRefresh() {
        model.refresh();
    }

    @FXML
    private void onApplyRange() {
        fromField.pseudoClassStateChanged(atlantafx.base.theme.Styles.STATE_DANGER, false);
        toField.pseudoClassStateChanged(atlantafx.base.theme.Styles.STATE_DANGER, false);
        TextField reading = fromField;
        try {
            var from = LocalDateTime.parse(fromField.getText().strip(), INPUT).atZone(zone()).toInstant();
            reading = toField;
            var to = LocalDateTime.parse(toField.getText().strip(), INPUT).atZone(zone()).toInstant();
            model.customRange.set(new TimeRange(from, to));
            rangeProblem.setText("");
            model.refresh();
        } catch (DateTimeParseException e) {
            reading.pseudoClassStateChanged(atlantafx.base.theme.Styles.STATE_DANGER, true);
            rangeProblem.setText("Custom range " + (reading == fromField ? "start" : "end")
                    + ": write the time as yyyy-MM-dd HH:mm, e.g. " + INPUT.withZone(zone()).format(java.time.Instant.now()));
        } catch (ValidationException e) {
            rangeProblem.setText(e.getMessage());
        }
    }

    @FXML
    private void onClearRange() {
        model.customRange.set(null);
        rangeProblem.setText("");
        model.refresh();
    }

    public MetricChartView chart(MetricChart chart) {
        return views.get(chart);
    }
}
