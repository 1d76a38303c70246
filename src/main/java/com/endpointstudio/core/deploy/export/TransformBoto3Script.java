package com.endpointstudio.core.deploy.export;

import java.util.Map;

/**
 * A batch transform as a Python script over boto3: uploads, CreateModel unless the Model exists,
 * CreateTransformJob, then the boto3 waiter until the job is Completed or Stopped ({@code --no-wait} skips
 * that). It exits 1 when the job did not complete. Credentials, region and endpoint URL come from boto3's
 * own sources.
 */
final class TransformBoto3Script {

    private final TransformExport export;

    TransformBoto3Script(TransformExport export) {
        this.export = export;
    }

    String write() {
        var job = export.job();
        ExportPlan plan = export.plan();
        String name = PythonLiterals.string(job.jobName());
        StringBuilder py = new StringBuilder();
        py.append("#!/usr/bin/env python3\n")
                .append("# Runs the SageMaker batch transform job ").append(job.jobName()).append(" with the Model ")
                .append(job.modelName()).append(".\n")
                .append("# Exported by Endpoint Studio. Needs boto3 (pip install boto3).\n")
                .append("# Credentials, region and endpoint URL come from boto3's usual sources: AWS_PROFILE,\n")
                .append("# AWS_REGION / AWS_DEFAULT_REGION, AWS_ENDPOINT_URL, ~/.aws/config.\n")
                .append("# Usage: python3 ").append(export.fileName("py"))
                .append(" [--no-wait]   (--no-wait: do not wait for the job to end)\n")
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
        Map<String, Object> model = export.createModel();
        if (model != null) {
            String modelName = PythonLiterals.string(job.modelName());
            py.append("# The job scores with the Model ").append(job.modelName())
                    .append(": created here unless it exists.\n")
                    .append("try:\n")
                    .append("    sagemaker.describe_model(ModelName=").append(modelName).append(")\n")
                    .append("    print(\"Model \" + ").append(modelName).append(" + \" exists; the job uses it\")\n")
                    .append("except ClientError as error:\n")
                    .append("    if \"Could not find\" not in error.response[\"Error\"][\"Message\"]:\n")
                    .append("        raise\n");
            StringBuilder call = new StringBuilder();
            PythonScriptParts.call(call, "sagemaker", "create_model", model);
            call.toString().lines().forEach(line -> py.append("    ").append(line).append('\n'));
            py.append("    print(\"Created Model \" + ").append(modelName).append(")\n\n");
        }
        PythonScriptParts.call(py, "sagemaker", "create_transform_job", export.createTransformJob());
        py.append("print(\"Created transform job \" + ").append(name).append(")\n\n")
                .append("if WAIT:\n")
                .append("    print(\"Waiting until it is Completed or Stopped...\")\n")
                .append("    try:\n")
                .append("        sagemaker.get_waiter(\"transform_job_completed_or_stopped\").wait(TransformJobName=")
                .append(name).append(")\n")
                .append("    except Exception as error:  # the waiter gives up on Failed\n")
                .append("        print(error)\n")
                .append("    job = sagemaker.describe_transform_job(TransformJobName=").append(name).append(")\n")
                .append("    print(\"Transform job \" + ").append(name)
                .append(" + \" is \" + job[\"TransformJobStatus\"] + (\": \" + job[\"FailureReason\"] if job.get(")
                .append("\"FailureReason\") else \"\"))\n")
                .append("    print(\"Results: \" + job[\"TransformOutput\"][\"S3OutputPath\"])\n")
                .append("    sys.exit(0 if job[\"TransformJobStatus\"] == \"Completed\" else 1)\n");
        return py.toString();
    }
}
