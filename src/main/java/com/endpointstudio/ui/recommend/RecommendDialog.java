package com.endpointstudio.ui.recommend;

import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.recommend.RecommendSample;
import com.endpointstudio.core.recommend.Recommendation;
import com.endpointstudio.ui.common.FieldMarks;
import java.io.File;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * "Recommend…" of the deploy wizard: how to measure (the studio's load test, or on AWS the
 * Inference Recommender's Default or Advanced job), the goal and candidates, the run's cost, the
 * live steps, then a table and a chart per candidate. "Use selected" makes the chosen row the
 * spec's variant.
 */
public final class RecommendDialog extends Dialog<Recommendation.Row> {

    public static final ButtonType USE = new ButtonType("Use selected", ButtonBar.ButtonData.OK_DONE);

    private final RecommendViewModel model;
    private final RecommendResults results;
    private final TableView<Recommendation.Row> table;
    private final FieldMarks marks = new FieldMarks();

    public RecommendDialog(RecommendViewModel model, Window owner) {
        this.model = model;
        this.results = new RecommendResults(model);
        this.table = results.table();
        setTitle("Recommend an instance type");
        setHeaderText(model.local() ? "Find the number of model server workers that serves the most on this computer"
                : "Measure candidate instance types on temporary endpoints, or with AWS's Inference Recommender");
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
        setOnCloseRequest(event -> model.cancel());
        setResultConverter(button -> button == USE ? table.getSelectionModel().getSelectedItem() : null);
    }

    private VBox content() {
        GridPane form = grid();
        if (!model.local()) { // on Local the load test is the only way: no row for a choice, the estimate says why
            form.add(new Label("Recommend with"), 0, 0);
            form.add(methodChoice(), 1, 0, 3, 1);
        }
        if (model.local()) {
            form.add(new Label("Workers"), 0, 1);
            form.add(field("Workers", "workersField", model.workers, "1, 2, 4"), 1, 1, 3, 1);
        } else {
            form.add(new Label("Instance types"), 0, 1);
            form.add(field("Instance types", "candidatesField", model.candidates, "ml.c5.large, ml.m5.xlarge"), 1, 1,
                    3, 1);
        }
        form.addRow(2, new Label("Target requests/s"),
                field("Target requests/s", "targetRpsField", model.targetRps, "50"),
                new Label("p99 limit (ms)"), field("p99 limit (ms)", "p99Field", model.p99Ms, "200"));
        // the load test's own fields, or the Inference Recommender job's: one set shows, by the method chosen
        var awsJob = javafx.beans.binding.Bindings.createBooleanBinding(() -> model.method.get().jobType() != null,
                model.method);
        GridPane loadTest = grid();
        loadTest.addRow(0, new Label("Step (s)"), field("Step (s)", "stepField", model.stepSeconds, "30"));
        if (!model.local()) {
            loadTest.add(new Label("Budget (USD)"), 2, 0);
            loadTest.add(field("Budget (USD)", "budgetField", model.budgetUsd, "optional"), 3, 0);
        }
        loadTest.add(new Label("Sample request"), 0, 1);
        loadTest.add(sample(), 1, 1, 3, 1);
        GridPane job = grid();
        job.addRow(0, new Label("Model name"), field("Model name", "modelNameField", model.modelName, "an existing Model"),
                new Label("Execution role"), field("Execution role", "jobRoleField", model.roleArn,
                        "arn:aws:iam::…:role/…"));
        loadTest.visibleProperty().bind(awsJob.not());
        job.visibleProperty().bind(awsJob);
        List.of(loadTest, job).forEach(grid -> grid.managedProperty().bind(grid.visibleProperty()));
        marks.follow(model.problems());

        Label estimate = wrapped("estimateLabel");
        estimate.textProperty().bind(model.estimateProperty());
        Label problems = wrapped("recommendProblems");
        problems.getStyleClass().add("danger");
        problems.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", model.problems().stream()
                .map(FieldError::toString).toList()), model.problems()));
        problems.visibleProperty().bind(Bindings.isNotEmpty(model.problems()));
        problems.managedProperty().bind(problems.visibleProperty());

        Button start = new Button();
        start.setId("startRecommendButton");
        start.textProperty().bind(Bindings.createStringBinding(() -> model.local() ? "Start"
                : model.method.get().jobType() != null ? "Start the Inference Recommender job"
                : "Start the temporary endpoints", model.method));
        start.disableProperty().bind(model.runningProperty().or(Bindings.isNotEmpty(model.problems())));
        start.setOnAction(event -> model.start());
        Button cancel = new Button("Cancel the run");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(event -> model.cancel());
        Button export = new Button("Export…");
        export.setId("exportRecommendButton");
        export.disableProperty().bind(model.resultProperty().isNull());
        export.setOnAction(event -> exportResult());
        VBox settings = new VBox(8, form, loadTest, job, estimate, problems);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox actions = new HBox(8, start, cancel, export, gap, settingsToggle(settings));
        actions.getChildren().forEach(node -> ((Region) node).setMinWidth(Region.USE_PREF_SIZE));

        // the recommendation in a sentence, whichever way it was measured
        Label verdict = wrapped("recommendationLabel");
        verdict.textProperty().bind(Bindings.createStringBinding(() -> model.resultProperty().get() == null ? ""
                : model.resultProperty().get().verdict(), model.resultProperty()));
        verdict.visibleProperty().bind(model.resultProperty().isNotNull());
        verdict.managedProperty().bind(verdict.visibleProperty());
        VBox box = new VBox(8, settings, actions, verdict, results.node());
        VBox.setVgrow(results.node(), Priority.ALWAYS);
        box.setPadding(new Insets(4));
        return box;
    }

    /**
     * The run's settings fold away while it runs and once it has figures, so the table and chart get
     * the dialog's height (at 1024×700 they would show two rows); they open again when a run ends
     * without figures, to fix what stopped it. The toggle sits in the actions' row: no height of its own.
     */
    private Button settingsToggle(VBox settings) {
        javafx.beans.property.BooleanProperty shown = new javafx.beans.property.SimpleBooleanProperty(true);
        settings.visibleProperty().bind(shown);
        settings.managedProperty().bind(shown);
        Button toggle = new Button();
        toggle.setId("settingsToggle");
        toggle.setOnAction(event -> shown.set(!shown.get()));
        toggle.textProperty().bind(Bindings.createStringBinding(() -> shown.get() ? "Hide the settings"
                : "Settings: " + model.targetRps.get() + " requests/s, p99 ≤ " + model.p99Ms.get() + " ms",
                shown, model.targetRps, model.p99Ms));
        model.runningProperty().addListener((obs, was, running) ->
                shown.set(!running && model.resultProperty().get() == null));
        model.resultProperty().addListener((obs, was, result) -> shown.set(result == null
                && !model.runningProperty().get())); // figures come just after the run stops
        return toggle;
    }

    /** The ways to measure on AWS: the studio's load test, or AWS's Inference Recommender jobs. */
    private javafx.scene.Node methodChoice() {
        ComboBox<RecommendMethod> choice = new ComboBox<>();
        choice.setId("methodChoice");
        choice.getItems().setAll(model.methods());
        choice.valueProperty().bindBidirectional(model.method);
        return choice;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.getColumnConstraints().addAll(new ColumnConstraints(130), grow(), new ColumnConstraints(110), grow());
        return grid;
    }

    private static Label wrapped(String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
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
}
