package com.endpointstudio.ui.common;

import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;

/**
 * Ties a wizard's step buttons, its pages and its Back / Next buttons to one step property:
 * the page of the current step is shown, its button stays selected, Back and Next move by one.
 */
public final class WizardSteps<S extends Enum<S>> {

    private final ObjectProperty<S> step;
    private final List<S> order;

    /**
     * @param buttons the step buttons, in the order of {@code order}
     * @param pages   the step pages, in the same order
     */
    public WizardSteps(ObjectProperty<S> step, List<S> order, ToggleGroup group, List<ToggleButton> buttons,
                       List<Node> pages) {
        this.step = step;
        this.order = order;
        for (int i = 0; i < order.size(); i++) {
            S target = order.get(i);
            buttons.get(i).setOnAction(e -> step.set(target));
        }
        Runnable show = () -> {
            int current = order.indexOf(step.get());
            for (int i = 0; i < pages.size(); i++) {
                pages.get(i).setVisible(i == current);
            }
            buttons.get(current).setSelected(true);
        };
        step.addListener((obs, old, now) -> show.run());
        // A toggle group lets the selected button be clicked off; keep the current step selected.
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true);
            }
        });
        show.run();
    }

    /** Back is off on the first step; Next on the last. */
    public void bindNavigation(Button back, Button next) {
        back.disableProperty().bind(step.isEqualTo(order.get(0)));
        back.setOnAction(e -> move(-1));
        next.setOnAction(e -> move(1));
    }

    private void move(int delta) {
        int index = Math.max(0, Math.min(order.size() - 1, order.indexOf(step.get()) + delta));
        step.set(order.get(index));
    }
}
