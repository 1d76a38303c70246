package com.endpointstudio.app;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.ListView;
import javafx.stage.Stage;

/**
 * The packaged application's self-check: the main window draws its first frame, then the shell,
 * which must show its screens; the times from the JVM's start to both frames are printed. Exit 0
 * when all is well; 1 on an exception anywhere; 2 when no frame came within a minute.
 */
final class SmokeTest {

    private SmokeTest() {
    }

    private static long sinceStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
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
            private int pulses;
            private int shellPulses;
            private long firstFrame;

            @Override
            public void handle(long now) {
                // a timer runs at the start of a pulse: on the second, the first one's frame is on screen
                if (!stage.isShowing() || ++pulses < 2) {
                    return;
                }
                if (firstFrame == 0) {
                    firstFrame = sinceStart();
                }
                ListView<?> sidebar = (ListView<?>) stage.getScene().lookup("#sidebar");
                if (sidebar == null || ++shellPulses < 2) {
                    return; // the shell is made, or its first frame drawn, on the next pulses
                }
                stop();
                if (sidebar.getItems().isEmpty()) {
                    System.err.println("SMOKE FAILED: the shell did not render its screens");
                    Runtime.getRuntime().halt(1);
                }
                System.out.println("SMOKE OK first-frame-ms=" + firstFrame + " shell-frame-ms=" + sinceStart()
                        + " screens=" + sidebar.getItems().size());
                System.out.flush();
                Platform.exit();
            }
        }.start();
    }
}
