package com.endpointstudio.core.deploy.export;

import java.util.Map;

/**
 * A batch transform as a bash script of AWS CLI commands: uploads, {@code aws sagemaker create-model}
 * unless the Model exists, {@code create-transform-job}, then {@code aws sagemaker wait
 * transform-job-completed-or-stopped} unless given {@code --no-wait}; it exits 1 when the job did not
 * complete. The CLI reads AWS_PROFILE, AWS_REGION / AWS_DEFAULT_REGION and AWS_ENDPOINT_URL as usual.
 */
final class TransformCliScript {

    private final TransformExport export;

    TransformCliScript(TransformExport export) {
        this.export = export;
    }

    String write() {
        var job = export.job();
        ExportPlan plan = export.plan();
        String name = ShellWords.quote(job.jobName());
        StringBuilder sh = new StringBuilder();
        sh.append("#!/usr/bin/env bash\n")
                .append("# Runs the SageMaker batch transform job ").append(job.jobName()).append(" with the Model ")
                .append(job.modelName()).append(".\n")
                .append("# Exported by Endpoint Studio. Needs the AWS CLI. It reads AWS_PROFILE,\n")
                .append("# AWS_REGION / AWS_DEFAULT_REGION and AWS_ENDPOINT_URL as usual.\n")
                .append("# Usage: bash ").append(export.fileName("sh"))
                .append(" [--no-wait]   (--no-wait: do not wait for the job to end)\n")
                .append("set -euo pipefail\n\n")
                .append("WAIT=1\n")
                .append("if [ \"${1:-}\" = \"--no-wait\" ]; then WAIT=0; fi\n")
                .append("REGION=\"${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws configure get region || true)}}\"\n")
                .append("if [ -z \"$REGION\" ]; then\n")
                .append("  echo \"No AWS region: set AWS_REGION or AWS_DEFAULT_REGION, or a region in your profile.\" >&2\n")
                .append("  exit 1\n")
                .append("fi\n")
                .append("export AWS_DEFAULT_REGION=\"$REGION\"\n\n");
        if (!plan.uploads().isEmpty()) {
            AwsCliExport.appendUploads(sh, plan);
        }
        Map<String, Object> model = export.createModel();
        if (model != null) {
            String modelName = ShellWords.quote(job.modelName());
            sh.append("# The job scores with the Model ").append(job.modelName()).append(": created here unless it exists.\n")
                    .append("if aws sagemaker describe-model --model-name ").append(modelName)
                    .append(" >/dev/null 2>&1; then\n")
                    .append("  echo ").append(ShellWords.quote("Model " + job.modelName() + " exists; the job uses it"))
                    .append('\n')
                    .append("else\n");
            StringBuilder command = new StringBuilder();
            AwsCliExport.appendCommand(command, "sagemaker", "create-model", model);
            command.toString().lines().forEach(line -> sh.append("  ").append(line).append('\n'));
            sh.append("  echo ").append(ShellWords.quote("Created Model " + job.modelName())).append('\n')
                    .append("fi\n\n");
        }
        AwsCliExport.appendCommand(sh, "sagemaker", "create-transform-job", export.createTransformJob());
        sh.append("echo ").append(ShellWords.quote("Created transform job " + job.jobName())).append("\n\n")
                .append("if [ \"$WAIT\" = 1 ]; then\n")
                .append("  echo 'Waiting until it is Completed or Stopped...'\n")
                .append("  aws sagemaker wait transform-job-completed-or-stopped --transform-job-name ").append(name)
                .append(" || true\n")
                .append("  STATUS=\"$(aws sagemaker describe-transform-job --transform-job-name ").append(name)
                .append(" --query TransformJobStatus --output text)\"\n")
                .append("  printf 'Transform job %s is %s\\n' ").append(name).append(" \"$STATUS\"\n")
                .append("  echo ").append(ShellWords.quote("Results: " + job.output().location())).append('\n')
                .append("  [ \"$STATUS\" = Completed ]\n")
                .append("fi\n");
        return sh.toString();
    }
}
