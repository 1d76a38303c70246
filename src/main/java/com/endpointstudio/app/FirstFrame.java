package com.endpointstudio.app;

import com.endpointstudio.core.settings.Theme;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.BorderStrokeStyle;
import javafx.scene.layout.BorderWidths;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * The window's first frame: the shell's outline (toolbar, sidebar, content, status bar) in the
 * theme's colours, drawn before the shell itself is made. It uses no control and no stylesheet, so
 * it costs what an empty window costs; the shell, its screens and the theme's CSS (several
 * thousand classes) follow on the next pulses, while the window is already on screen and placed.
 */
final class FirstFrame {

    /** The shell's preferred size (shell.fxml), so the window opens where and as large as before. */
    static final double WIDTH = 1200;
    static final double HEIGHT = 780;

    private FirstFrame() {
    }

    /** The outline in the colours of AtlantaFX's Primer theme: -color-bg-default, -bg-subtle, -border-default. */
    static Scene scene(Theme theme) {
        boolean dark = theme == Theme.DARK;
        Color page = Color.web(dark ? "#0d1117" : "#ffffff");
        Color subtle = Color.web(dark ? "#161b22" : "#f6f8fa");
        Color line = Color.web(dark ? "#30363d" : "#d0d7de");
        BorderPane outline = new BorderPane(part(page, line, null, 0, 0),
                part(page, line, new BorderWidths(0, 0, 1, 0), 0, 42), null,
                part(page, line, new BorderWidths(1, 0, 0, 0), 0, 30),
                part(subtle, line, new BorderWidths(0, 1, 0, 0), 170, 0));
        outline.setId("first-frame");
        return new Scene(outline, WIDTH, HEIGHT, page);
    }

    private static Region part(Color fill, Color line, BorderWidths edge, double width, double height) {
        Region part = new Region();
        part.setBackground(new Background(new BackgroundFill(fill, CornerRadii.EMPTY, Insets.EMPTY)));
        if (edge != null) {
            part.setBorder(new Border(new BorderStroke(line, BorderStrokeStyle.SOLID, CornerRadii.EMPTY, edge)));
        }
        if (width > 0) {
            part.setPrefWidth(width);
        }
        if (height > 0) {
            part.setPrefHeight(height);
        }
        return part;
    }

    /** Runs {@code then} on the FX thread once the frame of the current scene has been drawn. */
    static void afterDrawn(Runnable then) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                // a timer runs at the start of a pulse: on the second, the first one's frame is on screen
                if (++pulses >= 2) {
                    stop();
                    then.run();
                }
            }
        }.start();
    }
}
