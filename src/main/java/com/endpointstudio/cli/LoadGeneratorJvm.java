package com.endpointstudio.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The JVM {@code loadtest} runs in. bin/endpoint-studio starts it with {@link #OPTIONS}; an installed
 * studio's launcher can't choose options per command and starts every command with the window's (G1, a
 * heap that shrinks when idle), whose pauses land in the measured latencies. So {@code loadtest} from an
 * installed studio starts itself once more, in the image's own runtime, with the load generator's options.
 */
public final class LoadGeneratorJvm {

    /**
     * A serial collector (no concurrent GC threads competing with the calls), the quick C1 compiler only,
     * and objects that survive one young collection kept for good, so a young pause copies only the calls
     * in flight (bin/endpoint-studio says what each bought; LoadTestBenchmark measures with them).
     */
    public static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:MaxTenuringThreshold=1");

    /** Set in the relaunched JVM, which must not relaunch again. */
    static final String RELAUNCHED = "endpointstudio.loadGenerator";

    /** Set by jpackage's launchers: the path of the installed studio's launcher. */
    private static final String APP_PATH = "jpackage.app-path";

    private LoadGeneratorJvm() {
    }

    /**
     * The command that runs these arguments in a load generator's JVM, when they are a load test started
     * by an installed studio's launcher; empty otherwise (run them here).
     */
    public static Optional<List<String>> relaunch(String[] args, Properties system) {
        if (args.length == 0 || !args[0].equals("loadtest") || system.getProperty(APP_PATH) == null
                || system.getProperty(RELAUNCHED) != null) {
            return Optional.empty();
        }
        return launcher(system, List.of("-D" + APP_PATH + "=" + system.getProperty(APP_PATH))).map(command -> {
            List<String> full = new ArrayList<>(command);
            full.addAll(List.of(args));
            return full;
        });
    }

    /**
     * The command that starts the studio's launcher in a load generator's JVM, this runtime's, with
     * these system properties too (the command's arguments follow it); empty when the runtime has no
     * java launcher.
     */
    static Optional<List<String>> launcher(Properties system, List<String> properties) {
        Path bin = Path.of(system.getProperty("java.home"), "bin");
        Path java = Files.isExecutable(bin.resolve("java")) ? bin.resolve("java") : bin.resolve("java.exe");
        if (!Files.isExecutable(java)) {
            return Optional.empty(); // a runtime without its launcher: measure with the options there are
        }
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(OPTIONS);
        command.add("-D" + RELAUNCHED + "=true");
        command.addAll(properties);
        command.addAll(List.of("-cp", system.getProperty("java.class.path"), "com.endpointstudio.Launcher"));
        return Optional.of(command);
    }

    /**
     * Runs the command with this process's terminal and returns its exit code. Ctrl-C reaches both
     * processes (one process group), so the load test stops and reports as it does when run directly;
     * a studio process stopped otherwise takes the load generator with it.
     */
    public static int run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            System.err.println("endpoint-studio: could not start the load generator's JVM: " + e.getMessage());
            return 1;
        }
        Thread stop = new Thread(() -> {
            process.destroy();
            try {
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS); // its last words before ours
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "load-generator-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        while (true) {
            try {
                int code = process.waitFor();
                Runtime.getRuntime().removeShutdownHook(stop);
                return code;
            } catch (InterruptedException e) {
                // the terminal's Ctrl-C went to the load generator too: wait for its report
            } catch (IllegalStateException e) {
                return 130; // shutting down already: the hook stops the load generator
            }
        }
    }
}
