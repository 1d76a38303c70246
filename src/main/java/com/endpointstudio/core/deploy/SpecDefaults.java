package com.endpointstudio.core.deploy;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simple real-time deployment, filled in from a handful of answers: one Model, one
 * EndpointConfig with one variant {@value #VARIANT_NAME} (1 instance, weight 1), one Endpoint.
 *
 * <p>Naming scheme, from the one name the user gives: the Endpoint is {@code NAME}, the Model
 * {@code NAME-model}, the EndpointConfig {@code NAME-config}. SageMaker names are at most 63
 * characters, so NAME is shortened (and a trailing hyphen dropped) to leave room for the suffix.
 */
public final class SpecDefaults {

    public static final String VARIANT_NAME = "AllTraffic";
    public static final String MODEL_SUFFIX = "-model";
    public static final String CONFIG_SUFFIX = "-config";
    public static final int MAX_NAME_LENGTH = 63;
    /** Where the framework containers find the handler script inside the unpacked model.tar.gz. */
    public static final String SUBMIT_DIRECTORY = "/opt/ml/model/code";
    public static final String PROGRAM = "inference.py";
    /** Python logging level INFO, as the framework containers expect it (a number). */
    public static final String LOG_LEVEL = "20";

    private SpecDefaults() {
    }

    public static Builder realTime(String name) {
        return new Builder(name);
    }

    public static String modelName(String name) {
        return derived(name, MODEL_SUFFIX);
    }

    public static String endpointConfigName(String name) {
        return derived(name, CONFIG_SUFFIX);
    }

    public static String endpointName(String name) {
        return derived(name, "");
    }

    /** The environment the SageMaker framework containers (PyTorch, TensorFlow, …) read. */
    public static Map<String, String> frameworkEnvironment(String region) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SAGEMAKER_PROGRAM", PROGRAM);
        env.put("SAGEMAKER_SUBMIT_DIRECTORY", SUBMIT_DIRECTORY);
        env.put("SAGEMAKER_CONTAINER_LOG_LEVEL", LOG_LEVEL);
        if (region != null && !region.isBlank()) {
            env.put("SAGEMAKER_REGION", region);
        }
        return env;
    }

    private static String derived(String name, String suffix) {
        String base = name == null ? "" : name.strip();
        int room = MAX_NAME_LENGTH - suffix.length();
        if (base.length() > room) {
            base = base.substring(0, room);
            while (base.endsWith("-")) {
                base = base.substring(0, base.length() - 1);
            }
        }
        return base + suffix;
    }

    /** Collects the answers of the simple deploy wizard; every setter is optional but the name. */
    public static final class Builder {
        private final String name;
        private String image;
        private FrameworkRef framework;
        private ModelDataSpec modelData;
        private String executionRoleArn;
        private String instanceType;
        private String region;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private String deploymentId;

        private Builder(String name) {
            this.name = name;
        }

        public Builder image(String image) {
            this.image = image;
            return this;
        }

        /** The framework image was resolved from; null for a custom image (no framework environment). */
        public Builder framework(FrameworkRef framework) {
            this.framework = framework;
            return this;
        }

        /** An {@code s3://} URI, or a local model.tar.gz / folder to upload to the default bucket. */
        public Builder modelData(String location) {
            this.modelData = location == null ? null : new ModelDataSpec(location, null, null, false);
            return this;
        }

        public Builder modelData(ModelDataSpec modelData) {
            this.modelData = modelData;
            return this;
        }

        public Builder executionRole(String roleArn) {
            this.executionRoleArn = roleArn;
            return this;
        }

        public Builder instanceType(String instanceType) {
            this.instanceType = instanceType;
            return this;
        }

        /** Fills SAGEMAKER_REGION; the region the deployment will run in. */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        /** Fixes the deployment id (tests, re-deploys); otherwise a new one is drawn. */
        public Builder deploymentId(String deploymentId) {
            this.deploymentId = deploymentId;
            return this;
        }

        public DeploymentSpec build() {
            String modelName = modelName(name);
            Map<String, String> env = framework == null ? Map.of() : frameworkEnvironment(region);
            ContainerSpec container = new ContainerSpec(image, framework, modelData, env, null, null);
            ModelSpec model = new ModelSpec(modelName, executionRoleArn, List.of(container), null, null, false);
            VariantSpec variant = new VariantSpec(VARIANT_NAME, modelName, instanceType, 1, 1.0);
            Map<String, String> allTags = new LinkedHashMap<>(tags);
            allTags.put(StudioTags.DEPLOYMENT_KEY, deploymentId != null ? deploymentId : StudioTags.newDeploymentId());
            return new DeploymentSpec(DeploymentSpec.CURRENT_VERSION, List.of(model),
                    new EndpointConfigSpec(endpointConfigName(name), List.of(variant)),
                    new EndpointSpec(endpointName(name), allTags));
        }
    }
}
