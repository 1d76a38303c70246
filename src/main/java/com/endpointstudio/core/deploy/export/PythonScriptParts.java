package com.endpointstudio.core.deploy.export;

import java.util.Map;

/** The pieces the Python exports share: uploads keyed by content, API calls as keyword arguments, autoscaling. */
final class PythonScriptParts {

    private PythonScriptParts() {
    }

    /**
     * Uploads the plan's local model data with boto3's S3 client ({@code s3}); needs the variables
     * {@code session} (a boto3 session) and {@code region}, and imports hashlib, os, sys, tarfile, tempfile
     * and ClientError.
     */
    static void uploads(StringBuilder py, ExportPlan plan) {
        py.append("s3 = session.client(\"s3\")\n\n");
        if (plan.needsDefaultBucket()) {
            py.append("""
                    def default_bucket():
                        # The bucket SageMaker tools share: sagemaker-<region>-<account>, made on first use.
                        account = session.client("sts").get_caller_identity()["Account"]
                        name = "sagemaker-%s-%s" % (region, account)
                        try:
                            s3.head_bucket(Bucket=name)
                        except ClientError:
                            if region == "us-east-1":
                                s3.create_bucket(Bucket=name)
                            else:
                                s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
                        return name


                    BUCKET = default_bucket()

                    """);
        }
        py.append("""
                # Model data is keyed by its SHA-256 ([prefix]/[sha256]/...): the same content always lands on
                # the same key and different content never does, so an object already there is never replaced.
                def file_sha256(path):
                    digest = hashlib.sha256()
                    with open(path, "rb") as handle:
                        for block in iter(lambda: handle.read(1 << 20), b""):
                            digest.update(block)
                    return digest.hexdigest()


                def folder_files(path):
                    # Regular files (not links) by their relative path's UTF-8 bytes.
                    found = []
                    for root, _dirs, files in os.walk(path):
                        for name in files:
                            local = os.path.join(root, name)
                            if os.path.isfile(local) and not os.path.islink(local):
                                found.append((os.path.relpath(local, path).replace(os.sep, "/").encode("utf-8"), local))
                    return sorted(found)


                def folder_sha256(path):
                    # The SHA-256 of the folder's manifest, as sha256sum prints it for its files in that order.
                    manifest = b"".join(file_sha256(local).encode("ascii") + b"  " + relative + b"\\n"
                                        for relative, local in folder_files(path))
                    return hashlib.sha256(manifest).hexdigest()


                def check_unchanged(path, expected):
                    actual = folder_sha256(path) if os.path.isdir(path) else file_sha256(path)
                    if actual != expected:
                        sys.exit("%s changed since this script was exported (SHA-256 %s, not %s): export it again."
                                 % (path, actual, expected))


                def exists(bucket, key):
                    try:
                        s3.head_object(Bucket=bucket, Key=key)
                        return True
                    except ClientError as error:
                        if error.response["Error"]["Code"] in ("404", "NoSuchKey", "NotFound"):
                            return False
                        raise


                def upload_file(path, bucket, key):
                    if exists(bucket, key):
                        print("s3://%s/%s is already there" % (bucket, key))
                        return
                    print("Uploading %s to s3://%s/%s" % (path, bucket, key))
                    s3.upload_file(path, bucket, key, ExtraArgs={"Metadata": {"sha256": file_sha256(path)}})


                def upload_folder(path, bucket, prefix):
                    for relative, local in folder_files(path):
                        upload_file(local, bucket, prefix + relative.decode("utf-8"))


                def upload_packed(path, bucket, key):
                    if exists(bucket, key):
                        print("s3://%s/%s is already there" % (bucket, key))
                        return
                    # SageMaker unpacks model.tar.gz into /opt/ml/model: the folder's content is the archive root.
                    handle, archive = tempfile.mkstemp(suffix=".tar.gz")
                    os.close(handle)
                    try:
                        with tarfile.open(archive, "w:gz") as tar:
                            for relative, local in folder_files(path):
                                tar.add(local, arcname=relative.decode("utf-8"))
                        upload_file(archive, bucket, key)
                    finally:
                        os.remove(archive)


                """);
        for (ExportPlan.Upload upload : plan.uploads()) {
            var target = upload.target();
            String bucket = target.isDefaultBucket() ? "BUCKET" : PythonLiterals.string(target.bucket());
            String path = PythonLiterals.string(upload.localPath());
            String key = PythonLiterals.string(target.key());
            py.append("check_unchanged(").append(path).append(", ").append(PythonLiterals.string(target.digest()))
                    .append(")\n");
            switch (upload.kind()) {
                case ARCHIVE -> py.append("upload_file(");
                case FOLDER -> py.append("upload_folder(");
                case PACKED_FOLDER -> py.append("upload_packed(");
            }
            py.append(path).append(", ").append(bucket).append(", ").append(key).append(")\n");
        }
        py.append('\n');
    }

