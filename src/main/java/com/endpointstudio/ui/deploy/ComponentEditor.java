package com.endpointstudio.ui.deploy;

import static com.endpointstudio.ui.deploy.ContainersEditor.field;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The endpoint step's inference component option: the model hosted as a component of the
 * endpoint, with one copy's CPU cores and memory and the number of copies. It applies to one
 * model on real-time instances; choosing another hosting or adding a variant turns it off.
 */
final class ComponentEditor {

    private final VBox root = new VBox(4);

    ComponentEditor(DeployDraft draft) {
        ComponentDraft component = draft.component;
        CheckBox enabled = new CheckBox("Host the model as an inference component");
        enabled.setId("componentCheck");
        enabled.selectedProperty().bindBidirectional(component.enabled);
        BooleanBinding unavailable = draft.hosting.isNotEqualTo(DeployDraft.Hosting.INSTANCES)
                .or(Bindings.isNotEmpty(draft.moreVariants)).or(draft.multiModel).or(draft.advanced.isNotNull());
        enabled.disableProperty().bind(unavailable);
        unavailable.addListener((obs, old, now) -> {
            if (now && draft.advanced.get() == null) {
                component.enabled.set(false);
            }
        });
        TextField cores = field("componentCpuField", "1");
        cores.setPrefColumnCount(4);
        cores.textProperty().bindBidirectional(component.cpuCores);
        TextField memory = field("componentMemoryField", "1024");
        memory.setPrefColumnCount(6);
        memory.textProperty().bindBidirectional(component.memoryMb);
        Spinner<Integer> copies = new Spinner<>(0, 1000, Math.max(0, component.copies.get()));
        copies.setId("componentCopiesSpinner");
        copies.setEditable(true);
        copies.setPrefWidth(90);
        copies.valueProperty().addListener((obs, old, now) -> component.copies.set(now == null ? 0 : now));
        component.copies.addListener((obs, old, now) -> copies.getValueFactory().setValue(now.intValue()));
        FlowPane row = new FlowPane(12, 6, enabled, pair("CPU cores per copy", cores),
                pair("memory per copy (MB)", memory), pair("copies", copies));
        row.setAlignment(Pos.CENTER_LEFT);
        for (Node node : row.getChildren().subList(1, row.getChildren().size())) {
            node.disableProperty().bind(component.enabled.not());
        }
        Label how = new Label("The variant names no model: the endpoint is made first, then the model runs on it "
                + "as copies of the component (CreateInferenceComponent), called with InferenceComponentName. "
                + "Autoscaling above then scales the copies by invocations per copy; a minimum of 0 takes the "
                + "instances down to zero too.");
        how.setWrapText(true);
        how.getStyleClass().add("text-muted");
        how.visibleProperty().bind(component.enabled);
        how.managedProperty().bind(how.visibleProperty());
        root.getChildren().addAll(row, how);
    }

    /** A label and its field, kept on one line when the row wraps. */
    private static HBox pair(String label, Node field) {
        HBox pair = new HBox(6, new Label(label), field);
        pair.setAlignment(Pos.CENTER_LEFT);
        return pair;
    }

    Node node() {
        return root;
    }
}
