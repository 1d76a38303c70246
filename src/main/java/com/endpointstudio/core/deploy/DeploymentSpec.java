package com.endpointstudio.core.deploy;

import java.util.List;
import java.util.Map;

/**
 * The studio's central document: one deployment, as the wizard edits it, the review page
 * renders it, the runner executes it and the CLI reads it from a file. It mirrors the
 * SageMaker recipe — Models, then one EndpointConfig, then the Endpoint.
 *
 * @param specVersion    format version of the file, {@link #CURRENT_VERSION}
 * @param models         the Models to create (one for the simple real-time case)
 * @param endpointConfig the EndpointConfig whose variants name those models
 * @param endpoint       the Endpoint built from the config
 */
public record DeploymentSpec(int specVersion, List<ModelSpec> models, EndpointConfigSpec endpointConfig,
                             EndpointSpec endpoint) {

    public static final int CURRENT_VERSION = 1;

    public DeploymentSpec {
        models = models == null ? List.of() : List.copyOf(models);
    }

    /**
     * A Model: its containers (one, or several for a pipeline / multi-container model), the
     * execution role SageMaker assumes, and network options.
     *
     * @param inferenceExecutionMode null for one container; "Serial" or "Direct" for several
     * @param vpc                    null unless the model runs in the user's VPC
     */
    public record ModelSpec(String name, String executionRoleArn, List<ContainerSpec> containers,
                            String inferenceExecutionMode, VpcSpec vpc, boolean networkIsolation) {
        public ModelSpec {
            containers = containers == null ? List.of() : List.copyOf(containers);
        }
    }

    /**
     * One container of a Model.
     *
     * @param image       the ECR image URI
     * @param framework   how the image was chosen, or null for a custom image
     * @param modelData   where the artifact is, or null for a container without model data
     * @param environment environment variables handed to the container
     * @param hostname    the container hostname (multi-container endpoints), or null
     * @param mode        "SingleModel" (default) or "MultiModel"
     */
    public record ContainerSpec(String image, FrameworkRef framework, ModelDataSpec modelData,
                                Map<String, String> environment, String hostname, String mode) {
        public ContainerSpec {
            environment = environment == null ? Map.of() : Map.copyOf(environment);
        }
    }

    /** The framework image a container was resolved from, kept so the wizard can show and re-resolve it. */
    public record FrameworkRef(String framework, String version, String pyVersion) {
    }

    /**
     * The model artifact.
     *
     * @param location     an {@code s3://} URI, or a local model.tar.gz / folder to upload first
     * @param uploadBucket bucket for a local artifact; null means {@code sagemaker-<region>-<account>}
     * @param uploadPrefix key prefix for a local artifact
     * @param uncompressed true when the location is an S3 prefix of loose files (CompressionType None)
     */
    public record ModelDataSpec(String location, String uploadBucket, String uploadPrefix, boolean uncompressed) {
        public boolean isS3() {
            return location != null && location.startsWith("s3://");
        }
    }

    public record VpcSpec(List<String> securityGroupIds, List<String> subnets) {
    }

    /** The EndpointConfig: its production variants. */
    public record EndpointConfigSpec(String name, List<VariantSpec> variants) {
        public EndpointConfigSpec {
            variants = variants == null ? List.of() : List.copyOf(variants);
        }
    }

    /** One ProductionVariant, backed by instances. */
    public record VariantSpec(String variantName, String modelName, String instanceType, int initialInstanceCount,
                              double initialVariantWeight) {
    }

    /** The Endpoint; the tags go on every resource the deployment creates, with the studio's own tag. */
    public record EndpointSpec(String name, Map<String, String> tags) {
        public EndpointSpec {
            tags = tags == null ? Map.of() : Map.copyOf(tags);
        }
    }
}
