package com.endpointstudio.core.deploy.export;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import java.util.List;
import java.util.Map;

/**
 * The deployment as a Python script over the SageMaker Python SDK v2, written as its users write it:
 * {@code Model(...).deploy(...)} with the serverless, asynchronous and data-capture configs,
 * {@code MultiDataModel} for a multi-model endpoint, {@code PipelineModel} for a serial pipeline, and
 * {@code Session.endpoint_from_production_variants} for several variants. Where the SDK has no class
 * for a request (InferenceExecutionConfig Direct, container hostnames, Application Auto Scaling) the
 * script calls boto3, as the SDK's own examples do. Classes and arguments are those of
 * aws/sagemaker-python-sdk v2.257.6 (src/sagemaker/model.py, multidatamodel.py, pipeline.py, session.py,
 * serverless/serverless_inference_config.py, async_inference/async_inference_config.py,
 * model_monitor/data_capture_config.py).
 *
 * <p>The SDK names the EndpointConfig after the endpoint (Session.endpoint_from_production_variants);
 * the script says so where the spec names it otherwise.
 */
public final class SageMakerSdkExport implements SpecExport {

    /** The SDK release the script is written against, and the range it runs on. */
    public static final String SDK_VERSION = "2.257.6";
    public static final String SDK_REQUIREMENT = "sagemaker>=2.200,<3";

    @Override
    public String fileName(DeploymentSpec spec) {
        return "deploy-" + spec.endpoint().name() + "-sagemaker-sdk.py";
    }

    @Override
    public String export(DeploymentSpec spec) {
        ExportPlan plan = new ExportPlan(spec);
        SdkModels models = new SdkModels(plan);
        String endpoint = PythonLiterals.string(spec.endpoint().name());
        StringBuilder py = new StringBuilder();
        py.append("#!/usr/bin/env python3\n")
                .append("# Creates the SageMaker endpoint ").append(spec.endpoint().name())
                .append(" with the SageMaker Python SDK.\n")
                .append("# Exported by Endpoint Studio for the SDK ").append(SDK_VERSION)
                .append(": pip install \"").append(SDK_REQUIREMENT).append("\"\n")
                .append("# Credentials, region and endpoint URL come from boto3's usual sources: AWS_PROFILE,\n")
                .append("# AWS_REGION / AWS_DEFAULT_REGION, AWS_ENDPOINT_URL, ~/.aws/config.\n")
                .append("# Usage: python3 ").append(fileName(spec))
                .append(" [--no-wait]   (--no-wait: do not wait for InService)\n");
        if (!spec.endpointConfig().name().equals(spec.endpoint().name())) {
            py.append("# The SDK names the EndpointConfig after the endpoint (").append(spec.endpoint().name())
                    .append("); the studio's deploy names it ").append(spec.endpointConfig().name()).append(".\n");
        }
        py.append("import hashlib\nimport os\nimport sys\nimport tarfile\nimport tempfile\n\nimport boto3\n")
                .append("import sagemaker\n")
                .append("from botocore.exceptions import ClientError\n")
                .append(models.imports())
                .append("\nWAIT = \"--no-wait\" not in sys.argv[1:]\n")
                .append("session = boto3.session.Session()\n")
                .append("region = session.region_name\n")
                .append("if not region:\n")
                .append("    sys.exit(\"No AWS region: set AWS_REGION or AWS_DEFAULT_REGION, or a region in your profile.\")\n")
                .append("sagemaker_session = sagemaker.Session(boto_session=session)\n\n")
                .append("TAGS = ").append(PythonLiterals.value(plan.tags(), 0)).append("\n\n");
        if (!plan.uploads().isEmpty()) {
            PythonScriptParts.uploads(py, plan);
        }
        if (spec.usesInferenceComponents()) {
            models.createEach(py);
            deployComponents(py, plan, endpoint);
            return py.toString();
        }
        if (models.oneModelDeploys()) {
            models.deployOne(py, endpoint);
        } else {
            models.createEach(py);
            deployVariants(py, plan, endpoint);
        }
        py.append("print(\"Endpoint \" + ").append(endpoint).append(" + (\" is InService\" if WAIT else \" is being created\"))\n");
        PythonScriptParts.autoscaling(py, plan, endpoint);
        return py.toString();
    }

