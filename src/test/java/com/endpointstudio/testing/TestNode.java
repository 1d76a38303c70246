package com.endpointstudio.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Node.js packages for tests, installed once with npm into a project under
 * ~/.cache/endpoint-studio-tests/npm-NAME and reused by later runs.
 */
public final class TestNode {

    private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "endpoint-studio-tests");

    private TestNode() {
    }

    /** The node_modules folder of a cached project holding {@code packages} (npm specs like aws-cdk-lib@2). */
    public static synchronized Path modules(String name, List<String> packages) {
        Path project = CACHE.resolve("npm-" + name);
        Path marker = project.resolve("installed.txt");
        String wanted = String.join(" ", packages);
        try {
            if (Files.exists(marker) && Files.readString(marker).equals(wanted)) {
                return project.resolve("node_modules");
            }
            Files.createDirectories(project);
            Files.writeString(project.resolve("package.json"), "{\"name\": \"studio-test-" + name
                    + "\", \"private\": true}\n");
            List<String> command = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund",
                    "--loglevel=error"));
            command.addAll(packages);
            run(project, command, 15);
            Files.writeString(marker, wanted);
            return project.resolve("node_modules");
        } catch (IOException e) {
            throw new IllegalStateException("Could not install " + wanted + " with npm: " + e.getMessage(), e);
        }
    }

    /** Runs a command in {@code dir}; returns its output, or fails with it. */
    public static String run(Path dir, List<String> command, int minutes) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(minutes, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command.get(0) + " (the tests need Node.js and npm): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
