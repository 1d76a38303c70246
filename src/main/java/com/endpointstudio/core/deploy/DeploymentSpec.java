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
 * @param inferenceComponents the models the endpoint hosts as inference components (then its variants
 *                       name no model), created once it is InService; empty for the other shapes
 */
public record DeploymentSpec(int specVersion, List<ModelSpec> models, EndpointConfigSpec endpointConfig,
                             EndpointSpec endpoint, List<InferenceComponentSpec> inferenceComponents) {

    public static final int CURRENT_VERSION = 1;

    public DeploymentSpec {
        models = models == null ? List.of() : List.copyOf(models);
        inferenceComponents = inferenceComponents == null ? List.of() : List.copyOf(inferenceComponents);
    }

    public DeploymentSpec(int specVersion, List<ModelSpec> models, EndpointConfigSpec endpointConfig,
                          EndpointSpec endpoint) {
        this(specVersion, models, endpointConfig, endpoint, List.of());
    }

    /** Whether the endpoint hosts its models as inference components. */
    public boolean usesInferenceComponents() {
        return !inferenceComponents.isEmpty();
    }

    /**
     * An inference component (CreateInferenceComponent): one Model hosted on a variant of the endpoint
     * with its own share of the instance's CPU cores, accelerators and memory, in copies that scale on
     * their own, down to none.
     *
     * @param copyCount   RuntimeConfig.CopyCount: the copies to start with (0 with scale to zero)
     * @param autoScaling Application Auto Scaling of the copies, or null
     */
    public record InferenceComponentSpec(String name, String variantName, String modelName, ComputeSpec compute,
                                         int copyCount, CopyScalingSpec autoScaling) {
    }

    /**
     * ComputeResourceRequirements of one copy.
     *
     * @param cpuCores           NumberOfCpuCoresRequired, or null
     * @param acceleratorDevices NumberOfAcceleratorDevicesRequired, or null
     * @param maxMemoryMb        MaxMemoryRequiredInMb, or null
     */
    public record ComputeSpec(Double cpuCores, Double acceleratorDevices, int minMemoryMb, Integer maxMemoryMb) {
    }

    /**
     * A scalable target on the component's copy count and a target-tracking policy on
     * SageMakerInferenceComponentInvocationsPerCopy; with {@code minCopies} 0 the copies scale to zero,
     * and a step scaling policy on NoCapacityInvocationFailures brings the first one back.
     */
    public record CopyScalingSpec(int minCopies, int maxCopies, double targetInvocationsPerCopy,
                                  int scaleInCooldownSeconds, int scaleOutCooldownSeconds) {

        public boolean scalesToZero() {
            return minCopies == 0;
        }
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
     * @param location     an {@code s3://} or {@code https://} URL, or a local model.tar.gz / folder to upload first
     * @param uploadBucket bucket for a local artifact; null means {@code sagemaker-<region>-<account>}
     * @param uploadPrefix key prefix for a local artifact
     * @param uncompressed true when the location is an S3 prefix of loose files (CompressionType None)
     */
    public record ModelDataSpec(String location, String uploadBucket, String uploadPrefix, boolean uncompressed) {
        public boolean isS3() {
            return location != null && location.startsWith("s3://");
        }

        /** An s3:// or https:// URL, which CreateModel takes as it is; anything else is a local path. */
        public boolean isRemote() {
            return location != null && (location.startsWith("s3://") || location.startsWith("https://"));
        }
    }

    public record VpcSpec(List<String> securityGroupIds, List<String> subnets) {
    }

    /**
     * The EndpointConfig: its production variants, and the options of the whole endpoint.
     *
     * @param async       asynchronous inference (queued requests, results in S3), or null
     * @param dataCapture request / response capture to S3, or null
     * @param kmsKeyId    the KMS key that encrypts the instances' storage volumes, or null for AWS's own
     * @param executionRoleArn the role SageMaker assumes for an endpoint of inference components, or null
     */
    public record EndpointConfigSpec(String name, List<VariantSpec> variants, AsyncSpec async,
                                     DataCaptureSpec dataCapture, String kmsKeyId, String executionRoleArn) {
        public EndpointConfigSpec {
            variants = variants == null ? List.of() : List.copyOf(variants);
        }

        public EndpointConfigSpec(String name, List<VariantSpec> variants, AsyncSpec async, DataCaptureSpec dataCapture,
                                  String kmsKeyId) {
            this(name, variants, async, dataCapture, kmsKeyId, null);
        }

        public EndpointConfigSpec(String name, List<VariantSpec> variants) {
            this(name, variants, null, null, null, null);
        }
    }

    /**
     * One ProductionVariant: backed by instances, or serverless.
     *
     * @param serverless  memory and concurrency of a serverless variant (then no instance type or count), or null
     * @param autoScaling Application Auto Scaling of an instance-backed variant, or null
     * @param managedScaling SageMaker's managed instance scaling of a variant of inference components, or null
     * @param routingStrategy RoutingConfig.RoutingStrategy (LEAST_OUTSTANDING_REQUESTS or RANDOM), or null
     */
    public record VariantSpec(String variantName, String modelName, String instanceType, int initialInstanceCount,
                              double initialVariantWeight, ServerlessSpec serverless, AutoScalingSpec autoScaling,
                              ManagedScalingSpec managedScaling, String routingStrategy) {

        public VariantSpec(String variantName, String modelName, String instanceType, int initialInstanceCount,
                           double initialVariantWeight, ServerlessSpec serverless, AutoScalingSpec autoScaling) {
            this(variantName, modelName, instanceType, initialInstanceCount, initialVariantWeight, serverless,
                    autoScaling, null, null);
        }

        public VariantSpec(String variantName, String modelName, String instanceType, int initialInstanceCount,
                           double initialVariantWeight) {
            this(variantName, modelName, instanceType, initialInstanceCount, initialVariantWeight, null, null);
        }
    }

    /**
     * ManagedInstanceScaling (Status ENABLED): SageMaker adds and removes the variant's instances as its
     * inference components' copies need them; a minimum of 0 lets the variant scale to zero.
     */
    public record ManagedScalingSpec(int minInstances, int maxInstances) {
    }

    /**
     * @param memorySizeMb           1024 to 6144, in 1 GB steps
     * @param maxConcurrency         1 to 200
     * @param provisionedConcurrency null, or 1 to maxConcurrency
     */
    public record ServerlessSpec(int memorySizeMb, int maxConcurrency, Integer provisionedConcurrency) {
    }

    /**
     * A scalable target on the variant's instance count and a target-tracking policy on
     * SageMakerVariantInvocationsPerInstance.
     */
    public record AutoScalingSpec(int minInstances, int maxInstances, double targetInvocationsPerInstance,
                                  int scaleInCooldownSeconds, int scaleOutCooldownSeconds) {
    }

    /**
     * @param successTopic / errorTopic SNS topic ARNs notified per request, or null
     * @param maxConcurrentInvocationsPerInstance null for SageMaker's default
     * @param kmsKeyId the KMS key that encrypts the results in S3, or null
     */
    public record AsyncSpec(String s3OutputPath, String s3FailurePath, String successTopic, String errorTopic,
                            Integer maxConcurrentInvocationsPerInstance, String kmsKeyId) {
    }

    /**
     * @param samplingPercentage 0 to 100
     * @param jsonContentTypes / csvContentTypes content types captured as text (others base64)
     * @param kmsKeyId the KMS key that encrypts the captured data in S3, or null
     */
    public record DataCaptureSpec(int samplingPercentage, String destinationS3Uri, boolean captureRequest,
                                  boolean captureResponse, List<String> jsonContentTypes, List<String> csvContentTypes,
                                  String kmsKeyId) {
        public DataCaptureSpec {
            jsonContentTypes = jsonContentTypes == null ? List.of() : List.copyOf(jsonContentTypes);
            csvContentTypes = csvContentTypes == null ? List.of() : List.copyOf(csvContentTypes);
        }
    }

    /** The Endpoint; the tags go on every resource the deployment creates, with the studio's own tag. */
    public record EndpointSpec(String name, Map<String, String> tags) {
        public EndpointSpec {
            tags = tags == null ? Map.of() : Map.copyOf(tags);
        }
    }
}
