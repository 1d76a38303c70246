package com.endpointstudio.ui.recommend;

import com.endpointstudio.core.instance.Quantities;
import com.endpointstudio.core.recommend.Recommendation;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/**
 * The Recommend dialog's results, whoever measured them (the studio's load test or AWS's
 * Inference Recommender): a table and a chart per candidate, and the run's steps as they come.
 */
final class RecommendResults {

    private final RecommendViewModel model;
    private final TableView<Recommendation.Row> table = new TableView<>();
    private final BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final TabPane tabs;

    RecommendResults(RecommendViewModel model) {
        this.model = model;
        ListView<String> steps = new ListView<>(model.progress());
        steps.setId("recommendProgress");
        table.setId("recommendTable");
        table.setPlaceholder(new Label("Start the run: each candidate's figures show here."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // grouped under short headers so a dozen figures fit the dialog at 1024 px without cutting a title
        table.getColumns().setAll(List.of(
                column(model.local() ? "Workers" : "Type", Recommendation.Row::instanceType, 100),
                group("At the best step", column("req/s", r -> number(r.maxRpsPerInstance()), 70),
                        column("p99\nms", r -> number(r.p99Ms()), 62),
                        column("errors\n%", r -> number(r.errorPercent()), 78)),
                column("Instances", r -> r.instances() == null ? "" : r.instances().toString(), 102),
                column("Cost\nper hour", r -> usd(r.hourlyUsd()), 90),
                group("Per million calls", column("on\ndemand", r -> usd(r.perMillionUsd()), 80),
                        column("3-yr\nplan", r -> usd(r.perMillionPlanUsd()), 64)),
                group("Utilisation %", column("CPU", r -> number(r.cpuPercent()), 54),
                        column("memory", r -> number(r.memoryPercent()), 80),
                        column("GPU", r -> number(r.gpuPercent()), 54)),
                column("Note", r -> r.note() == null ? "" : r.note(), 70)));
        chart.setId("recommendChart");
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.getYAxis().setLabel(model.local() ? "requests/s" : "USD per million inferences");
        tabs = new TabPane(new Tab("Candidates", candidates()), new Tab("Chart", chart), new Tab("Steps", steps));
        tabs.setId("recommendResults");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        model.runningProperty().addListener((obs, was, now) -> tabs.getSelectionModel().select(now ? 2 : 0));
        model.resultProperty().addListener((obs, old, now) -> show(now));
    }

    /** The table, and under it the selected row's note whole (the column has room for a few words). */
    private javafx.scene.layout.VBox candidates() {
        Label note = new Label();
        note.setId("recommendNote");
        note.setWrapText(true);
        note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        note.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            Recommendation.Row row = table.getSelectionModel().getSelectedItem();
            return row == null || row.note() == null || row.note().isBlank() ? ""
                    : row.instanceType() + ": " + row.note();
        }, table.getSelectionModel().selectedItemProperty()));
        note.managedProperty().bind(note.textProperty().isNotEmpty());
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(6, table, note);
        javafx.scene.layout.VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);
        return box;
    }

    TabPane node() {
        return tabs;
    }

    TableView<Recommendation.Row> table() {
        return table;
    }

    private void show(Recommendation result) {
        table.getItems().setAll(result == null ? List.of() : result.rows());
        chart.getData().clear();
        if (result == null) {
            return;
        }
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        for (Recommendation.Row row : result.rows()) {
            Double value = model.local() ? row.maxRpsPerInstance() : row.perMillionUsd();
            if (value != null) {
                series.getData().add(new XYChart.Data<>(row.instanceType(), value));
            }
        }
        chart.getData().add(series);
        if (result.recommended() != null) {
            table.getSelectionModel().select(result.recommended());
        }
    }

    @SafeVarargs
    private static TableColumn<Recommendation.Row, String> group(String title,
                                                                TableColumn<Recommendation.Row, String>... columns) {
        TableColumn<Recommendation.Row, String> group = new TableColumn<>(title);
        group.getColumns().setAll(columns);
        return group;
    }

    private static TableColumn<Recommendation.Row, String> column(String title,
                                                                 Function<Recommendation.Row, String> value,
                                                                 double minWidth) {
        TableColumn<Recommendation.Row, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setMinWidth(minWidth);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setWrapText(true); // a note is a sentence: whole, on as many lines as it takes
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        return column;
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String usd(Double value) {
        return value == null ? "" : Quantities.usd(value);
    }
}
