package com.endpointstudio.core.packaging.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.packaging.Finding;
import com.endpointstudio.core.packaging.Framework;
import com.endpointstudio.core.packaging.FrameworkVersion;
import com.endpointstudio.core.packaging.Inspection;
import com.endpointstudio.core.packaging.Severity;
import com.endpointstudio.core.task.CancelToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives made to hurt: each is refused with a sentence, and nothing lands outside the target. */
class HostileArchiveTest {

    @TempDir
    Path dir;

    private interface Entries {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private Path archive(String name, Entries entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GzipCompressorOutputStream(bytes);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            entries.write(tar);
        }
        Path file = dir.resolve(name);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void link(TarArchiveOutputStream tar, String name, String target, byte type) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private Path good() throws IOException {
        return archive("good.tar.gz", tar -> {
            file(tar, "./model.joblib", new byte[] {1, 2, 3});
            file(tar, "./code/inference.py", "def model_fn(d):\n    pass\n".getBytes());
        });
    }

    /** Extracts into dir/model and checks that only the good files, and nothing else, exist. */
    private void assertExtractionRefused(Path archive, String message) throws IOException {
        Path target = dir.resolve("target/model");
        assertThatThrownBy(() -> new ArchiveExtractor().extract(archive, target, CancelToken.none()))
                .isInstanceOf(ArchiveException.class).hasMessageContaining(message);
        assertThat(target).doesNotExist();
        try (Stream<Path> left = Files.walk(dir)) {
            assertThat(left.map(p -> dir.relativize(p).toString()))
                    .allMatch(p -> p.isEmpty() || p.endsWith(".tar.gz") || p.equals("target") || p.endsWith(".bin"));
        }
    }

    @Test
    void aGoodArchiveIsListedWithItsScriptAndExtracted() throws IOException {
        Inspection inspection = new ArchiveInspector().inspect(good(), CancelToken.none());
        assertThat(inspection.contents().files()).containsOnlyKeys("model.joblib", "code/inference.py");
        assertThat(inspection.contents().text("code/inference.py")).hasValueSatisfying(t -> assertThat(t).contains("model_fn"));
        assertThat(inspection.validate(Framework.SKLEARN, FrameworkVersion.of("1.2-1")))
                .noneMatch(f -> f.severity() == Severity.ERROR);

        Path target = dir.resolve("model");
        new ArchiveExtractor().extract(good(), target, CancelToken.none());
        assertThat(target.resolve("model.joblib")).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(target.resolve("code/inference.py")).exists();
    }

    @Test
    void dotDotAndAbsolutePathsAreReportedAndNeverExtracted() throws IOException {
        Path climbing = archive("climb.tar.gz", tar -> {
            file(tar, "model.joblib", new byte[] {1});
            file(tar, "../../escaped.bin", new byte[] {6, 6, 6});
        });
        Inspection inspection = new ArchiveInspector().inspect(climbing, CancelToken.none());
        assertThat(inspection.problems()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.path()).isEqualTo("../../escaped.bin");
            assertThat(f.message()).contains("'..'");
        });
        assertExtractionRefused(climbing, "climbs out");
        assertThat(dir.getParent().resolve("escaped.bin")).doesNotExist();

        Path absolute = archive("absolute.tar.gz", tar -> file(tar, "/tmp/owned.bin", new byte[] {1}));
        assertThat(new ArchiveInspector().inspect(absolute, CancelToken.none()).problems())
                .extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("absolute path"));
        assertExtractionRefused(absolute, "absolute path");
    }

    @Test
    void linksOutsideTheRootAreRefused() throws IOException {
        Path symlink = archive("symlink.tar.gz", tar -> {
            link(tar, "code", "../../..", TarConstants.LF_SYMLINK);
            file(tar, "code/inference.py", new byte[] {1});
        });
        assertThat(new ArchiveInspector().inspect(symlink, CancelToken.none()).problems())
                .anySatisfy(f -> assertThat(f.message()).contains("outside the archive"));
        assertExtractionRefused(symlink, "outside the archive");

        Path hardlink = archive("hardlink.tar.gz", tar -> link(tar, "passwd", "/etc/passwd", TarConstants.LF_LINK));
        assertExtractionRefused(hardlink, "outside");
    }

    @Test
    void deviceFilesAreRefused() throws IOException {
        Path device = archive("device.tar.gz", tar -> {
            TarArchiveEntry entry = new TarArchiveEntry("dev-null", TarConstants.LF_CHR, true);
            entry.setDevMajor(1);
            entry.setDevMinor(3);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        });
        assertThat(new ArchiveInspector().inspect(device, CancelToken.none()).problems())
                .anySatisfy(f -> assertThat(f.message()).contains("device file"));
        assertExtractionRefused(device, "device file");
    }

    @Test
    void aTruncatedArchiveSaysSo() throws IOException {
        Path whole = archive("whole.tar.gz", tar -> file(tar, "model.bin", new byte[200_000]));
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = dir.resolve("truncated.tar.gz");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> new ArchiveInspector().inspect(truncated, CancelToken.none()))
                .isInstanceOf(ArchiveException.class).hasMessageContaining("truncated");
        assertExtractionRefused(truncated, "truncated");
    }

    @Test
    void aCorruptHeaderSaysSo() throws IOException {
        ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes)) {
            file(tar, "model.bin", new byte[10]);
        }
        byte[] raw = tarBytes.toByteArray();
        for (int i = 100; i < 160; i++) {
            raw[i] = (byte) 0xA5; // mode, uid, gid, size and mtime fields become garbage
        }
        Path corrupt = dir.resolve("corrupt.tar.gz");
        try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(corrupt))) {
            out.write(raw);
        }
        assertThatThrownBy(() -> new ArchiveInspector().inspect(corrupt, CancelToken.none()))
                .isInstanceOf(ArchiveException.class).hasMessageContaining("corrupt");
        assertExtractionRefused(corrupt, "corrupt");
    }

    @Test
    void notAGzipArchiveSaysSo() throws IOException {
        Path zip = dir.resolve("model.tar.gz");
        Files.write(zip, "PK\u0003\u0004 this is a zip file".getBytes());
        assertThatThrownBy(() -> new ArchiveInspector().inspect(zip, CancelToken.none()))
                .isInstanceOf(ArchiveException.class).hasMessageContaining("not a gzip-compressed tar");
    }

    @Test
    void absurdEntryCountsAndSizesAreRefused() throws IOException {
        Path many = archive("many.tar.gz", tar -> {
            for (int i = 0; i < 50; i++) {
                file(tar, "f" + i, new byte[0]);
            }
        });
        ArchiveLimits small = new ArchiveLimits(20, 1024, 4096, 1024);
        assertThatThrownBy(() -> new ArchiveInspector(small).inspect(many, CancelToken.none()))
                .hasMessageContaining("more than 20 entries");

        Path big = archive("big.tar.gz", tar -> file(tar, "weights.bin", new byte[5000]));
        assertThatThrownBy(() -> new ArchiveInspector(small).inspect(big, CancelToken.none()))
                .hasMessageContaining("declares 5000 bytes");
        Path target = dir.resolve("model");
        assertThatThrownBy(() -> new ArchiveExtractor(small).extract(big, target, CancelToken.none()))
                .isInstanceOf(ArchiveException.class);
        assertThat(target).doesNotExist();
    }
}
