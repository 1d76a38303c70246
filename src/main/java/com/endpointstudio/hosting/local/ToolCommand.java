package com.endpointstudio.hosting.local;

import com.endpointstudio.core.task.CancelToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A tool the studio runs to its end from a job (pip, docker, an interpreter asked its version): stopped
 * when the job is cancelled, and given up on after a time limit where it has one, so neither a cancel
 * nor a tool that stops answering leaves the job waiting for it.
 */
final class ToolCommand {

    /** How a run ended: its exit code and (the last of) its output's lines. */
    record Result(int exitCode, List<String> lines) {

        boolean succeeded() {
            return exitCode == 0;
        }

        String output() {
            return String.join("\n", lines);
        }
    }

    private ToolCommand() {
    }

    /**
     * Runs the command with its output (standard error joined in) passed to {@code log} line by line as it
     * comes, keeping the last {@code keep} lines for a failure message.
     *
     * @param input written to its standard input, which is then closed; null for none
     * @throws CancellationException when the job is cancelled (the command is stopped)
     */
    static Result streamed(ProcessBuilder builder, String input, Consumer<String> log, int keep) throws IOException {
        Process process = builder.redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            if (input != null) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // it ended without reading: its output and exit code say why
        }
        ArrayDeque<String> last = new ArrayDeque<>();
        // the read below ends when the command does; a cancel ends the command
        try (CancelToken.Registration stop = CancelToken.current().onCancel(process::destroyForcibly);
             BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                     StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                log.accept(line);
                last.addLast(line);
                if (last.size() > keep) {
                    last.removeFirst();
                }
            }
        } catch (IOException e) {
            CancelToken.current().throwIfCancelled(); // stopping the command closed its output under the read
            throw e;
        }
        CancelToken.current().throwIfCancelled();
        return new Result(waitFor(process, builder.command()), List.copyOf(last));
    }

    /**
     * Runs a command that answers quickly, its whole output (standard error joined in) read once it has
     * ended; empty when it has not ended within {@code timeout} (it is then stopped). The output goes
     * through a file, so however much the command prints, it never waits on a full pipe.
     *
     * @throws CancellationException when the job is cancelled (the command is stopped)
     */
    static Optional<Result> answer(List<String> command, Duration timeout) throws IOException {
        Path output = Files.createTempFile("endpoint-studio-", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!ended(process, command, timeout)) {
                return Optional.empty();
            }
            return Optional.of(new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8)
                    .lines().toList()));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * Runs a command that cleans up (docker rm, docker stop), its output not read; false when it has not
     * ended within {@code timeout} (it is then stopped). A cancel does not stop it: a cancelled start or
     * a stop must still clean up. An interrupt stops it, and stays set.
     */
    static boolean quietly(List<String> command, Duration timeout) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return false;
    }

    private static boolean ended(Process process, List<String> command, Duration timeout) {
        try (CancelToken.Registration stop = CancelToken.current().onCancel(process::destroyForcibly)) {
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            CancelToken.current().throwIfCancelled();
            if (!ended) {
                process.destroyForcibly();
            }
            return ended;
        } catch (InterruptedException e) {
            throw interrupted(process, command, e);
        }
    }

    private static int waitFor(Process process, List<String> command) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            throw interrupted(process, command, e);
        }
    }

    private static CancellationException interrupted(Process process, List<String> command, InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        CancellationException cancelled = new CancellationException("interrupted while " + command.get(0) + " ran");
        cancelled.initCause(e);
        return cancelled;
    }
}
