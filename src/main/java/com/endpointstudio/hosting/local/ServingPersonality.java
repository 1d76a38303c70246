package com.endpointstudio.hosting.local;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import java.util.Locale;
import java.util.Map;

/**
 * Which SageMaker framework container a local endpoint behaves as: chosen from the container's
 * framework (or, for an image given by URI, from its ECR repository) and version. The Python
 * adapter has one module per personality (studio_serving/&lt;name&gt;.py) reproducing that
 * container's handlers, decoders, status codes and start-up refusals; every feature that serves a
 * model on this computer picks its personality here.
 *
 * @param name      the adapter's personality: sklearn, pytorch, xgboost, mxnet, tensorflow,
 *                  huggingface, or toolkit (the generic inference toolkit of custom images)
 * @param container how the user knows that container, e.g. "scikit-learn container"
 * @param version   the framework version, or null when unknown
 */
public record ServingPersonality(String name, String container, String version) {

    private static final Map<String, String> CONTAINERS = Map.of(
            "sklearn", "scikit-learn container",
            "pytorch", "PyTorch container",
            "xgboost", "XGBoost container",
            "mxnet", "MXNet container",
            "tensorflow", "TensorFlow Serving container",
            "huggingface", "Hugging Face container",
            "toolkit", "SageMaker inference toolkit");

    /** The personality of a Model's container. */
    public static ServingPersonality of(ContainerSpec container) {
        FrameworkRef framework = container.framework();
        if (framework != null && framework.framework() != null) {
            return of(framework.framework(), framework.version());
        }
        return fromImage(container.image());
    }

    /** By the SDK's framework name ("sklearn", "pytorch", …); anything else is the generic toolkit. */
    public static ServingPersonality of(String framework, String version) {
        String name = framework == null ? "toolkit" : framework.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("huggingface")) {
            name = "huggingface";
        }
        if (!CONTAINERS.containsKey(name)) {
            name = "toolkit";
        }
        return new ServingPersonality(name, CONTAINERS.get(name), version == null || version.isBlank() ? null : version);
    }

    /** A framework image named by URI (account.dkr.ecr.region.amazonaws.com/repository:tag). */
    public static ServingPersonality fromImage(String image) {
        // the framework and version as the image's ECR repository and tag name them
        com.endpointstudio.core.doctor.ImageFacts facts = com.endpointstudio.core.doctor.ImageFacts.of(image);
        return of(facts.framework(), facts.framework() == null ? null : facts.version());
    }

    /** The generic toolkit: the container of a custom image. */
    public boolean generic() {
        return name.equals("toolkit");
    }
}