    /** {@code client.operation(Member=value, ...)}, with every Tags member pointing at TAGS. */
    static void call(StringBuilder py, String client, String operation, Map<String, Object> request) {
        py.append(client).append('.').append(operation).append("(\n");
        request.forEach((member, value) -> py.append("    ").append(member).append('=')
                .append(member.equals("Tags") ? "TAGS" : PythonLiterals.value(value, 1)).append(",\n"));
        py.append(")\n");
    }

    /**
     * Application Auto Scaling of the plan's variants, once the endpoint is InService (waited for here
     * when the script did not wait already: {@code WAIT} false).
     */
    static void autoscaling(StringBuilder py, ExportPlan plan, String endpointName) {
        if (plan.scaling().isEmpty()) {
            return;
        }
        py.append("\n# Autoscaling applies to an InService endpoint.\n")
                .append("if not WAIT:\n")
                .append("    session.client(\"sagemaker\").get_waiter(\"endpoint_in_service\").wait(EndpointName=")
                .append(endpointName).append(")\n")
                .append("autoscaling = session.client(\"application-autoscaling\")\n");
        for (ExportPlan.Scaling scaling : plan.scaling()) {
            call(py, "autoscaling", "register_scalable_target", scaling.registerScalableTarget());
            call(py, "autoscaling", "put_scaling_policy", scaling.putScalingPolicy());
            py.append("print(\"Autoscaling ").append(scaling.registerScalableTarget().get("ResourceId")).append("\")\n");
        }
    }

    /**
     * The plan's inference components, created once the endpoint is InService and each waited for
     * until it is InService too; needs {@code session}, {@code sagemaker}, {@code sys} and {@code WAIT}.
     */
    static void components(StringBuilder py, ExportPlan plan, String endpointName) {
        components(py, plan, endpointName, "sagemaker");
    }

    /** @param client the variable that holds the boto3 SageMaker client */
    static void components(StringBuilder py, ExportPlan plan, String endpointName, String client) {
        if (plan.createInferenceComponents().isEmpty()) {
            return;
        }
        py.append("\n# Inference components are created on an InService endpoint, each waited for until it is too.\n")
                .append("import time\n\n")
                .append("if not WAIT:\n")
                .append("    ").append(client).append(".get_waiter(\"endpoint_in_service\").wait(EndpointName=")
                .append(endpointName).append(")\n\n\n")
                .append("""
                        def wait_for_component(name):
                            while True:
                                described = CLIENTVAR.describe_inference_component(InferenceComponentName=name)
                                status = described["InferenceComponentStatus"]
                                if status == "InService":
                                    print("Inference component " + name + " is InService")
                                    return
                                if status == "Failed":
                                    sys.exit("Inference component %s failed: %s" % (name, described.get("FailureReason")))
                                time.sleep(10)


                        """.replace("CLIENTVAR", client));
        for (Map<String, Object> component : plan.createInferenceComponents()) {
            call(py, client, "create_inference_component", component);
            py.append("wait_for_component(").append(PythonLiterals.string((String) component.get("InferenceComponentName")))
                    .append(")\n");
        }
    }

    /** Application Auto Scaling of the plan's components' copies (and the alarm that scales one back from zero). */
    static void componentScaling(StringBuilder py, ExportPlan plan) {
        if (plan.componentScaling().isEmpty()) {
            return;
        }
        py.append("\nautoscaling = session.client(\"application-autoscaling\")\n");
        for (ComponentRequests.Scaling scaling : plan.componentScaling()) {
            call(py, "autoscaling", "register_scalable_target", scaling.registerScalableTarget());
            call(py, "autoscaling", "put_scaling_policy", scaling.putScalingPolicy());
            if (scaling.scaleOutFromZero() != null) {
                py.append("step = ");
                call(py, "autoscaling", "put_scaling_policy", scaling.scaleOutFromZero());
                py.append("session.client(\"cloudwatch\").put_metric_alarm(\n    AlarmActions=[step[\"PolicyARN\"]],\n");
                scaling.noCapacityAlarm().forEach((member, value) -> py.append("    ").append(member).append('=')
                        .append(PythonLiterals.value(value, 1)).append(",\n"));
                py.append(")\n");
            }
            py.append("print(\"Autoscaling the copies of ").append(scaling.component()).append("\")\n");
        }
    }
}
