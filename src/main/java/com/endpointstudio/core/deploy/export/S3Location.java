package com.endpointstudio.core.deploy.export;

/**
 * Where an export puts (or finds) model data in S3. A null bucket is the studio's default bucket,
 * {@code sagemaker-<region>-<account>}, whose name only the running script can know: it asks STS
 * for the account. A key ending in "/" is a prefix of loose files.
 */
public record S3Location(String bucket, String key) {

    public boolean isDefaultBucket() {
        return bucket == null;
    }

    /** The URI, with {@code defaultBucket} standing in for the default bucket's name. */
    public String uri(String defaultBucket) {
        return "s3://" + (bucket == null ? defaultBucket : bucket) + "/" + key;
    }
}
