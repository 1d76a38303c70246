package com.endpointstudio.packaging;

import java.lang.management.ManagementFactory;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The start-up benchmarks' yardstick: a Stage with an empty Scene the size of the studio's window, its first frame timed as the
 * studio's smoke mode times its own (JVM start to the second pulse), printed the same way.
 */
public final class EmptyWindow extends Application {

    public static void main(String[] args) {
        Application.launch(EmptyWindow.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new Group(), 1200, 780));
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames < 2 || !stage.isShowing()) {
                    return;
                }
                stop();
                long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                System.out.println("SMOKE OK first-frame-ms=" + sinceStart);
                System.out.flush();
                Platform.exit();
            }
        }.start();
        stage.show();
    }
}
