package com.endpointstudio.core.hosting;

import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;

/** Where model data lives for a host: on AWS an S3 bucket, locally the file itself. */
public interface ModelDataStore {

    /**
     * Makes the artifact reachable by the host and returns the location CreateModel takes: an
     * {@code s3://} URI as is, a local model.tar.gz (or an uncompressed folder, as a prefix)
     * uploaded first — unless an identical object is already there.
     */
    StagedModelData stage(ModelDataSpec modelData, ProgressListener progress, CancelToken cancel);

    /**
     * Whether {@link #stage} brings this remote model data to the host first: Local hosting downloads an
     * {@code s3://} or {@code https://} model to this computer; SageMaker takes the URL as it is.
     */
    default boolean fetches(ModelDataSpec modelData) {
        return false;
    }

    /**
     * Puts an archive at an exact key (a multi-model endpoint's models are named by their keys), never
     * replacing an object already there: identical bytes are not sent again, other bytes are refused.
     * Hosts without S3 take a null bucket and a file path as the key.
     *
     * @return the object's URL, and whether bytes were sent
     */
    default StagedModelData put(java.nio.file.Path archive, String bucket, String key, ProgressListener progress,
                                CancelToken cancel) {
        throw new com.endpointstudio.core.error.StudioException("This host keeps no model data in S3.");
    }

    /** Objects written in parts, for an archive uploaded as it is packaged. */
    default ObjectStore objects() {
        throw new com.endpointstudio.core.error.StudioException("This host keeps no model data in S3.");
    }

    /**
     * The objects under an {@code s3://bucket/prefix/}, as keys relative to it: the models of a
     * multi-model endpoint. Hosts without S3 have none.
     */
    default java.util.List<String> list(String s3Prefix) {
        return java.util.List.of();
    }

    /** The bytes of one object ({@code s3://bucket/key}): a captured data file, an asynchronous result. */
    default byte[] read(String s3Uri) {
        throw new com.endpointstudio.core.error.StudioException("This host keeps no objects to read: " + s3Uri);
    }

    /**
     * An S3 object's body, to read front to back without a local copy (the deploy doctor streams a
     * model.tar.gz this way). The caller closes it; closing it early aborts the download.
     */
    default StoredObject open(String s3Url) {
        throw new com.endpointstudio.core.error.StudioException("This host keeps no model data in S3.");
    }

    /** The objects under an {@code s3://bucket/prefix/} with their sizes, keys relative to the prefix. */
    default java.util.List<ObjectInfo> objects(String s3Prefix) {
        return java.util.List.of();
    }

    /** Copies an S3 object to a local file (written beside it and moved into place when complete). */
    default void download(String s3Url, java.nio.file.Path target, ProgressListener progress, CancelToken cancel) {
        download(s3Url, target, null, progress, cancel);
    }

    /**
     * Copies an S3 object to a local file unless the file already holds its current version: {@code heldETag}
     * is the ETag an earlier download of it returned (null: download in any case). The object is read with
     * If-None-Match, so an unchanged one costs a request and no bytes.
     */
    default Downloaded download(String s3Url, java.nio.file.Path target, String heldETag, ProgressListener progress,
                                CancelToken cancel) {
        throw new com.endpointstudio.core.error.StudioException("This host keeps no model data in S3.");
    }

    /**
     * @param eTag the ETag of the object the file now holds
     * @param sent whether its bytes came over the network (false: the file was current)
     */
    record Downloaded(String eTag, boolean sent) {
    }

    /** @param size the object's length in bytes */
    record StoredObject(java.io.InputStream body, long size) implements AutoCloseable {
        @Override
        public void close() throws java.io.IOException {
            body.close();
        }
    }

    record ObjectInfo(String key, long size) {
    }

    /**
     * @param url      the model data location to create the model with
     * @param uploaded whether bytes were sent (false when it was already there)
     */
    record StagedModelData(String url, boolean uploaded, boolean uncompressed) {
    }
}
