package com.endpointstudio.testing;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/**
 * What a user would see as broken in a laid-out scene: a label, button, cell or header that shows
 * less than its text (the rendered text node differs from the control's text), a placeholder cut
 * by its field, controls of one layout pane overlapping each other, a control pushed out of its
 * pane or out of the window. Only what is shown counts: nodes hidden themselves or under a hidden
 * parent, and content scrolled out of a scroll pane's or a list's viewport, are left alone.
 */
public final class LayoutAudit {

    /** A node whose text may be cut on purpose (a preview of a request body, say) carries this key. */
    public static final String MAY_TRUNCATE = "layout-audit.may-truncate";

    private static final double SLACK = 1.0;

    private final List<String> findings = new ArrayList<>();

    private LayoutAudit() {
    }

    /** Every finding in {@code scene}, each a sentence naming the node (its id, class and text). */
    public static List<String> of(Scene scene) {
        LayoutAudit audit = new LayoutAudit();
        audit.walk(scene.getRoot(), scene, false);
        return audit.findings;
    }

    private void walk(Node node, Scene scene, boolean scrolled) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        if (node instanceof Labeled labeled) {
            checkText(labeled);
        }
        if (node instanceof TextInputControl field) {
            checkPrompt(field);
        }
        if (node instanceof Control control && !scrolled) {
            checkInWindow(control, scene);
        }
        if (node instanceof Pane pane && isLayoutPane(pane)) {
            checkChildren(pane);
        }
        if (node instanceof Parent parent) {
            // what lies in a scroll pane's or a virtual flow's viewport can be scrolled to
            boolean inside = scrolled || node instanceof ScrollPane
                    || node.getClass().getSimpleName().equals("VirtualFlow");
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, scene, inside);
            }
        }
    }

    private void checkText(Labeled labeled) {
        String text = labeled.getText();
        if (text == null || text.isBlank() || labeled.getProperties().containsKey(MAY_TRUNCATE)
                || labeled.getWidth() <= 0) {
            return;
        }
        // the skin's LabeledText, not an icon (icon fonts are Text nodes too)
        Text shown = labeled.getChildrenUnmodifiable().stream()
                .filter(child -> child.getClass().getSimpleName().equals("LabeledText")).map(Text.class::cast)
                .findFirst().orElse(null);
        if (shown == null) {
            return; // drawn by an inner label of its skin (titled panes, menu buttons), audited itself
        }
        String expected = labeled.isMnemonicParsing() ? text.replaceFirst("_(?=.)", "") : text;
        if (!normalise(shown.getText()).equals(normalise(expected))) {
            findings.add(describe(labeled) + " shows only \"" + shown.getText() + "\"");
        }
    }

    private static String normalise(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    private void checkPrompt(TextInputControl field) {
        String prompt = field.getPromptText();
        if (prompt == null || prompt.isBlank() || !(field.getText() == null || field.getText().isEmpty())
                || field.getWidth() <= 0 || field.getProperties().containsKey(MAY_TRUNCATE)
                || field instanceof javafx.scene.control.TextArea) {
            return;
        }
        Text measure = new Text(prompt);
        measure.setFont(field.getFont());
        double room = field.getWidth() - field.getInsets().getLeft() - field.getInsets().getRight();
        if (measure.getLayoutBounds().getWidth() > room + SLACK) {
            findings.add(describe(field) + " cuts its placeholder \"" + prompt + "\"");
        }
    }

    private void checkInWindow(Control control, Scene scene) {
        Bounds bounds = control.localToScene(control.getLayoutBounds());
        if (bounds.getWidth() <= 0 || bounds.getHeight() <= 0) {
            return;
        }
        if (bounds.getMinX() < -SLACK || bounds.getMinY() < -SLACK || bounds.getMaxX() > scene.getWidth() + SLACK
                || bounds.getMaxY() > scene.getHeight() + SLACK) {
            findings.add(describe(control) + " lies outside the window (" + round(bounds) + " in "
                    + Math.round(scene.getWidth()) + "×" + Math.round(scene.getHeight()) + ")");
        }
    }

    /** The plain layout panes the studio's views are made of (skins' own stacks are left alone). */
    private static boolean isLayoutPane(Pane pane) {
        return pane instanceof HBox || pane instanceof VBox || pane instanceof FlowPane || pane instanceof GridPane
                || pane instanceof BorderPane || pane instanceof TilePane;
    }

    private void checkChildren(Pane pane) {
        List<Node> shown = pane.getChildren().stream()
                .filter(child -> child.isVisible() && child.isManaged() && child instanceof javafx.scene.layout.Region)
                .filter(child -> child.getLayoutBounds().getWidth() > 0 && child.getLayoutBounds().getHeight() > 0)
                .toList();
        Bounds room = pane.getLayoutBounds();
        for (int i = 0; i < shown.size(); i++) {
            Node a = shown.get(i);
            Bounds ab = a.getBoundsInParent();
            if (ab.getMaxX() > room.getMaxX() + SLACK || ab.getMaxY() > room.getMaxY() + SLACK
                    || ab.getMinX() < room.getMinX() - SLACK || ab.getMinY() < room.getMinY() - SLACK) {
                findings.add(describe(a) + " overflows its " + pane.getClass().getSimpleName() + " " + describe(pane)
                        + " (" + round(ab) + " in " + round(room) + "; its min width " + Math.round(a.minWidth(-1))
                        + ", pref " + Math.round(a.prefWidth(-1)) + ")");
            }
            for (int j = i + 1; j < shown.size(); j++) {
                Bounds bb = shown.get(j).getBoundsInParent();
                double w = Math.min(ab.getMaxX(), bb.getMaxX()) - Math.max(ab.getMinX(), bb.getMinX());
                double h = Math.min(ab.getMaxY(), bb.getMaxY()) - Math.max(ab.getMinY(), bb.getMinY());
                if (w > SLACK && h > SLACK) {
                    findings.add(describe(a) + " overlaps " + describe(shown.get(j)));
                }
            }
        }
    }

    private static String round(Bounds b) {
        return Math.round(b.getMinX()) + "," + Math.round(b.getMinY()) + " " + Math.round(b.getWidth()) + "×"
                + Math.round(b.getHeight());
    }

    /** The node as a reader finds it: class, id, text, and the nearest ancestor with an id. */
    static String describe(Node node) {
        StringBuilder text = new StringBuilder(node.getClass().getSimpleName());
        if (node.getId() != null) {
            text.append(" #").append(node.getId());
        }
        if (node instanceof Labeled labeled && labeled.getText() != null && !labeled.getText().isBlank()) {
            String t = labeled.getText().strip();
            text.append(" \"").append(t.length() > 60 ? t.substring(0, 60) + "…" : t).append('"');
        }
        for (Node up = node.getParent(); up != null; up = up.getParent()) {
            if (up.getId() != null) {
                text.append(" in #").append(up.getId());
                break;
            }
        }
        return text.toString();
    }
}
