package com.endpointstudio.packaging;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.app.StudioStartup;
import com.endpointstudio.app.StudioWindow;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.metrics.TimeRange;
import com.endpointstudio.ui.shell.Screen;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;

/**
 * The studio's window, as the application opens it, driven like a user from a thread of its own
 * (every step on the FX thread): every screen of the sidebar visited; the sample model built on
 * the Package screen and deployed to Local with the deploy wizard; one call and a load test of
 * {@value #REQUESTS} requests from the console; a week of the endpoint's metrics on the Metrics
 * screen; then left alone for 90 s (the idle GC runs 30 s after the last collection, and the
 * local metrics are saved every 30 s). After each stage it prints {@code stage NAME rss-kB N …}
 * (VmRSS of this process), for {@link ScriptedUseMemoryBenchmark}. No {@code System.gc()}: what
 * the heap gives back is what the JVM's own settings give back.
 */
public final class ScriptedUse extends Application {

    static final int REQUESTS = Integer.getInteger("scripted.requests", 100_000);
    static final int SETTLE_SECONDS = Integer.getInteger("scripted.settleSeconds", 90);

    private static StudioServices services;
    private static StudioStartup startup;
    private static volatile StudioWindow window;
    private static volatile Stage stage;

    public static void main(String[] args) {
        System.setProperty("endpointstudio.logdir", StudioPaths.forCurrentUser().logDir().toString());
        services = StudioServices.forCurrentUser();
        startup = StudioStartup.begin(services);
        Thread driver = new Thread(ScriptedUse::drive, "scripted-use");
        driver.setDaemon(true);
        driver.start();
        Application.launch(ScriptedUse.class, args);
    }

    @Override
    public void start(Stage primary) {
        stage = primary;
        window = new StudioWindow(services, startup, primary);
        primary.setTitle("Endpoint Studio");
        primary.setScene(window.createScene());
        primary.setWidth(1280);
        primary.setHeight(860);
        primary.show();
    }

    @Override
    public void stop() {
        window.close();
        services.close();
    }

    private static void drive() {
        try {
            System.out.println("studio-pid " + ProcessHandle.current().pid());
            waitUntil(60, () -> window != null && stage.isShowing());
            sleep(10); // the reads after the first frame (history, catalogs, journal, Local endpoints)
            stage("started");

            for (Screen screen : fx(() -> List.copyOf(window.shell().screens()))) {
                fx(() -> {
                    window.shell().show(screen.id());
                    return null;
                });
                sleep(2);
            }
            stage("screens");

            Path archive = Files.createTempDirectory("scripted-use").resolve("houses.tar.gz");
            fx(() -> {
                window.shell().show("package");
                return null;
            });
            click("#sampleButton");
            click("#nextButton");
            fx(() -> {
                ((TextInputControl) node("#outputField")).setText(archive.toString());
                return null;
            });
            click("#buildButton");
            waitUntil(60, () -> text("#outcomeLabel").startsWith("Built"));
            click("#deployButton"); // "Deploy this artifact…": the wizard opens on it
            waitUntil(60, () -> fx(() -> window.shell().selectedProperty().get().id().equals("deploy")));
            fx(() -> {
                window.deploy().stepProperty().set(com.endpointstudio.ui.deploy.DeployViewModel.Step.DEPLOY);
                return null;
            });
            click("#deployButton");
            waitUntil(300, () -> text("#deployOutcome").contains("InService"));
            stage("deployed");

            fx(() -> {
                window.shell().show("console");
                window.console().useEndpoint("houses");
                window.console().editor().bodyTextProperty().set("[[3, 80, 12], [2, 50, 30]]");
                window.console().send();
                return null;
            });
            waitUntil(60, () -> fx(() -> !window.console().response().sendingProperty().get()));
            fx(() -> {
                ((TextInputControl) node("#requestsField")).setText(String.valueOf(REQUESTS));
                return null;
            });
            long started = System.nanoTime();
            click("#startLoadTestButton");
            var loadTest = window.console().loadTest();
            waitUntil(1800, () -> fx(() -> loadTest.reportProperty().get() != null
                    && !loadTest.runningProperty().get()));
            var report = fx(() -> loadTest.reportProperty().get());
            System.out.printf("load-test %d requests, %d errors, %.0f/s, in %d s%n", report.completed(),
                    report.failed(), report.throughput(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
            stage("load-test");

            fx(() -> {
                window.shell().show("metrics");
                window.metrics().presetProperty().set(TimeRange.Preset.WEEK_1);
                window.metrics().useEndpoint("houses");
                return null;
            });
            sleep(1);
            waitUntil(300, () -> fx(() -> !window.metrics().loadingProperty().get()
                    && !window.metrics().drawnProperty().get().isEmpty()));
            sleep(2);
            System.out.println("metrics " + fx(() -> window.metrics().summaryProperty().get()) + " · "
                    + fx(() -> window.metrics().drawnProperty().get().values().stream()
                    .mapToInt(chart -> chart.lines().size()).sum()) + " series drawn");
            stage("metrics");

            for (int waited = 0; waited < SETTLE_SECONDS; waited += 15) {
                sleep(Math.min(15, SETTLE_SECONDS - waited));
                stage("settle-" + Math.min(waited + 15, SETTLE_SECONDS) + "s");
            }
            stage("settled");
            if (Boolean.getBoolean("scripted.diagnose")) {
                diagnose();
            }
            System.out.flush();
            Platform.exit();
        } catch (Throwable e) {
            System.out.println("scripted-use FAILED: " + e);
            e.printStackTrace(System.out);
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    /** Prints VmRSS and the heap's committed and used size at the end of a stage. */
    private static void stage(String name) throws IOException {
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .findFirst().orElseThrow().replaceAll("\\D", "");
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf("stage %s rss-kB %s heap-committed-MiB %d heap-used-MiB %d%n", name, rss,
                heap.getCommitted() >> 20, heap.getUsed() >> 20);
        System.out.flush();
    }

    /** Where the memory is, once measured: native memory (if tracked) and the live heap's largest classes. */
    private static void diagnose() throws IOException, InterruptedException {
        String pid = String.valueOf(ProcessHandle.current().pid());
        for (String command : List.of("VM.native_memory summary", "GC.class_histogram")) {
            List<String> full = new java.util.ArrayList<>(List.of("jcmd", pid));
            full.addAll(List.of(command.split(" ")));
            Process jcmd = new ProcessBuilder(full).redirectErrorStream(true).start();
            List<String> lines = new String(jcmd.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            jcmd.waitFor();
            lines.stream().limit(command.startsWith("GC") ? 40 : 200).forEach(System.out::println);
        }
    }

    private static Node node(String id) {
        Node found = stage.getScene().lookup(id);
        if (found == null) {
            throw new IllegalStateException("no " + id + " on the screen shown");
        }
        return found;
    }

    private static void click(String id) throws Exception {
        fx(() -> {
            ((ButtonBase) node(id)).fire();
            return null;
        });
        sleep(1);
    }

    private static String text(String id) {
        try {
            return fx(() -> ((Labeled) node(id)).getText());
        } catch (Exception e) {
            return "";
        }
    }

    static <T> T fx(Callable<T> step) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                done.complete(step.call());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(60, TimeUnit.SECONDS);
    }

    private static void waitUntil(int seconds, Check check) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.met()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("not done within " + seconds + " s");
            }
            Thread.sleep(250);
        }
    }

    private interface Check {
        boolean met() throws Exception;
    }

    private static void sleep(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
    }
}
