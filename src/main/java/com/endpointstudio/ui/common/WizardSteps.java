package com.endpointstudio.ui.common;

import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.Pane;

/**
 * Ties a wizard's step buttons, its pages and its Back / Next buttons to one step property:
 * the page of the current step is shown, its button stays selected, Back and Next move by one.
 * Pages are the children of a pane (a StackPane holding them all).
 */
public final class WizardSteps<S extends Enum<S>> {

    private final ObjectProperty<S> step;
    private final List<S> order;
    private final List<Node> pages;
    /** Each page's pane, to which it returns when its step is shown. */
    private final List<Pane> holders;
    private final List<ToggleButton> buttons;

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
        this.pages = pages;
        this.buttons = buttons;
        this.holders = pages.stream().map(page -> page.getParent() instanceof Pane pane ? pane : null).toList();
        step.addListener((obs, old, now) -> show());
        // A toggle group lets the selected button be clicked off; keep the current step selected.
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true);
            }
        });
        show();
    }

    private void show() {
        int current = order.indexOf(step.get());
        for (int i = 0; i < pages.size(); i++) {
            Node page = pages.get(i);
            if (i == current && page.getParent() == null && holders.get(i) != null) {
                holders.get(i).getChildren().add(page);
            }
            page.setVisible(i == current);
        }
        buttons.get(current).setSelected(true);
    }

    /**
     * Takes the pages of the other steps out of the scene until their step is first shown: their CSS,
     * skins and layout would slow the screen's first frame (a third of the studio's first, for the
     * Package screen). Call it once the controller has wired the pages' nodes.
     */
    public void joinPagesWhenShown() {
        int current = order.indexOf(step.get());
        for (int i = 0; i < pages.size(); i++) {
            if (i != current && holders.get(i) != null) {
                holders.get(i).getChildren().remove(pages.get(i));
            }
        }
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
