package com.endpointstudio.core.packaging.archive;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packages a synthetic model folder (1 GiB by default: float32 weights of random values plus
 * small files) three ways in one run and prints the times: {@code tar -czf}, {@code tar -I
 * 'pigz -1'} and the studio's own CLI ({@code endpoint-studio package --compression fast}) in a
 * fresh JVM, start-up included, with its peak RSS.
 *
 * <p>Run: {@code ./mvnw test -Dtest=PackagingBenchmark [-Dbenchmark.mib=1024]}. Not part of
 * the normal test run.
 */
public class PackagingBenchmark {

    @TempDir
    Path dir;

    @Test
    void packageOneGibibyte() throws Exception {
        long mib = Long.getLong("benchmark.mib", 1024);
        Path model = dir.resolve("model");
        generate(model, mib);
        System.out.printf(Locale.ROOT, "%nPackaging benchmark: %d MiB model folder, %d cores%n", mib,
                Runtime.getRuntime().availableProcessors());

        double gzip = time(List.of("tar", "-czf", dir.resolve("gzip.tar.gz").toString(), "-C", dir.toString(), "model"));
        double pigz = time(List.of("tar", "-I", "pigz -1", "-cf", dir.resolve("pigz.tar.gz").toString(),
                "-C", dir.toString(), "model"));
        Path rss = dir.resolve("rss.txt");
        List<String> studio = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", rss.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "com.endpointstudio.Launcher",
                "package", "--framework", "custom", "--model", model.toString(), "--compression", "fast",
                "-o", dir.resolve("studio.tar.gz").toString()));
        double ours = time(studio);
        long peakKib = Long.parseLong(Files.readAllLines(rss).get(Files.readAllLines(rss).size() - 1).strip());

        System.out.printf(Locale.ROOT, "  tar -czf              %7.2f s  %,d bytes%n", gzip, Files.size(dir.resolve("gzip.tar.gz")));
        System.out.printf(Locale.ROOT, "  tar -I 'pigz -1' -cf  %7.2f s  %,d bytes%n", pigz, Files.size(dir.resolve("pigz.tar.gz")));
        System.out.printf(Locale.ROOT, "  endpoint-studio fast  %7.2f s  %,d bytes  peak RSS %d MB%n", ours,
                Files.size(dir.resolve("studio.tar.gz")), peakKib / 1024);
        System.out.printf(Locale.ROOT, "  speed-up over tar -czf: %.2fx (goal >= 3x)%n", gzip / ours);
        System.out.printf(Locale.ROOT, "  time vs tar | pigz -1:  %.2fx (goal <= 1.25x)%n%n", ours / pigz);
    }

    private static double time(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Four weight files of normally distributed float32 values (like trained weights) and a few small files. */
    public static void generate(Path model, long mib) throws IOException {
        Files.createDirectories(model.resolve("code"));
        Random random = new Random(42);
        long perFile = mib * 1024 * 1024 / 4;
        for (int i = 0; i < 4; i++) {
            try (OutputStream file = Files.newOutputStream(model.resolve("weights-" + i + ".bin"));
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file, 1 << 20))) {
                for (long written = 0; written < perFile; written += 4) {
                    out.writeFloat((float) (random.nextGaussian() * 0.02));
                }
            }
        }
        Files.writeString(model.resolve("config.json"), "{\"hidden_size\": 1024, \"layers\": 24}");
        Files.writeString(model.resolve("code/inference.py"), "def model_fn(model_dir):\n    return None\n");
        Files.writeString(model.resolve("code/requirements.txt"), "numpy\n");
    }
}
