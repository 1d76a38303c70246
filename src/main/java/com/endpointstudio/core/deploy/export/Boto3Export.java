package com.endpointstudio.core.deploy.export;

import com.endpointstudio.core.deploy.DeploymentSpec;
import java.util.Map;

/**
 * The deployment as a Python script over boto3: uploads local model data, then creates the
 * Model(s), the EndpointConfig and the Endpoint, and waits until the endpoint is InService
 * ({@code --no-wait} skips that). Credentials, region and endpoint URL come from boto3's own
 * sources (AWS_PROFILE, AWS_REGION / AWS_DEFAULT_REGION, AWS_ENDPOINT_URL, the config files).
 */
public final class Boto3Export implements SpecExport {

    @Override
    public String fileName(DeploymentSpec spec) {
        return "deploy-" + spec.endpoint().name() + ".py";
    }

    @Override
    public String export(DeploymentSpec spec) {
        ExportPlan plan = new ExportPlan(spec);
        String endpointName = spec.endpoint().name();
        StringBuilder py = new StringBuilder();
        py.append("#!/usr/bin/env python3\n")
                .append("# Creates the SageMaker endpoint ").append(endpointName)
                .append(": Model, EndpointConfig, Endpoint.\n")
                .append("# Exported by Endpoint Studio. Needs boto3 (pip install boto3).\n")
                .append("# Credentials, region and endpoint URL come from boto3's usual sources: AWS_PROFILE,\n")
                .append("# AWS_REGION / AWS_DEFAULT_REGION, AWS_ENDPOINT_URL, ~/.aws/config.\n")
                .append("# Usage: python3 ").append(fileName(spec))
                .append(" [--no-wait]   (--no-wait: do not wait for InService)\n")
                .append("import hashlib\nimport os\nimport sys\nimport tarfile\nimport tempfile\n\nimport boto3\n")
                .append("from botocore.exceptions import ClientError\n\n")
                .append("WAIT = \"--no-wait\" not in sys.argv[1:]\n")
                .append("session = boto3.session.Session()\n")
                .append("region = session.region_name\n")
                .append("if not region:\n")
                .append("    sys.exit(\"No AWS region: set AWS_REGION or AWS_DEFAULT_REGION, or a region in your profile.\")\n")
                .append("sagemaker = session.client(\"sagemaker\")\n\n")
                .append("TAGS = ").append(PythonLiterals.value(plan.tags(), 0)).append("\n\n");
        if (!plan.uploads().isEmpty()) {
            PythonScriptParts.uploads(py, plan);
        }
        for (Map<String, Object> model : plan.createModels()) {
            appendCall(py, "create_model", model);
            py.append("print(\"Created Model \" + ").append(PythonLiterals.string((String) model.get("ModelName")))
                    .append(")\n\n");
        }
        appendCall(py, "create_endpoint_config", plan.createEndpointConfig());
        py.append("print(\"Created EndpointConfig \" + ")
                .append(PythonLiterals.string(spec.endpointConfig().name())).append(")\n\n");
        appendCall(py, "create_endpoint", plan.createEndpoint());
        String name = PythonLiterals.string(endpointName);
        py.append("print(\"Creating Endpoint \" + ").append(name).append(")\n\n")
                .append("if WAIT:\n")
                .append("    print(\"Waiting until it is InService (often 5 to 10 minutes)...\")\n")
                .append("    sagemaker.get_waiter(\"endpoint_in_service\").wait(EndpointName=").append(name).append(")\n")
                .append("    status = sagemaker.describe_endpoint(EndpointName=").append(name)
                .append(")[\"EndpointStatus\"]\n")
                .append("    print(\"Endpoint \" + ").append(name).append(" + \" is \" + status)\n");
        PythonScriptParts.components(py, plan, name);
        PythonScriptParts.autoscaling(py, plan, name);
        PythonScriptParts.componentScaling(py, plan);
        return py.toString();
    }

    /** {@code sagemaker.operation(Member=value, ...)}, with every Tags member pointing at TAGS. */
    private static void appendCall(StringBuilder py, String operation, Map<String, Object> request) {
        PythonScriptParts.call(py, "sagemaker", operation, request);
    }
}
