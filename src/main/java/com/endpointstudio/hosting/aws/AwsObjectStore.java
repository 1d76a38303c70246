package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.hosting.ObjectStore;
import com.endpointstudio.core.hosting.ResourceExistsException;
import com.endpointstudio.core.task.CancelToken;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.zip.CRC32;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * S3 objects over the session's synchronous client ({@link AwsSession#s3WithPlainBodies}): HeadObject, and
 * multipart uploads whose parts carry a CRC32 that S3 checks, completed with If-None-Match: * so an object that appeared meanwhile
 * is never replaced.
 */
final class AwsObjectStore implements ObjectStore {

    private final AwsSession session;
    private final S3Client s3;

    AwsObjectStore(AwsSession session, S3Client s3) {
        this.session = session;
        this.s3 = s3;
    }

    @Override
    public Optional<StoredObject> head(String bucket, String key) {
        try {
            HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
            return Optional.of(new StoredObject(head.contentLength(), head.metadata()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw translate(e, "Checking s3://" + bucket + "/" + key);
        } catch (RuntimeException e) {
            throw translate(e, "Checking s3://" + bucket + "/" + key);
        }
    }

    @Override
    public MultipartUpload startUpload(String bucket, String key, Map<String, String> metadata) {
        String where = "s3://" + bucket + "/" + key;
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).metadata(metadata)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
        } catch (RuntimeException e) {
            throw translate(e, "Starting the upload to " + where);
        }
        ConcurrentSkipListMap<Integer, CompletedPart> parts = new ConcurrentSkipListMap<>();
        return new MultipartUpload() {
            @Override
            public void uploadPart(int number, byte[] bytes, int length) {
                try {
                    // no copy of the part: the body is read from the buffer (again, if the SDK retries)
                    UploadPartResponse sent = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                                    .partNumber(number).contentLength((long) length)
                                    .checksumAlgorithm(ChecksumAlgorithm.CRC32).checksumCRC32(crc32(bytes, length)),
                            RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                                    "application/octet-stream"));
                    parts.put(number, CompletedPart.builder().partNumber(number).eTag(sent.eTag())
                            .checksumCRC32(sent.checksumCRC32()).build());
                } catch (RuntimeException e) {
                    throw translate(e, "Uploading part " + number + " of " + where);
                }
            }

            @Override
            public void complete() {
                try {
                    s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId).ifNoneMatch("*")
                            .multipartUpload(u -> u.parts(parts.values())));
                } catch (S3Exception e) {
                    if (e.statusCode() == 412) {
                        throw new ResourceExistsException(where + " appeared while the archive was uploaded.",
                                "PreconditionFailed", e.requestId(), e);
                    }
                    throw translate(e, "Completing the upload to " + where);
                } catch (RuntimeException e) {
                    throw translate(e, "Completing the upload to " + where);
                }
            }

            @Override
            public void abort() {
                try { // a cancelled job's thread may be interrupted: the abort must still reach S3
                    CancelToken.regardless(() -> s3.abortMultipartUpload(r -> r.bucket(bucket).key(key)
                            .uploadId(uploadId)));
                } catch (RuntimeException ignored) {
                    // the parts stay until a lifecycle rule (AbortIncompleteMultipartUpload) removes them; the
                    // key itself was never written
                }
            }
        };
    }

    /**
     * The x-amz-checksum-crc32 of a part: its CRC-32 in base64 (UploadPart's ChecksumCRC32 in botocore's
     * s3 service-2.json), its four bytes big-endian as botocore/httpchecksum.py's Crc32Checksum.digest
     * gives them. Sent as a header, so the body needs no checksum trailer.
     */
    static String crc32(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private RuntimeException translate(RuntimeException e, String doing) {
        return AwsErrors.translate(e, session.connection(), doing, session.endpointFor("s3"));
    }
}
