package com.endpointstudio.core.deploy.export;

import com.endpointstudio.core.deploy.DeploymentSpec;
import java.util.Map;

/**
 * The deployment as a bash script of AWS CLI commands: uploads local model data with
 * {@code aws s3 cp}, runs {@code aws sagemaker create-model}, {@code create-endpoint-config},
 * {@code create-endpoint}, then {@code aws sagemaker wait endpoint-in-service} unless given
 * {@code --no-wait}. The CLI reads AWS_PROFILE, AWS_REGION / AWS_DEFAULT_REGION and
 * AWS_ENDPOINT_URL as usual.
 */
public final class AwsCliExport implements SpecExport {

    @Override
    public String fileName(DeploymentSpec spec) {
        return "deploy-" + spec.endpoint().name() + ".sh";
    }

    @Override
    public String export(DeploymentSpec spec) {
        ExportPlan plan = new ExportPlan(spec);
        StringBuilder sh = new StringBuilder();
        sh.append("#!/usr/bin/env bash\n")
                .append("# Creates the SageMaker endpoint ").append(spec.endpoint().name())
                .append(": Model, EndpointConfig, Endpoint.\n")
                .append("# Exported by Endpoint Studio. Needs the AWS CLI. It reads AWS_PROFILE,\n")
                .append("# AWS_REGION / AWS_DEFAULT_REGION and AWS_ENDPOINT_URL as usual.\n")
                .append("# Usage: bash ").append(fileName(spec))
                .append(" [--no-wait]   (--no-wait: do not wait for InService)\n")
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
            appendUploads(sh, plan);
        }
        for (Map<String, Object> model : plan.createModels()) {
            appendCommand(sh, "create-model", model);
            sh.append("echo ").append(ShellWords.quote("Created Model " + model.get("ModelName"))).append("\n\n");
        }
        appendCommand(sh, "create-endpoint-config", plan.createEndpointConfig());
        sh.append("echo ").append(ShellWords.quote("Created EndpointConfig " + spec.endpointConfig().name()))
                .append("\n\n");
        appendCommand(sh, "create-endpoint", plan.createEndpoint());
        String name = ShellWords.quote(spec.endpoint().name());
        sh.append("echo ").append(ShellWords.quote("Creating Endpoint " + spec.endpoint().name())).append("\n\n")
                .append("if [ \"$WAIT\" = 1 ]; then\n")
                .append("  echo 'Waiting until it is InService (often 5 to 10 minutes)...'\n")
                .append("  aws sagemaker wait endpoint-in-service --endpoint-name ").append(name).append('\n')
                .append("  printf 'Endpoint %s is %s\\n' ").append(name)
                .append(" \"$(aws sagemaker describe-endpoint --endpoint-name ").append(name)
                .append(" --query EndpointStatus --output text)\"\n")
                .append("fi\n");
        appendComponents(sh, plan, name);
        if (!plan.scaling().isEmpty()) {
            sh.append("\n# Autoscaling applies to an InService endpoint.\n")
                    .append("if [ \"$WAIT\" = 0 ]; then aws sagemaker wait endpoint-in-service --endpoint-name ")
                    .append(name).append("; fi\n");
            for (ExportPlan.Scaling scaling : plan.scaling()) {
                appendCommand(sh, "application-autoscaling", "register-scalable-target",
                        scaling.registerScalableTarget());
                appendCommand(sh, "application-autoscaling", "put-scaling-policy", scaling.putScalingPolicy());
                sh.append("echo ").append(ShellWords.quote("Autoscaling " + scaling.registerScalableTarget()
                        .get("ResourceId"))).append('\n');
            }
        }
        appendComponentScaling(sh, plan);
        return sh.toString();
    }

    /** The inference components, created once the endpoint is InService and each waited for until it is too. */
    private static void appendComponents(StringBuilder sh, ExportPlan plan, String endpointName) {
        if (plan.createInferenceComponents().isEmpty()) {
            return;
        }
        sh.append("\n# Inference components are created on an InService endpoint, each waited for until it is too.\n")
                .append("if [ \"$WAIT\" = 0 ]; then aws sagemaker wait endpoint-in-service --endpoint-name ")
                .append(endpointName).append("; fi\n")
                .append("""
                        wait_for_component() {
                          local status
                          while true; do
                            status="$(aws sagemaker describe-inference-component --inference-component-name "$1" \\
                              --query InferenceComponentStatus --output text)"
                            case "$status" in
                              InService) echo "Inference component $1 is InService"; return ;;
                              Failed) echo "Inference component $1 failed" >&2; exit 1 ;;
                            esac
                            sleep 10
                          done
                        }
                        """);
        for (Map<String, Object> component : plan.createInferenceComponents()) {
            appendCommand(sh, "create-inference-component", component);
            sh.append("wait_for_component ").append(ShellWords.quote((String) component.get("InferenceComponentName")))
                    .append('\n');
        }
    }

    /** The copies' autoscaling; scaling to zero, the step policy's ARN goes to the alarm that brings a copy back. */
    private static void appendComponentScaling(StringBuilder sh, ExportPlan plan) {
        for (ComponentRequests.Scaling scaling : plan.componentScaling()) {
            appendCommand(sh, "application-autoscaling", "register-scalable-target", scaling.registerScalableTarget());
            appendCommand(sh, "application-autoscaling", "put-scaling-policy", scaling.putScalingPolicy());
            if (scaling.scaleOutFromZero() != null) {
                StringBuilder step = new StringBuilder();
                appendCommand(step, "application-autoscaling", "put-scaling-policy", scaling.scaleOutFromZero());
                sh.append("STEP_POLICY=\"$(").append(step.toString().replace(" >/dev/null\n", ""))
                        .append(" --query PolicyARN --output text)\"\n");
                StringBuilder alarm = new StringBuilder();
                appendCommand(alarm, "cloudwatch", "put-metric-alarm", scaling.noCapacityAlarm());
                sh.append(alarm.toString().replace("aws cloudwatch put-metric-alarm",
                        "aws cloudwatch put-metric-alarm \\\n  --alarm-actions \"$STEP_POLICY\""));
            }
            sh.append("echo ").append(ShellWords.quote("Autoscaling the copies of " + scaling.component())).append('\n');
        }
    }

    static void appendUploads(StringBuilder sh, ExportPlan plan) {
        if (plan.needsDefaultBucket()) {
            sh.append("# The bucket SageMaker tools share: sagemaker-<region>-<account>, made on first use.\n")
                    .append("ACCOUNT=\"$(aws sts get-caller-identity --query Account --output text)\"\n")
                    .append("BUCKET=\"sagemaker-$REGION-$ACCOUNT\"\n")
                    .append("if ! aws s3api head-bucket --bucket \"$BUCKET\" >/dev/null 2>&1; then\n")
                    .append("  if [ \"$REGION\" = us-east-1 ]; then\n")
                    .append("    aws s3api create-bucket --bucket \"$BUCKET\" >/dev/null\n")
                    .append("  else\n")
                    .append("    aws s3api create-bucket --bucket \"$BUCKET\" --create-bucket-configuration")
                    .append(" \"LocationConstraint=$REGION\" >/dev/null\n")
                    .append("  fi\n")
                    .append("fi\n");
        }
        sh.append("""
                # Model data is keyed by its SHA-256 ([prefix]/[sha256]/...): the same content always lands on
                # the same key and different content never does, so an object already there is never replaced.
                sha256_stdin() { if command -v sha256sum >/dev/null 2>&1; then sha256sum; else shasum -a 256; fi | cut -d' ' -f1; }
                file_sha256() { sha256_stdin < "$1"; }
                # A folder's SHA-256 is that of its manifest, as sha256sum prints it for its files sorted by path.
                folder_sha256() {
                  (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | while IFS= read -r -d '' f; do
                    printf '%s  %s\\n' "$(file_sha256 "$f")" "${f#./}"
                  done) | sha256_stdin
                }
                check_unchanged() {
                  local actual
                  if [ -d "$1" ]; then actual="$(folder_sha256 "$1")"; else actual="$(file_sha256 "$1")"; fi
                  if [ "$actual" != "$2" ]; then
                    echo "$1 changed since this script was exported (SHA-256 $actual, not $2): export it again." >&2
                    exit 1
                  fi
                }
                upload_file() {
                  if aws s3api head-object --bucket "$2" --key "$3" >/dev/null 2>&1; then
                    echo "s3://$2/$3 is already there"
                  else
                    aws s3 cp "$1" "s3://$2/$3" --metadata "sha256=$(file_sha256 "$1")"
                  fi
                }
                upload_packed() {
                  if aws s3api head-object --bucket "$2" --key "$3" >/dev/null 2>&1; then
                    echo "s3://$2/$3 is already there"
                  else
                    # SageMaker unpacks model.tar.gz into /opt/ml/model: the folder's content is the archive root.
                    local archive
                    archive="$(mktemp)"
                    (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | tar --null -czf "$archive" -T -)
                    upload_file "$archive" "$2" "$3"
                    rm -f "$archive"
                  fi
                }

                """);
        for (ExportPlan.Upload upload : plan.uploads()) {
            String path = ShellWords.quote(upload.localPath());
            var target = upload.target();
            String bucket = target.isDefaultBucket() ? "\"$BUCKET\"" : ShellWords.quote(target.bucket());
            String key = ShellWords.quote(target.key());
            sh.append("check_unchanged ").append(path).append(' ').append(target.digest()).append('\n');
            switch (upload.kind()) {
                case ARCHIVE -> sh.append("upload_file ").append(path).append(' ').append(bucket).append(' ')
                        .append(key).append('\n');
                // sync --size-only copies what is missing and never replaces an object already there
                case FOLDER -> sh.append("aws s3 sync --size-only ").append(path).append(' ')
                        .append(s3Uri(upload.location())).append('\n');
                case PACKED_FOLDER -> sh.append("upload_packed ").append(path).append(' ').append(bucket).append(' ')
                        .append(key).append('\n');
            }
        }
        sh.append('\n');
    }

    private static String s3Uri(S3Location location) {
        return location.isDefaultBucket()
                ? "\"s3://$BUCKET/\"" + ShellWords.quote(location.key())
                : ShellWords.quote(location.uri(null));
    }

    private static void appendCommand(StringBuilder sh, String command, Map<String, Object> request) {
        appendCommand(sh, "sagemaker", command, request);
    }

    static void appendCommand(StringBuilder sh, String service, String command, Map<String, Object> request) {
        sh.append("aws ").append(service).append(' ').append(command);
        request.forEach((member, value) -> {
            sh.append(" \\\n  ").append(ShellWords.option(member));
            if (value instanceof Boolean) {
                return; // a flag such as --enable-network-isolation
            }
            sh.append(' ').append(value instanceof String text ? ShellWords.quote(text) : ShellWords.json(value));
        });
        sh.append(" >/dev/null\n");
    }
}
