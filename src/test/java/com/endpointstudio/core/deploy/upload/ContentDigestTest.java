package com.endpointstudio.core.deploy.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.packaging.ArchivePlan;
import com.endpointstudio.core.packaging.FileSource;
import com.endpointstudio.core.packaging.PlannedFile;
import com.endpointstudio.core.task.CancelToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digests that name model data in S3 are the ones the standard tools print, so scripts can compute them. */
class ContentDigestTest {

    @TempDir
    Path dir;

    private String bash(String script) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0).as(output).isTrue();
        return output;
    }

    @Test
    void aFilesDigestIsWhatSha256sumPrints() throws Exception {
        Path file = Files.writeString(dir.resolve("model.tar.gz"), "some bytes");
        assertThat(ContentDigest.file(file, CancelToken.none()))
                .isEqualTo(bash("sha256sum model.tar.gz | cut -d' ' -f1"));
    }

    @Test
    void aFoldersDigestIsThatOfItsSha256sumManifestInByteOrder() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model/code"));
        Files.writeString(model.resolve("inference.py"), "def model_fn(d):\n    return d\n");
        Files.writeString(model.getParent().resolve("Zeta.bin"), "z");
        Files.writeString(model.getParent().resolve("alpha.bin"), "a");
        Files.writeString(model.getParent().resolve("é-unicode.txt"), "é");
        Files.createSymbolicLink(model.getParent().resolve("link.bin"), model.getParent().resolve("alpha.bin"));

        String expected = bash("cd model && find . -type f -print0 | LC_ALL=C sort -z | while IFS= read -r -d '' f; do "
                + "printf '%s  %s\\n' \"$(sha256sum < \"$f\" | cut -d' ' -f1)\" \"${f#./}\"; done | sha256sum | cut -d' ' -f1");

        assertThat(ContentDigest.folder(model.getParent(), CancelToken.none())).isEqualTo(expected);
        assertThat(ContentDigest.files(model.getParent())).extracting(p -> ContentDigest.relative(model.getParent(), p))
                .containsExactly("Zeta.bin", "alpha.bin", "code/inference.py", "é-unicode.txt");
    }

    @Test
    void aChangedFileGetsANewDigestThoughItsPathIsRemembered() throws Exception {
        Path file = Files.writeString(dir.resolve("model.tar.gz"), "first");
        String first = ContentDigest.file(file, CancelToken.none());
        Files.writeString(file, "second, longer");
        assertThat(ContentDigest.file(file, CancelToken.none())).isNotEqualTo(first)
                .isEqualTo(bash("sha256sum model.tar.gz | cut -d' ' -f1"));
    }

    @Test
    void aDigestIsKnownToTheNextRunUntilItsFileChanges() throws Exception {
        Path weights = Files.write(dir.resolve("weights.bin"), new byte[] {1, 2, 3});
        ContentDigest.keepIn(dir.resolve("data/digests.tsv"));
        ArchivePlan plan = new ArchivePlan(List.of(new PlannedFile("weights.bin",
                new FileSource.OnDisk(weights, 3))));
        String digest = ContentDigest.plan(plan, CancelToken.none());
        assertThat(Files.readString(dir.resolve("data/digests.tsv"))).contains(weights.toString());

        ContentDigest.forgetThisProcess(); // as the next run starts
        assertThat(ContentDigest.knownPlan(plan)).as("read from the store, not the file").contains(digest);

        Files.write(weights, new byte[] {1, 2, 4}); // same size: the modification time tells
        Files.setLastModifiedTime(weights, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(weights).toMillis() + 2000));
        ContentDigest.forgetThisProcess();
        assertThat(ContentDigest.knownPlan(plan)).isEmpty();
        assertThat(ContentDigest.plan(plan, CancelToken.none())).isNotEqualTo(digest);
        ContentDigest.stopKeepingIn(dir.resolve("data/digests.tsv"));
    }
}
