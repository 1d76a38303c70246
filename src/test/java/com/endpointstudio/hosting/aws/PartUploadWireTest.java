package com.endpointstudio.hosting.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.connection.ConnectionKind;
import com.endpointstudio.core.hosting.ObjectStore;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.RecordingProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;

/**
 * The parts of a multipart upload as they reach S3 (a recording proxy in front of moto): a plain body
 * with its CRC32 in x-amz-checksum-crc32, not aws-chunked frames with a checksum trailer. Moto does not
 * check the checksum, so its value is compared with the one the SDK computes itself: real S3 refuses a
 * part whose checksum is wrong.
 */
@ExtendWith(MotoExtension.class)
class PartUploadWireTest {

    @TempDir
    Path dir;

    @Test
    void aPartGoesAsAPlainBodyWithTheChecksumTheSdkWouldCompute(MotoServer moto) throws Exception {
        moto.reset();
        byte[] part = new byte[6 * 1024 * 1024 + 17];
        new Random(5).nextBytes(part);
        try (RecordingProxy proxy = RecordingProxy.in(moto.endpointUrl());
             AwsSession session = MotoServer.awsEnvironment(dir.resolve(".aws")).sessionFactory().open(
                     new Connection("proxied", "Moto", ConnectionKind.AWS, MotoServer.PROFILE, MotoServer.REGION,
                             proxy.url()))) {
            session.s3().createBucket(r -> r.bucket("models"));
            ObjectStore.MultipartUpload upload = AwsHosting.objectStore(session).startUpload("models", "m.tar.gz",
                    Map.of());
            upload.uploadPart(1, part, part.length - 17); // the buffer is longer than the part, as the uploader's are
            upload.complete();

            List<RecordingProxy.Recorded> puts = proxy.requests().stream()
                    .filter(r -> r.method().equals("PUT") && r.path().contains("partNumber=1")).toList();
            assertThat(puts).hasSize(1);
            RecordingProxy.Recorded put = puts.get(0);
            assertThat(header(put, "content-encoding")).as("no aws-chunked frames").isNull();
            assertThat(header(put, "x-amz-decoded-content-length")).isNull();
            assertThat(header(put, "x-amz-trailer")).isNull();
            assertThat(put.body()).isEqualTo(java.util.Arrays.copyOf(part, part.length - 17));
            assertThat(header(put, "x-amz-checksum-crc32")).isEqualTo(sdkCrc32(part, part.length - 17));
            assertThat(session.s3().getObjectAsBytes(r -> r.bucket("models").key("m.tar.gz")).asByteArray())
                    .isEqualTo(put.body());
        }
    }

    @Test
    void theChecksumIsTheCrc32BigEndianInBase64() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII); // CRC-32's check value: 0xCBF43926
        assertThat(AwsObjectStore.crc32(check, check.length)).isEqualTo(Base64.getEncoder().encodeToString(
                new byte[] {(byte) 0xCB, (byte) 0xF4, 0x39, 0x26}));
    }

    private static String header(RecordingProxy.Recorded request, String name) {
        return request.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static String sdkCrc32(byte[] bytes, int length) {
        SdkChecksum checksum = SdkChecksum.forAlgorithm(DefaultChecksumAlgorithm.CRC32);
        checksum.update(bytes, 0, length);
        return Base64.getEncoder().encodeToString(checksum.getChecksumBytes());
    }
}
