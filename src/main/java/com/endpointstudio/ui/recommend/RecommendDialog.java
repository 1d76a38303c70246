package com.endpointstudio.ui.recommend;

import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.instance.Quantities;
import com.endpointstudio.core.recommend.RecommendSample;
import com.endpointstudio.core.recommend.Recommendation;
import com.endpointstudio.ui.common.FieldMarks;
import java.io.File;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * "Recommend…" of the deploy wizard: the goal and candidates, the run's cost, the live steps, then
 * a table and a chart per candidate. "Use selected" makes the chosen row the spec's variant.
 */
public final class RecommendDialog extends Dialog<Recommendation.Row> {

    public static final ButtonType USE = new ButtonType("Use selected", ButtonBar.ButtonData.OK_DONE);

    private final RecommendViewModel model;
    private final TableView<Recommendation.Row> table = new TableView<>();
    private final BarChart<String, Number> chart = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final FieldMarks marks = new FieldMarks();

    public RecommendDialog(RecommendViewModel model, Window owner) {
        this.model = model;
        setTitle("Recommend an instance type");
        setHeaderText(model.local() ? "Find the number of model server workers that serves the most on this computer"
                : "Measure candidate instance types on temporary endpoints, then choose");
        if (owner != null) {
            initOwner(owner);
        }
        setResizable(true);
        getDialogPane().getButtonTypes().setAll(USE, ButtonType.CLOSE);
        getDialogPane().setContent(content());
        getDialogPane().setPrefSize(960, 640);
        // the window opened at the width of the form alone (600 px), cutting the table's columns
        getDialogPane().setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        getDialogPane().lookupButton(USE).disableProperty().bind(table.getSelectionModel().selectedItemProperty()
                .isNull().or(model.runningProperty()));
        model.resultProperty().addListener((obs, old, now) -> show(now));
        setOnCloseRequest(event -> model.cancel());
        setResultConverter(button -> button == USE ? table.getSelectionModel().getSelectedItem() : null);
    }

