package com.endpointstudio.hosting.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.deploy.upload.ArchiveUpload;
import com.endpointstudio.core.deploy.upload.ArchiveUpload.Destination;
import com.endpointstudio.core.deploy.upload.ContentDigest;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.packaging.ArchivePlan;
import com.endpointstudio.core.packaging.BuildResult;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.FileSource;
import com.endpointstudio.core.packaging.PlannedFile;
import com.endpointstudio.core.packaging.archive.ArchiveBuilder;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An archive compressed straight into a multipart upload, against moto's S3 with the real SDK: the
 * object holds exactly the bytes a build to disk writes, an identical object is found without sending
 * anything, and nothing at the key is ever replaced or left half-made.
 */
@ExtendWith(MotoExtension.class)
class OnePassUploadTest {

    private static final String BUCKET = "models";

    @TempDir
    Path dir;

    private AwsSession session;
    private S3Client s3;
    private ArchiveUpload uploads;

    @BeforeEach
    void open(MotoServer moto) {
        moto.reset();
        session = MotoServer.awsEnvironment(dir.resolve(".aws")).sessionFactory().open(moto.connection());
        s3 = session.s3();
        s3.createBucket(r -> r.bucket(BUCKET));
        uploads = new ArchiveUpload(AwsHosting.objectStore(session));
    }

    @AfterEach
    void close() {
        session.close();
    }

    /** About 20 MiB of weights that barely compress, so the archive takes three parts. */
    private ArchivePlan plan(String name, long seed) throws Exception {
        byte[] weights = new byte[20 * 1024 * 1024];
        new Random(seed).nextBytes(weights);
        Path file = Files.write(Files.createDirectories(dir.resolve(name)).resolve("model.pth"), weights);
        return new ArchivePlan(List.of(new PlannedFile("model.pth", new FileSource.OnDisk(file, weights.length)),
                new PlannedFile("code/inference.py", new FileSource.InMemory("def model_fn(d):\n    pass\n".getBytes()))));
    }

    private byte[] object(String key) {
        return s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray();
    }

    @Test
    void theObjectHoldsTheBytesABuildToDiskWritesAndItsInputs() throws Exception {
        ArchivePlan plan = plan("a", 1);
        BuildResult onDisk = new ArchiveBuilder().build(plan, List.of(), dir.resolve("a.tar.gz"), Compression.FAST,
                ProgressListener.NONE, CancelToken.none());

        ArchiveUpload.Result result = uploads.upload(plan, Compression.FAST,
                Destination.at(BUCKET, "m/model.tar.gz").hashingFirst(), ProgressListener.NONE, CancelToken.none());

        assertThat(result.uploaded()).isTrue();
        assertThat(result.uri()).isEqualTo("s3://models/m/model.tar.gz");
        assertThat(result.sha256()).isEqualTo(onDisk.sha256());
        assertThat(result.bytes()).isEqualTo(onDisk.bytes()).isGreaterThan(2L * 8 * 1024 * 1024);
        assertThat(object("m/model.tar.gz")).isEqualTo(Files.readAllBytes(dir.resolve("a.tar.gz")));
        assertThat(s3.headObject(r -> r.bucket(BUCKET).key("m/model.tar.gz")).metadata())
                .containsEntry(ArchiveUpload.INPUTS_SHA256, ContentDigest.plan(plan, CancelToken.none()));
        assertThat(result.inputsSha256()).isEqualTo(ContentDigest.plan(plan, CancelToken.none()));
        assertThat(s3.listMultipartUploads(r -> r.bucket(BUCKET)).uploads()).isEmpty();
    }

    @Test
    void withoutHashingFirstTheInputsAreReadOnceAndAnotherRunCannotTellTheObjectHoldsThem() throws Exception {
        ArchivePlan plan = plan("a", 1);

        ArchiveUpload.Result result = uploads.upload(plan, Compression.FAST, Destination.at(BUCKET, "m/model.tar.gz"),
                ProgressListener.NONE, CancelToken.none());
        assertThat(result.uploaded()).isTrue();
        assertThat(result.inputsSha256()).as("the inputs were not read for their digest").isNull();
        assertThat(s3.headObject(r -> r.bucket(BUCKET).key("m/model.tar.gz")).metadata())
                .doesNotContainKey(ArchiveUpload.INPUTS_SHA256);
        byte[] first = object("m/model.tar.gz");

        assertThatThrownBy(() -> uploads.upload(plan, Compression.FAST, Destination.at(BUCKET, "m/model.tar.gz"),
                ProgressListener.NONE, CancelToken.none()))
                .hasMessageContaining("already holds an object that records no inputs SHA-256")
                .hasMessageContaining("never replaces");
        assertThat(object("m/model.tar.gz")).isEqualTo(first);
        assertThat(s3.listMultipartUploads(r -> r.bucket(BUCKET)).uploads()).isEmpty();
    }