    /**
     * An endpoint of inference components: its config (a variant without a model, managed instance
     * scaling, the config's execution role) and the components, through the session's boto3 client,
     * with the same requests the studio sends.
     */
    private static void deployComponents(StringBuilder py, ExportPlan plan, String endpoint) {
        py.append("# The endpoint config of inference components and the components themselves, through boto3.\n")
                .append("sagemaker_client = sagemaker_session.sagemaker_client\n");
        PythonScriptParts.call(py, "sagemaker_client", "create_endpoint_config", plan.createEndpointConfig());
        PythonScriptParts.call(py, "sagemaker_client", "create_endpoint", plan.createEndpoint());
        py.append("if WAIT:\n    sagemaker_session.wait_for_endpoint(").append(endpoint).append(")\n");
        PythonScriptParts.components(py, plan, endpoint, "sagemaker_client");
        PythonScriptParts.componentScaling(py, plan);
    }

    /** Several variants, or names and weights Model.deploy can't set: the SDK's production_variant list. */
    private static void deployVariants(StringBuilder py, ExportPlan plan, String endpoint) {
        DeploymentSpec spec = plan.spec();
        py.append("variants = [\n");
        for (VariantSpec variant : spec.endpointConfig().variants()) {
            py.append("    sagemaker.production_variant(\n")
                    .append("        model_name=").append(PythonLiterals.string(variant.modelName())).append(",\n");
            if (variant.serverless() == null) {
                py.append("        instance_type=").append(PythonLiterals.string(variant.instanceType())).append(",\n")
                        .append("        initial_instance_count=").append(variant.initialInstanceCount()).append(",\n");
            }
            py.append("        variant_name=").append(PythonLiterals.string(variant.variantName())).append(",\n")
                    .append("        initial_weight=").append(variant.initialVariantWeight()).append(",\n");
            if (variant.serverless() != null) {
                py.append("        serverless_inference_config=").append(SdkConfigs.serverless(variant.serverless()))
                        .append("._to_request_dict(),\n");
            }
            py.append("    ),\n");
        }
        py.append("]\n")
                .append("sagemaker_session.endpoint_from_production_variants(\n")
                .append("    name=").append(endpoint).append(",\n")
                .append("    production_variants=variants,\n")
                .append("    tags=TAGS,\n");
        var config = spec.endpointConfig();
        if (config.kmsKeyId() != null) {
            py.append("    kms_key=").append(PythonLiterals.string(config.kmsKeyId())).append(",\n");
        }
        if (config.dataCapture() != null) {
            py.append("    data_capture_config_dict=").append(SdkConfigs.dataCapture(config.dataCapture()))
                    .append("._to_request_dict(),\n");
        }
        if (config.async() != null) {
            py.append("    async_inference_config_dict=").append(SdkConfigs.async(config.async()))
                    .append("._to_request_dict(),\n");
        }
        py.append("    wait=WAIT,\n)\n");
    }

    /** The models of a spec in the SDK's classes. */
    private static final class SdkModels {
        private final ExportPlan plan;
        private final List<ModelSpec> models;

        SdkModels(ExportPlan plan) {
            this.plan = plan;
            this.models = plan.spec().models();
        }

        /**
         * One model behind one variant named AllTraffic with weight 1: Model.deploy (and MultiDataModel's,
         * PipelineModel's) creates exactly that. A pipeline with hostnames or an async / serverless
         * pipeline needs more than PipelineModel takes.
         */
        boolean oneModelDeploys() {
            var variants = plan.spec().endpointConfig().variants();
            if (models.size() != 1 || variants.size() != 1) {
                return false;
            }
            VariantSpec variant = variants.get(0);
            ModelSpec model = models.get(0);
            boolean pipeline = model.containers().size() > 1;
            return variant.variantName().equals("AllTraffic") && variant.initialVariantWeight() == 1.0
                    && (!pipeline || "Serial".equals(model.inferenceExecutionMode())
                    && model.containers().stream().allMatch(c -> c.hostname() == null)
                    && variant.serverless() == null && plan.spec().endpointConfig().async() == null);
        }