    private VBox content() {
        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(8);
        form.getColumnConstraints().addAll(new ColumnConstraints(130), grow(), new ColumnConstraints(110), grow());
        if (model.local()) {
            form.add(new Label("Workers"), 0, 0);
            form.add(field("Workers", "workersField", model.workers, "1, 2, 4"), 1, 0, 3, 1);
        } else {
            form.add(new Label("Instance types"), 0, 0);
            form.add(field("Instance types", "candidatesField", model.candidates, "ml.c5.large, ml.m5.xlarge"), 1, 0,
                    3, 1);
        }
        form.addRow(1, new Label("Target requests/s"),
                field("Target requests/s", "targetRpsField", model.targetRps, "50"),
                new Label("p99 limit (ms)"), field("p99 limit (ms)", "p99Field", model.p99Ms, "200"));
        form.addRow(2, new Label("Step (s)"), field("Step (s)", "stepField", model.stepSeconds, "30"));
        if (!model.local()) {
            form.add(new Label("Budget (USD)"), 2, 2);
            form.add(field("Budget (USD)", "budgetField", model.budgetUsd, "optional"), 3, 2);
        }
        form.add(new Label("Sample request"), 0, 3);
        form.add(sample(), 1, 3, 3, 1);
        marks.follow(model.problems());

        Label estimate = new Label();
        estimate.setId("estimateLabel");
        estimate.setWrapText(true);
        estimate.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        estimate.textProperty().bind(model.estimateProperty());
        Label problems = new Label();
        problems.setId("recommendProblems");
        problems.setWrapText(true);
        problems.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        problems.getStyleClass().add("danger");
        problems.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", model.problems().stream()
                .map(FieldError::toString).toList()), model.problems()));
        problems.visibleProperty().bind(Bindings.isNotEmpty(model.problems()));
        problems.managedProperty().bind(problems.visibleProperty());

        Button start = new Button(model.local() ? "Start" : "Start the temporary endpoints");
        start.setId("startRecommendButton");
        start.disableProperty().bind(model.runningProperty().or(Bindings.isNotEmpty(model.problems())));
        start.setOnAction(event -> model.start());
        Button cancel = new Button("Cancel the run");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(event -> model.cancel());
        Button export = new Button("Export…");
        export.setId("exportRecommendButton");
        export.disableProperty().bind(model.resultProperty().isNull());
        export.setOnAction(event -> exportResult());
        HBox actions = new HBox(8, start, cancel, export);
        actions.getChildren().forEach(button -> ((Button) button).setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE));

        ListView<String> steps = new ListView<>(model.progress());
        steps.setId("recommendProgress");
        table.setId("recommendTable");
        table.setPlaceholder(new Label("Start the run: each candidate's figures show here."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // grouped under short headers so a dozen figures fit the dialog at 1024 px without cutting a title
        table.getColumns().setAll(java.util.List.of(
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
        javafx.scene.control.TabPane results = new javafx.scene.control.TabPane(
                new javafx.scene.control.Tab("Candidates", table), new javafx.scene.control.Tab("Chart", chart),
                new javafx.scene.control.Tab("Steps", steps));
        results.setId("recommendResults");
        results.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        model.runningProperty().addListener((obs, was, now) -> results.getSelectionModel().select(now ? 2 : 0));
        VBox box = new VBox(8, form, estimate, problems, actions, results);
        VBox.setVgrow(results, Priority.ALWAYS);
        box.setPadding(new Insets(4));
        return box;
    }

    private VBox sample() {
        TextArea body = new TextArea();
        body.setId("sampleBody");
        body.setPrefRowCount(2);
        body.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        body.setPromptText("the request each load step sends, e.g. [[3, 80, 12]]");
        body.textProperty().bindBidirectional(model.body);
        ComboBox<String> type = new ComboBox<>();
        type.setEditable(true);
        type.getItems().setAll("application/json", "text/csv", "application/x-npy", "application/octet-stream");
        type.valueProperty().bindBidirectional(model.contentType);
        Button file = new Button("From file…");
        file.setOnAction(event -> {
            File chosen = new FileChooser().showOpenDialog(getDialogPane().getScene().getWindow());
            if (chosen != null) {
                model.loadBody(chosen.toPath());
            }
        });
        HBox.setHgrow(body, Priority.ALWAYS);
        HBox row = new HBox(8, body, new VBox(8, type, file));
        return new VBox(8, sampleChoice(), row);
    }

    /** The console's recent requests to the endpoint and the spec's sample: choosing one fills the fields. */
    private ComboBox<RecommendSample> sampleChoice() {
        ComboBox<RecommendSample> choice = new ComboBox<>(model.samples());
        choice.setId("sampleChoice");
        choice.setPromptText("Recent requests from the console, or the spec's sample");
        choice.setMaxWidth(Double.MAX_VALUE);
        choice.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(RecommendSample sample) {
                return sample == null ? "" : Character.toUpperCase(sample.source().charAt(0))
                        + sample.source().substring(1);
            }

            @Override
            public RecommendSample fromString(String text) {
                return null;
            }
        });
        choice.valueProperty().addListener((obs, old, now) -> model.use(now));
        return choice;
    }

    private void show(Recommendation result) {
        table.getItems().setAll(result == null ? java.util.List.of() : result.rows());
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

    private void exportResult() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the recommendation");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("CSV", "*.csv"),
                new FileChooser.ExtensionFilter("JSON", "*.json"));
        chooser.setInitialFileName("recommendation.csv");
        File file = chooser.showSaveDialog(getDialogPane().getScene().getWindow());
        if (file != null) {
            model.export(file.toPath());
        }
    }

    /** A text field whose problems, named {@code label} as the form labels it, show at the field. */
    private TextField field(String label, String id, StringProperty value, String prompt) {
        TextField field = new TextField();
        marks.on(label, field);
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    private static ColumnConstraints grow() {
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        return grow;
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
        column.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setWrapText(true); // a note is a sentence: whole, on as many lines as it takes
                setTooltip(empty || item == null || item.isEmpty() ? null : new javafx.scene.control.Tooltip(item));
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
