package com.endpointstudio.ui.common;

import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Region;

/**
 * Keeps the words of a view whole: a label, button or check box is never narrower than its text,
 * and a wrapping label never shorter than its lines. A layout that has too little room then gives
 * way in its fields, tables and flowing rows instead of cutting words to "…".
 */
public final class WholeText {

    private WholeText() {
    }

    /** Applies the rule to every labeled control under {@code root} (content of tabs, titled and split panes too). */
    public static <T extends Node> T in(T root) {
        walk(root, node -> {
            if (node instanceof Labeled labeled && !(node instanceof javafx.scene.control.Cell<?>)
                    && !(node instanceof TitledPane)) {
                keep(labeled);
            }
        });
        return root;
    }

    /** Visits every node of a view as written, before any skin exists: the content of containers included. */
    static void walk(Node node, Consumer<Node> visitor) {
        visitor.accept(node);
        if (node instanceof TitledPane titled && titled.getContent() != null) {
            walk(titled.getContent(), visitor);
        }
        if (node instanceof ScrollPane scroll && scroll.getContent() != null) {
            walk(scroll.getContent(), visitor);
        }
        if (node instanceof TabPane tabs) {
            for (Tab tab : tabs.getTabs()) {
                if (tab.getContent() != null) {
                    walk(tab.getContent(), visitor);
                }
            }
        }
        if (node instanceof javafx.scene.control.ToolBar bar) {
            bar.getItems().forEach(item -> walk(item, visitor));
        }
        if (node instanceof SplitPane split) {
            split.getItems().forEach(item -> walk(item, visitor));
        } else if (node instanceof Parent parent && !(node instanceof javafx.scene.control.Control)) {
            parent.getChildrenUnmodifiable().forEach(child -> walk(child, visitor));
        }
    }

    private static void keep(Labeled labeled) {
        if (labeled.isWrapText()) {
            if (labeled.getMinHeight() == Region.USE_COMPUTED_SIZE) {
                labeled.setMinHeight(Region.USE_PREF_SIZE);
            }
        } else if (labeled.getMinWidth() == Region.USE_COMPUTED_SIZE) {
            labeled.setMinWidth(Region.USE_PREF_SIZE);
        }
    }
}
