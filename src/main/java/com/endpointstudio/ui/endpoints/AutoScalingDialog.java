package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.endpoints.EndpointDetails;
import com.endpointstudio.core.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;

/**
 * Edits the autoscaling of a running endpoint's instance-backed variants: the Application Auto
 * Scaling target (min, max) and the target-tracking policy on SageMakerVariantInvocationsPerInstance.
 * Only variants whose settings change are returned; OK stays on the dialog while a field is invalid.
 */
final class AutoScalingDialog extends Dialog<List<AutoScalingDialog.Change>> {

    /** @param scaling the variant's new settings, or null to stop autoscaling it */
    record Change(String variantName, AutoScalingSpec scaling) {
    }

    AutoScalingDialog(EndpointDetails endpoint, Map<String, Optional<AutoScalingSpec>> current, Window owner) {
        GridPane grid = EndpointDialogs.frame(this, "Autoscaling", "Autoscaling of " + endpoint.name(), owner);
        List<Supplier<Optional<Change>>> rows = new ArrayList<>();
        List<Supplier<List<FieldError>>> checks = new ArrayList<>();
        int row = 0;
        for (EndpointDetails.Variant variant : endpoint.variants()) {
            if (variant.serverless()) {
                continue; // serverless variants scale by concurrency, not instances
            }
            Optional<AutoScalingSpec> now = current.getOrDefault(variant.name(), Optional.empty());
            int count = variant.desiredCount() == null ? 1 : variant.desiredCount();
            AutoScalingSpec shown = now.orElse(new AutoScalingSpec(count, Math.max(count, 4), 70, 300, 60));
            CheckBox on = new CheckBox("Autoscale " + variant.name() + " (" + variant.instanceType() + ")");
            on.getStyleClass().add("title-4");
            on.setSelected(now.isPresent());
            on.setId("scale-" + variant.name());
            // asynchronous endpoints may scale to zero instances; real-time ones keep one
            Spinner<Integer> min = spinner("min-" + variant.name(), endpoint.asyncOutput() != null ? 0 : 1, 1000,
                    shown.minInstances());
            Spinner<Integer> max = spinner("max-" + variant.name(), 1, 1000, shown.maxInstances());
            TextField target = new TextField(number(shown.targetInvocationsPerInstance()));
            target.setId("target-" + variant.name());
            target.setPrefColumnCount(6);
            Spinner<Integer> in = spinner("in-" + variant.name(), 0, 86_400, shown.scaleInCooldownSeconds());
            Spinner<Integer> out = spinner("out-" + variant.name(), 0, 86_400, shown.scaleOutCooldownSeconds());
            for (var field : List.of(min, max, target, in, out)) {
                field.disableProperty().bind(on.selectedProperty().not());
            }
            grid.add(on, 0, row++, 2, 1);
            grid.addRow(row++, new Label("Instances"), new HBox(6, new Label("min"), min, new Label("max"), max));
            grid.addRow(row++, new Label("Target"), new HBox(6, target, new Label("invocations per instance a minute")));
            grid.addRow(row++, new Label("Cooldowns"), new HBox(6, new Label("scale-in"), in, new Label("scale-out"), out,
                    new Label("seconds")));
            Supplier<AutoScalingSpec> read = () -> new AutoScalingSpec(min.getValue(), max.getValue(),
                    parse(target.getText()), in.getValue(), out.getValue());
            checks.add(() -> on.isSelected()
                    ? SpecValidator.autoScalingErrors(read.get(), "Variant " + variant.name() + ": ",
                    endpoint.asyncOutput() != null) : List.of());
            rows.add(() -> {
                AutoScalingSpec wanted = on.isSelected() ? read.get() : null;
                return java.util.Objects.equals(wanted, now.orElse(null)) ? Optional.empty()
                        : Optional.of(new Change(variant.name(), wanted));
            });
        }
        Label problem = new Label();
        problem.setId("scalingProblem");
        problem.getStyleClass().add("danger");
        problem.setWrapText(true);
        Label note = new Label(rows.isEmpty() ? "This endpoint has no instance-backed variant to autoscale."
                : "Application Auto Scaling keeps each variant's instance count between min and max, adding "
                + "instances when invocations per instance stay above the target. Turning it off removes the "
                + "scalable target and its policies; the current instances stay.");
        note.setWrapText(true);
        note.setMaxWidth(520);
        problem.setMaxWidth(520);
        grid.add(problem, 0, row++, 2, 1);
        grid.add(note, 0, row, 2, 1);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).setId("applyScalingButton");
        getDialogPane().lookupButton(ButtonType.OK).addEventFilter(ActionEvent.ACTION, event -> {
            List<FieldError> errors = checks.stream().flatMap(c -> c.get().stream()).toList();
            if (!errors.isEmpty()) {
                problem.setText(String.join("\n", errors.stream().map(e -> e.field() + ": " + e.message()).toList()));
                event.consume();
            }
        });
        com.endpointstudio.ui.common.WholeText.in(grid);
        setResultConverter(button -> button != ButtonType.OK ? null
                : rows.stream().map(Supplier::get).flatMap(Optional::stream).toList());
    }

    private static Spinner<Integer> spinner(String id, int min, int max, int value) {
        Spinner<Integer> spinner = new Spinner<>(min, max, Math.max(min, Math.min(max, value)));
        spinner.setEditable(true);
        spinner.setId(id);
        spinner.setPrefWidth(90);
        return spinner;
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return -1; // reported as "must be above 0"
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
