package com.endpointstudio.hosting.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.ModelDataStore;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Model data copied from S3 to this computer (a Local deploy, a reproduction): the file is whole or
 * untouched, a copy of the version S3 still holds is kept without sending its bytes again, and a
 * cancelled download leaves the earlier file as it was and nothing beside it.
 */
@ExtendWith(MotoExtension.class)
class ModelDataDownloadTest {

    private static final String URL = "s3://shared-models/churn/model.tar.gz";

    @TempDir
    Path dir;

    private AwsSession session;
    private S3Client s3;
    private ModelDataStore store;

    @BeforeEach
    void start(MotoServer moto) {
        moto.reset();
        session = MotoServer.awsEnvironment(dir.resolve(".aws")).sessionFactory().open(moto.connection());
        s3 = session.client(S3Client.builder());
        s3.createBucket(b -> b.bucket("shared-models"));
        store = AwsHosting.of(session).modelData();
    }

    @AfterEach
    void stop() {
        s3.close();
        session.close();
    }

    private byte[] put(int seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        s3.putObject(b -> b.bucket("shared-models").key("churn/model.tar.gz"), RequestBody.fromBytes(bytes));
        return bytes;
    }

    @Test
    void theVersionAlreadyHereIsKeptAndAChangedOneDownloadedAgain() throws Exception {
        byte[] first = put(1, 3 << 20);
        Path target = dir.resolve("downloads/model.tar.gz");
        Files.createDirectories(target.getParent());
        ModelDataStore.Downloaded got = store.download(URL, target, null, ProgressListener.NONE, CancelToken.none());
        assertThat(got.sent()).isTrue();
        assertThat(got.eTag()).isEqualTo(s3.headObject(b -> b.bucket("shared-models").key("churn/model.tar.gz")).eTag());
        assertThat(Files.readAllBytes(target)).isEqualTo(first);
        Object file = fileKey(target);

        ModelDataStore.Downloaded kept = store.download(URL, target, got.eTag(), ProgressListener.NONE,
                CancelToken.none());
        assertThat(kept).isEqualTo(new ModelDataStore.Downloaded(got.eTag(), false));
        assertThat(fileKey(target)).isEqualTo(file);

        byte[] second = put(2, 3 << 20);
        ModelDataStore.Downloaded changed = store.download(URL, target, got.eTag(), ProgressListener.NONE,
                CancelToken.none());
        assertThat(changed.sent()).isTrue();
        assertThat(changed.eTag()).isNotEqualTo(got.eTag());
        assertThat(Files.readAllBytes(target)).isEqualTo(second);
        assertThat(filesIn(target.getParent())).containsExactly(target);
    }

    @Test
    void aCancelledDownloadLeavesTheEarlierFileAsItWasAndNothingBesideIt() throws Exception {
        Path target = dir.resolve("downloads/model.tar.gz");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "the earlier download");
        put(3, 8 << 20);
        CancelToken cancel = new CancelToken();
        ProgressListener cancelAfterAMegabyte = (done, total) -> {
            if (done > 1 << 20) {
                cancel.cancel();
            }
        };
        assertThatThrownBy(() -> store.download(URL, target, null, cancelAfterAMegabyte, cancel))
                .isInstanceOf(CancellationException.class);
        assertThat(Files.readString(target)).isEqualTo("the earlier download");
        assertThat(filesIn(target.getParent())).containsExactly(target);
    }

    @Test
    void aMissingObjectIsNamedAndNoFileIsMade() throws Exception {
        Path target = dir.resolve("downloads/model.tar.gz");
        Files.createDirectories(target.getParent());
        assertThatThrownBy(() -> store.download(URL, target, null, ProgressListener.NONE, CancelToken.none()))
                .isInstanceOf(StudioException.class).hasMessage("There is no object " + URL + ".");
        assertThat(filesIn(target.getParent())).isEmpty();
    }

    private static Object fileKey(Path file) throws Exception {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    private static java.util.List<Path> filesIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}
