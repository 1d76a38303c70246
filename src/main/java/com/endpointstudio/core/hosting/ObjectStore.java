package com.endpointstudio.core.hosting;

import java.util.Map;
import java.util.Optional;

/**
 * S3 objects as core writes model data into them: look one up, write one in parts as it is made.
 * A multipart upload is what lets an archive go up while later parts of it are still compressed.
 */
public interface ObjectStore {

    /** The object at a key, or empty when there is none. */
    Optional<StoredObject> head(String bucket, String key);

    /** Starts a multipart upload to a key; the object appears only when it is completed. */
    MultipartUpload startUpload(String bucket, String key, Map<String, String> metadata);

    /** An object's size and its user metadata (without the {@code x-amz-meta-} prefix). */
    record StoredObject(long size, Map<String, String> metadata) {
    }

    /** One multipart upload. Parts may be sent from several threads at once, in any order. */
    interface MultipartUpload {

        /** Sends part {@code number} (1-based): {@code length} bytes of {@code bytes}. */
        void uploadPart(int number, byte[] bytes, int length);

        /**
         * Joins the parts into the object — unless an object appeared at the key meanwhile
         * (If-None-Match: *), which is never replaced: then a {@link ResourceExistsException}.
         */
        void complete();

        /** Drops the parts sent so far; the key is left as it was. Never throws. */
        void abort();
    }
}
