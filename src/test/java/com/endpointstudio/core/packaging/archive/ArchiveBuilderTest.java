package com.endpointstudio.core.packaging.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.packaging.ArchivePlan;
import com.endpointstudio.core.packaging.BuildResult;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.FileSource;
import com.endpointstudio.core.packaging.PlannedFile;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveBuilderTest {

    @TempDir
    Path dir;

    private Path weights;
    private final String longPath = "deep/" + "a".repeat(120) + "/" + "b".repeat(80) + "/weights.bin";

    private ArchivePlan plan() throws IOException {
        weights = dir.resolve("input/model.pth");
        Files.createDirectories(weights.getParent());
        byte[] random = new byte[3 * ParallelGzipOutputStream.BLOCK + 12345];
        new Random(7).nextBytes(random);
        Files.write(weights, random);
        return new ArchivePlan(List.of(
                new PlannedFile("model.pth", new FileSource.OnDisk(weights, random.length)),
                new PlannedFile("code/inference.py", new FileSource.InMemory("def model_fn(d):\n    pass\n".getBytes())),
                new PlannedFile(longPath, new FileSource.InMemory("x".repeat(50_000).getBytes())),
                new PlannedFile("code/requirements.txt", new FileSource.InMemory(new byte[0]))));
    }

    private static Map<String, byte[]> readBack(Path archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                assertThat(entry.getUserId()).isZero();
                assertThat(entry.getModTime().toInstant()).isEqualTo(TarLayout.FIXED_TIME);
                entries.put(entry.getName(), entry.isDirectory() ? null : tar.readAllBytes());
            }
        }
        return entries;
    }

    private static List<String> run(Path workDir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + lines).isZero();
        return lines;
    }

    @Test
    void writesSortedEntriesWithFoldersThatCommonsCompressAndTarReadBack() throws Exception {
        ArchivePlan plan = plan();
        Path out = dir.resolve("model.tar.gz");
        BuildResult result = new ArchiveBuilder().build(plan, List.of(), out, Compression.FAST, ProgressListener.NONE,
                CancelToken.none());

        assertThat(result.bytes()).isEqualTo(Files.size(out));
        assertThat(result.sha256()).hasSize(64);
        Map<String, byte[]> entries = readBack(out);
        assertThat(entries.keySet()).containsExactly("code/", "code/inference.py", "code/requirements.txt", "deep/",
                "deep/" + "a".repeat(120) + "/", "deep/" + "a".repeat(120) + "/" + "b".repeat(80) + "/", longPath,
                "model.pth");
        assertThat(entries.get("model.pth")).isEqualTo(Files.readAllBytes(weights));

        assertThat(run(dir, "tar", "-tzf", out.toString())).contains("model.pth", "code/inference.py", longPath);
        Path extracted = Files.createDirectory(dir.resolve("extracted"));
        run(extracted, "tar", "-xzf", out.toString());
        assertThat(extracted.resolve("model.pth")).hasSameBinaryContentAs(weights);
        assertThat(extracted.resolve(longPath)).hasContent("x".repeat(50_000));
        run(dir, "gzip", "-t", out.toString());
    }

    @Test
    void sameInputsGiveTheSameBytesWhateverTheThreadCount() throws Exception {
        ArchivePlan plan = plan();
        List<String> digests = new ArrayList<>();
        for (int threads : new int[] {1, 2, 5}) {
            Path out = dir.resolve("model-" + threads + ".tar.gz");
            digests.add(new ArchiveBuilder(threads).build(plan, List.of(), out, Compression.DEFAULT, ProgressListener.NONE,
                    CancelToken.none()).sha256());
        }
        assertThat(digests).containsOnly(digests.get(0));
        assertThat(dir.resolve("model-1.tar.gz")).hasSameBinaryContentAs(dir.resolve("model-5.tar.gz"));
    }

    @Test
    void everyCompressionLevelIsValidGzipAndStoreIsLargest() throws Exception {
        ArchivePlan plan = plan();
        Map<Compression, Long> sizes = new LinkedHashMap<>();
        for (Compression level : Compression.values()) {
            Path out = dir.resolve(level.cliName() + ".tar.gz");
            sizes.put(level, new ArchiveBuilder().build(plan, List.of(), out, level, ProgressListener.NONE,
                    CancelToken.none()).bytes());
            run(dir, "gzip", "-t", out.toString());
            assertThat(readBack(out).get("model.pth")).isEqualTo(Files.readAllBytes(weights));
        }
        assertThat(sizes.get(Compression.STORE)).isGreaterThan(sizes.get(Compression.FAST));
    }

    @Test
    void fastStillSqueezesRedundantData() throws Exception {
        Path zeros = Files.write(dir.resolve("sparse.bin"), new byte[8 * 1024 * 1024]);
        ArchivePlan plan = new ArchivePlan(List.of(new PlannedFile("sparse.bin", new FileSource.OnDisk(zeros, 8 << 20))));
        BuildResult fast = new ArchiveBuilder().build(plan, List.of(), dir.resolve("zeros.tar.gz"), Compression.FAST,
                ProgressListener.NONE, CancelToken.none());
        assertThat(fast.bytes()).isLessThan(100_000);
        assertThat(readBack(dir.resolve("zeros.tar.gz")).get("sparse.bin")).isEqualTo(new byte[8 << 20]);
    }

    @Test
    void bytesDeflateShrinksByLessThanThreePercentAreStoredAtEveryLevel() throws Exception {
        // random bytes with every 16th a zero: deflate saves a little under 3 %
        byte[] barely = new byte[4 * 1024 * 1024];
        new Random(11).nextBytes(barely);
        for (int i = 0; i < barely.length; i += 16) {
            barely[i] = 0;
        }
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(6, true);
        deflater.setInput(barely);
        deflater.finish();
        byte[] sink = new byte[barely.length + 4096];
        long deflated = 0;
        while (!deflater.finished()) {
            deflated += deflater.deflate(sink);
        }
        assertThat(deflated).as("deflate alone saves something").isLessThan(barely.length * 99L / 100);
        Path noise = Files.write(dir.resolve("quantized.bin"), barely);
        java.nio.ByteBuffer floats = java.nio.ByteBuffer.allocate(4 * 1024 * 1024);
        Random gaussian = new Random(12);
        while (floats.hasRemaining()) {
            floats.putFloat((float) (gaussian.nextGaussian() * 0.02));
        }
        Path weights = Files.write(dir.resolve("weights.bin"), floats.array());
        for (Compression level : List.of(Compression.FAST, Compression.DEFAULT)) {
            Path out = dir.resolve("noise-" + level.cliName() + ".tar.gz");
            long stored = new ArchiveBuilder().build(new ArchivePlan(List.of(new PlannedFile("quantized.bin",
                    new FileSource.OnDisk(noise, barely.length)))), List.of(), out, level, ProgressListener.NONE,
                    CancelToken.none()).bytes();
            // stored: 5 bytes per 64 KiB block, the tar headers and padding, the gzip frame
            assertThat(stored).as(level.cliName()).isBetween((long) barely.length, barely.length + 4_096L);
            run(dir, "gzip", "-t", out.toString());
            assertThat(readBack(out).get("quantized.bin")).isEqualTo(barely);

            Path squeezed = dir.resolve("floats-" + level.cliName() + ".tar.gz");
            long compressed = new ArchiveBuilder().build(new ArchivePlan(List.of(new PlannedFile("weights.bin",
                    new FileSource.OnDisk(weights, floats.capacity())))), List.of(), squeezed, level,
                    ProgressListener.NONE, CancelToken.none()).bytes();
            assertThat(compressed).as("float32 weights still compress").isLessThan((long) (floats.capacity() * 0.95));
            assertThat(readBack(squeezed).get("weights.bin")).isEqualTo(floats.array());
        }
    }

    @Test
    void progressReachesTheTotal() throws Exception {
        ArchivePlan plan = plan();
        AtomicLong last = new AtomicLong();
        new ArchiveBuilder().build(plan, List.of(), dir.resolve("m.tar.gz"), Compression.FAST,
                (done, total) -> {
                    assertThat(total).isEqualTo(plan.totalBytes());
                    last.set(done);
                }, CancelToken.none());
        assertThat(last.get()).isEqualTo(plan.totalBytes());
    }

    @Test
    void cancelRemovesThePartialFileAndKeepsTheInputs() throws Exception {
        ArchivePlan plan = plan();
        CancelToken cancel = new CancelToken();
        Path out = dir.resolve("cancelled.tar.gz");
        assertThatThrownBy(() -> new ArchiveBuilder().build(plan, List.of(), out, Compression.FAST,
                (done, total) -> {
                    if (done > 0) {
                        cancel.cancel();
                    }
                }, cancel)).isInstanceOf(CancellationException.class);
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("input");
        }
        assertThat(weights).exists();
    }

    @Test
    void refusesAnOutputInsideTheInputFolder() throws Exception {
        ArchivePlan plan = plan();
        assertThatThrownBy(() -> new ArchiveBuilder().build(plan, List.of(dir.resolve("input")),
                dir.resolve("input/model.tar.gz"), Compression.FAST, ProgressListener.NONE, CancelToken.none()))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Output").hasMessageContaining("inside the input folder");
        assertThatThrownBy(() -> new ArchiveBuilder().build(plan, List.of(), weights, Compression.FAST,
                ProgressListener.NONE, CancelToken.none())).hasMessageContaining("one of the input files");
        assertThat(dir.resolve("input/model.tar.gz")).doesNotExist();
    }

    @Test
    void anUnreadableOrVanishedInputIsNamed() throws Exception {
        ArchivePlan plan = plan();
        Files.delete(weights);
        Path out = dir.resolve("model.tar.gz");
        assertThatThrownBy(() -> new ArchiveBuilder().build(plan, List.of(), out, Compression.FAST,
                ProgressListener.NONE, CancelToken.none()))
                .isInstanceOf(StudioException.class).hasMessageContaining(weights.toString());
        assertThat(out).doesNotExist();
    }
}
