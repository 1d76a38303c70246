package com.endpointstudio.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.StackPane;

/** Loads a screen's FXML with a controller made by hand (so it can take its view model). */
public final class Views {

    private Views() {
    }

    public static Parent load(String fxml, Object controller) {
        URL location = Views.class.getResource("/fxml/" + fxml);
        if (location == null) {
            throw new IllegalStateException("missing view /fxml/" + fxml);
        }
        FXMLLoader loader = new FXMLLoader(location);
        loader.setController(controller);
        try {
            return WholeText.in(loader.<Parent>load());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load view " + fxml, e);
        }
    }

    /**
     * A screen whose view model is still being made from what loads at start-up: a progress
     * indicator until it is ready, then its view (made on the FX thread).
     */
    public static <T> Parent later(CompletableFuture<T> model, Function<T, Parent> view, Executor fx) {
        StackPane holder = new StackPane(new ProgressIndicator());
        model.whenCompleteAsync((ready, error) -> holder.getChildren().setAll(error == null ? view.apply(ready)
                : new Label("This screen could not be opened: " + error.getMessage())), fx);
        return holder;
    }

    /** Every node under {@code root} with the style class (also in scroll panes, tabs and titled or split panes). */
    public static java.util.List<javafx.scene.Node> styled(javafx.scene.Node root, String styleClass) {
        java.util.List<javafx.scene.Node> found = new java.util.ArrayList<>();
        WholeText.walk(root, node -> {
            if (node.getStyleClass().contains(styleClass)) {
                found.add(node);
            }
        });
        return found;
    }

    /** Shows the nodes only while {@code shown} holds; hidden ones take no room. */
    public static void showWhen(java.util.List<javafx.scene.Node> nodes, javafx.beans.value.ObservableBooleanValue shown) {
        for (javafx.scene.Node node : nodes) {
            node.visibleProperty().bind(shown);
            node.managedProperty().bind(shown);
        }
    }

    /**
     * Gives the wrapping labels of {@code pane} room for the trailing space JavaFX keeps at the end
     * of a wrapped line, which is otherwise laid out a few pixels past the label's (and the pane's) edge.
     */
    public static void wrapWithin(javafx.scene.layout.Region pane) {
        for (javafx.scene.Node child : pane.getChildrenUnmodifiable()) {
            if (child instanceof javafx.scene.control.Label label && label.isWrapText()) {
                label.setPadding(new javafx.geometry.Insets(0, 4, 0, 0));
            }
        }
    }
}