    @Test
    void theSameInputsAgainSendNothingAndOtherInputsAreRefusedLeavingTheObjectAsItWas() throws Exception {
        ArchivePlan plan = plan("a", 1);
        uploads.upload(plan, Compression.FAST, Destination.at(BUCKET, "m/model.tar.gz").hashingFirst(),
                ProgressListener.NONE, CancelToken.none());
        byte[] first = object("m/model.tar.gz");

        ArchiveUpload.Result again = uploads.upload(plan, Compression.DEFAULT, Destination.at(BUCKET, "m/model.tar.gz"),
                ProgressListener.NONE, CancelToken.none());
        assertThat(again.uploaded()).isFalse();
        assertThat(again.bytes()).isEqualTo(first.length);

        ArchivePlan other = plan("b", 2);
        assertThatThrownBy(() -> uploads.upload(other, Compression.FAST, Destination.at(BUCKET, "m/model.tar.gz"),
                ProgressListener.NONE, CancelToken.none()))
                .isInstanceOf(StudioException.class)
                .hasMessageContaining("s3://models/m/model.tar.gz already holds an object of other inputs")
                .hasMessageContaining("never replaces");
        assertThat(object("m/model.tar.gz")).isEqualTo(first);
        assertThat(s3.listMultipartUploads(r -> r.bucket(BUCKET)).uploads()).isEmpty();
    }

    @Test
    void anObjectPutThereByAnotherToolIsNeverReplaced() throws Exception {
        s3.putObject(r -> r.bucket(BUCKET).key("m/model.tar.gz"), RequestBody.fromString("theirs"));

        assertThatThrownBy(() -> uploads.upload(plan("a", 1), Compression.FAST, Destination.at(BUCKET, "m/model.tar.gz"),
                ProgressListener.NONE, CancelToken.none())).hasMessageContaining("already holds an object");

        assertThat(new String(object("m/model.tar.gz"))).isEqualTo("theirs");
    }

    @Test
    void anObjectThatAppearsWhileTheArchiveGoesUpIsKept() throws Exception {
        ArchivePlan plan = plan("a", 1);
        AtomicBoolean written = new AtomicBoolean();
        ProgressListener meanwhile = (done, total) -> {
            if (done > total / 2 && written.compareAndSet(false, true)) {
                s3.putObject(r -> r.bucket(BUCKET).key("m/model.tar.gz"), RequestBody.fromString("theirs"));
            }
        };

        assertThatThrownBy(() -> uploads.upload(plan, Compression.FAST, Destination.at(BUCKET, "m/model.tar.gz"),
                meanwhile, CancelToken.none())).hasMessageContaining("already holds an object");

        assertThat(written).isTrue();
        assertThat(new String(object("m/model.tar.gz"))).isEqualTo("theirs");
        assertThat(s3.listMultipartUploads(r -> r.bucket(BUCKET)).uploads()).isEmpty();
    }

    @Test
    void cancelLeavesNoObjectAndNoPartsBehind() throws Exception {
        ArchivePlan plan = plan("a", 1);
        CancelToken cancel = CancelToken.none();
        ProgressListener cancelHalfway = (done, total) -> {
            if (done > total / 2) {
                cancel.cancel();
            }
        };

        assertThatThrownBy(() -> uploads.upload(plan, Compression.FAST, Destination.at(BUCKET, "m/model.tar.gz"),
                cancelHalfway, cancel)).isInstanceOf(CancellationException.class);

        assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET)).contents()).isEmpty();
        assertThat(s3.listMultipartUploads(r -> r.bucket(BUCKET)).uploads()).isEmpty();
    }

    @Test
    void aKeyNamedByTheInputsIsFoundAgainWithoutSendingAndAMissingBucketIsNamed() throws Exception {
        ArchivePlan plan = plan("a", 1);
        Destination byContent = Destination.byContent(BUCKET, digest -> "studio/" + digest + "/model.tar.gz");
        ArchiveUpload.Result first = uploads.upload(plan, Compression.FAST, byContent, ProgressListener.NONE,
                CancelToken.none());
        assertThat(first.key()).isEqualTo("studio/" + ContentDigest.plan(plan, CancelToken.none()) + "/model.tar.gz");

        ArchiveUpload.Result again = uploads.upload(plan, Compression.FAST, byContent, ProgressListener.NONE,
                CancelToken.none());
        assertThat(again.uploaded()).isFalse();
        assertThat(again.key()).isEqualTo(first.key());

        assertThatThrownBy(() -> uploads.upload(plan, Compression.FAST, Destination.at("no-such-bucket", "m.tar.gz"),
                ProgressListener.NONE, CancelToken.none())).isInstanceOf(StudioException.class)
                .hasMessageContaining("no-such-bucket");
    }
}