        String imports() {
            StringBuilder out = new StringBuilder("from sagemaker.model import Model\n");
            var config = plan.spec().endpointConfig();
            if (models.stream().anyMatch(m -> m.containers().size() == 1
                    && "MultiModel".equals(m.containers().get(0).mode()))) {
                out.append("from sagemaker.multidatamodel import MultiDataModel\n");
            }
            if (oneModelDeploys() && models.get(0).containers().size() > 1) {
                out.append("from sagemaker.pipeline import PipelineModel\n");
            }
            if (config.variants().stream().anyMatch(v -> v.serverless() != null)) {
                out.append("from sagemaker.serverless import ServerlessInferenceConfig\n");
            }
            if (config.async() != null) {
                out.append("from sagemaker.async_inference import AsyncInferenceConfig\n");
            }
            if (config.dataCapture() != null) {
                out.append("from sagemaker.model_monitor import DataCaptureConfig\n");
            }
            return out.toString();
        }

        void deployOne(StringBuilder py, String endpoint) {
            ModelSpec model = models.get(0);
            Map<String, Object> request = plan.createModels().get(0);
            VariantSpec variant = plan.spec().endpointConfig().variants().get(0);
            if (model.containers().size() > 1) {
                py.append("model = PipelineModel(\n    models=[\n");
                for (Object container : (List<?>) request.get("Containers")) {
                    py.append("        ").append(SdkConfigs.model("Model", (Map<?, ?>) container, null, 2)).append(",\n");
                }
                py.append("    ],\n");
                SdkConfigs.modelOptions(py, model, request);
                py.append(")\n");
            } else {
                Map<?, ?> container = (Map<?, ?>) request.get("PrimaryContainer");
                boolean multi = "MultiModel".equals(container.get("Mode"));
                py.append("model = ").append(SdkConfigs.model(multi ? "MultiDataModel" : "Model", container, model, 0))
                        .append("\n");
            }
            py.append("model.deploy(\n");
            if (variant.serverless() != null) {
                py.append("    serverless_inference_config=").append(SdkConfigs.serverless(variant.serverless()))
                        .append(",\n");
            } else {
                py.append("    initial_instance_count=").append(variant.initialInstanceCount()).append(",\n")
                        .append("    instance_type=").append(PythonLiterals.string(variant.instanceType())).append(",\n");
            }
            py.append("    endpoint_name=").append(endpoint).append(",\n    tags=TAGS,\n");
            var config = plan.spec().endpointConfig();
            if (config.kmsKeyId() != null) {
                py.append("    kms_key=").append(PythonLiterals.string(config.kmsKeyId())).append(",\n");
            }
            if (config.dataCapture() != null) {
                py.append("    data_capture_config=").append(SdkConfigs.dataCapture(config.dataCapture())).append(",\n");
            }
            if (config.async() != null) {
                py.append("    async_inference_config=").append(SdkConfigs.async(config.async())).append(",\n");
            }
            py.append("    wait=WAIT,\n)\n");
        }

        /** Each model created on its own: the SDK's Model.create, or boto3 where the SDK has no such model. */
        void createEach(StringBuilder py) {
            for (int i = 0; i < models.size(); i++) {
                ModelSpec model = models.get(i);
                Map<String, Object> request = plan.createModels().get(i);
                boolean plain = model.containers().size() == 1 && model.containers().get(0).hostname() == null;
                if (plain) {
                    Map<?, ?> container = (Map<?, ?>) request.get("PrimaryContainer");
                    boolean multi = "MultiModel".equals(container.get("Mode"));
                    py.append(SdkConfigs.model(multi ? "MultiDataModel" : "Model", container, model, 0))
                            .append(".create(tags=TAGS)\n");
                } else {
                    py.append("# The SDK has no InferenceExecutionConfig nor container hostnames: boto3 creates this model.\n");
                    PythonScriptParts.call(py, "session.client(\"sagemaker\")", "create_model", request);
                }
            }
        }
    }
}
