package com.endpointstudio.core.deploy;

import java.util.regex.Pattern;

/**
 * SageMaker's input rules, as its API model declares them (botocore service model
 * sagemaker/2017-07-24), so the studio refuses exactly what the service would.
 */
final class ApiRules {

    static final int NAME_MAX = 63;
    static final String NAME_RULE = "1 to 63 letters, digits and hyphens, starting and ending with a letter or digit";

    /** ModelName. */
    static final Pattern MODEL_NAME = Pattern.compile("[a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?");
    /** EndpointName, EndpointConfigName, VariantName, ContainerHostname. */
    static final Pattern ENTITY_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    /** RoleArn (min 20, max 2048). */
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");

    /**
     * ContainerImage is {@code [\S]+} (max 255) in the API; on top of it the studio checks the
     * shape of an image reference — registry host, repository path, then a tag or a digest — so
     * a pasted "docker pull" line or a stray scheme is caught before the service refuses it.
     */
    static final Pattern IMAGE = Pattern.compile(
            "(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:[._/-]+[a-z0-9]+)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
                    + "(?:@sha256:[a-f0-9]{64})?");
    static final int IMAGE_MAX = 255;

    /** Url (ModelDataUrl, S3ModelDataSource.S3Uri), max 1024. */
    static final Pattern MODEL_DATA_URL = Pattern.compile("(https|s3)://([^/]+)/?(.*)");
    /** Any "scheme://" start: such a location is a URL, never a local path. */
    static final Pattern LOOKS_LIKE_URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://");

    /** EnvironmentKey (max 1024); values are {@code [\S\s]*}, max 1024; at most 100 entries. */
    static final Pattern ENV_KEY = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** TagKey (1..128) and TagValue (0..256); at most 50 tags. */
    static final Pattern TAG = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    /** VpcConfig: SecurityGroupId / SubnetId are {@code [-0-9a-zA-Z]+}, max 32. */
    static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-zA-Z]+");
    static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-zA-Z]+");

    /** S3 bucket naming rules (general purpose buckets). */
    static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private ApiRules() {
    }
}
