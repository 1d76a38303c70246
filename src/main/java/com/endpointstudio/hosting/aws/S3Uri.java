package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.error.ValidationException;

/** An s3://bucket/key URI; the key is empty for a bucket alone and ends with "/" for a prefix. */
record S3Uri(String bucket, String key) {

    /** @param field where the URI came from, as the user sees it, for the error naming it */
    static S3Uri parse(String uri, String field) {
        if (uri == null || !uri.startsWith("s3://") || uri.length() <= 5) {
            throw new ValidationException(field, "'" + uri + "' is not an s3://bucket/key URI");
        }
        String rest = uri.substring(5);
        int slash = rest.indexOf('/');
        return slash < 0 ? new S3Uri(rest, "") : new S3Uri(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The key of {@code name} under this prefix. */
    String keyUnder(String name) {
        return key.isEmpty() ? name : key.endsWith("/") ? key + name : key + "/" + name;
    }
}
