package com.endpointstudio.app;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.ListView;
import javafx.stage.Stage;

/**
 * The packaged application's self-check: once the main window has drawn its first frame, the
 * shell must show its screens; the time from the JVM's start to that frame is printed. Exit 0
 * when all is well; 1 on an exception anywhere; 2 when no frame came within a minute.
 */
final class SmokeTest {

    private SmokeTest() {
    }

    static void watch(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            System.err.println("SMOKE FAILED: " + error);
            error.printStackTrace();
            Runtime.getRuntime().halt(1);
        });
        Thread timeout = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(60);
                System.err.println("SMOKE FAILED: no frame within 60 s");
                Runtime.getRuntime().halt(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "smoke-timeout");
        timeout.setDaemon(true);
        timeout.start();
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames < 2 || !stage.isShowing()) {
                    return; // the second pulse: the first frame has been rendered
                }
                stop();
                long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                ListView<?> sidebar = (ListView<?>) stage.getScene().lookup("#sidebar");
                if (sidebar == null || sidebar.getItems().isEmpty()) {
                    System.err.println("SMOKE FAILED: the shell did not render its screens");
                    Runtime.getRuntime().halt(1);
                }
                System.out.println("SMOKE OK first-frame-ms=" + sinceStart + " screens=" + sidebar.getItems().size());
                System.out.flush();
                Platform.exit();
            }
        }.start();
    }
}
