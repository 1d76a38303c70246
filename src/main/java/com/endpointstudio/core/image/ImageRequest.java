package com.endpointstudio.core.image;

/**
 * What picks a framework's inference image, as the SageMaker Python SDK's
 * {@code image_uris.retrieve} takes it.
 *
 * @param framework            pytorch, tensorflow, mxnet, sklearn, xgboost or huggingface
 * @param version              the framework version (an alias such as "2.1" is kept in the tag), or null for the latest
 * @param pyVersion            e.g. "py310", or null when the version has a single one (or none)
 * @param region               the AWS region that will pull the image
 * @param instanceType         e.g. "ml.g5.xlarge": decides cpu / gpu / inferentia and Graviton images
 * @param baseFrameworkVersion Hugging Face only: the base framework, e.g. "pytorch2.1"
 */
public record ImageRequest(String framework, String version, String pyVersion, String region, String instanceType,
                           String baseFrameworkVersion) {
}
