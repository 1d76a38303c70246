package com.endpointstudio.core.hosting;

import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SageMaker control plane as a host offers it: the three entities of the recipe. */
public interface SageMakerControl {

    /** Creates a Model whose containers' model data are already staged locations. Returns its ARN. */
    String createModel(ModelSpec model, Map<String, String> tags);

    String createEndpointConfig(EndpointConfigSpec config, Map<String, String> tags);

    String createEndpoint(String endpointName, String endpointConfigName, Map<String, String> tags);

    Optional<EndpointDescription> describeEndpoint(String endpointName);

    boolean modelExists(String modelName);

    boolean endpointConfigExists(String endpointConfigName);

    /** Each delete returns false when the resource did not exist. */
    boolean deleteModel(String modelName);

    boolean deleteEndpointConfig(String endpointConfigName);

    boolean deleteEndpoint(String endpointName);

    List<EndpointDescription> listEndpoints();

    /**
     * Registers the variant's instance count with Application Auto Scaling and puts its
     * target-tracking policy; the endpoint must be InService. Returns what was done, as a sentence.
     */
    default String configureAutoScaling(String endpointName,
                                        com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec variant) {
        throw new com.endpointstudio.core.error.StudioException("This host has no autoscaling.");
    }

    /**
     * The variant's scalable target and its target-tracking policy on invocations per instance, or
     * empty when the variant does not autoscale (or the host has no autoscaling).
     */
    default java.util.Optional<com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec> describeAutoScaling(
            String endpointName, String variantName) {
        return java.util.Optional.empty();
    }

    /** Removes the variant's scalable target (and with it its policies); false when there was none. */
    default boolean removeAutoScaling(String endpointName, String variantName) {
        return false;
    }

    /**
     * An existing endpoint read back as the spec that would create it: its config, models, tags and
     * autoscaling, under their own names.
     */
    default com.endpointstudio.core.deploy.DeploymentSpec specOf(String endpointName) {
        throw new com.endpointstudio.core.error.StudioException("This host can't read an endpoint back as a spec.");
    }

    /** CreateInferenceComponent on an InService endpoint; returns its ARN (it is Creating until its copies run). */
    default String createInferenceComponent(String endpointName,
            com.endpointstudio.core.deploy.DeploymentSpec.InferenceComponentSpec component, Map<String, String> tags) {
        throw new com.endpointstudio.core.error.StudioException("This host has no inference components.");
    }

    /** DescribeInferenceComponent; empty when there is none of that name. */
    default Optional<ComponentDescription> describeInferenceComponent(String componentName) {
        return Optional.empty();
    }

    /** ListInferenceComponents of one endpoint (paginated). */
    default List<ComponentDescription> listInferenceComponents(String endpointName) {
        return List.of();
    }

    /** UpdateInferenceComponentRuntimeConfig: a new number of copies (0 scales the component to zero). */
    default void updateInferenceComponentCopies(String componentName, int copies) {
        throw new com.endpointstudio.core.error.StudioException("This host has no inference components.");
    }

    /** DeleteInferenceComponent; false when it did not exist. */
    default boolean deleteInferenceComponent(String componentName) {
        return false;
    }

    /**
     * Registers the component's copy count with Application Auto Scaling and puts its target-tracking
     * policy (and, scaling to zero, the step policy and alarm that bring a copy back). Returns what was
     * done, as a sentence.
     */
    default String configureCopyAutoScaling(String componentName,
                                            com.endpointstudio.core.deploy.DeploymentSpec.CopyScalingSpec scaling) {
        throw new com.endpointstudio.core.error.StudioException("This host has no autoscaling.");
    }

    /** Removes the component's scalable target (and its policies); false when there was none. */
    default boolean removeCopyAutoScaling(String componentName) {
        return false;
    }

    /**
     * An inference component as DescribeInferenceComponent tells it.
     *
     * @param status Creating, InService, Failed, Updating, Deleting
     */
    record ComponentDescription(String name, String endpointName, String variantName, String modelName, String status,
                                String failureReason, Integer currentCopies, Integer desiredCopies) {
    }

    /**
     * An endpoint as DescribeEndpoint tells it.
     *
     * @param status SageMaker's EndpointStatus: Creating, InService, Failed, Updating, …
     */
    record EndpointDescription(String name, String arn, String status, String failureReason, String endpointConfigName,
                               Instant createdAt) {
    }
}
