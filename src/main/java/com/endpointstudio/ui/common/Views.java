package com.endpointstudio.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

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
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load view " + fxml, e);
        }
    }
}
