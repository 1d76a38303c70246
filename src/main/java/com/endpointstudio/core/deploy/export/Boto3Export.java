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
            appendUploads(py, plan);
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
        if (!plan.scaling().isEmpty()) {
            py.append("\n# Autoscaling applies to an InService endpoint.\n")
                    .append("if not WAIT:\n")
                    .append("    sagemaker.get_waiter(\"endpoint_in_service\").wait(EndpointName=").append(name).append(")\n")
                    .append("autoscaling = session.client(\"application-autoscaling\")\n");
            for (ExportPlan.Scaling scaling : plan.scaling()) {
                appendCall(py, "autoscaling", "register_scalable_target", scaling.registerScalableTarget());
                appendCall(py, "autoscaling", "put_scaling_policy", scaling.putScalingPolicy());
                py.append("print(\"Autoscaling ").append(scaling.registerScalableTarget().get("ResourceId"))
                        .append("\")\n");
            }
        }
        return py.toString();
    }

    private static void appendUploads(StringBuilder py, ExportPlan plan) {
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

    /** {@code sagemaker.operation(Member=value, ...)}, with every Tags member pointing at TAGS. */
    private static void appendCall(StringBuilder py, String operation, Map<String, Object> request) {
        appendCall(py, "sagemaker", operation, request);
    }

    private static void appendCall(StringBuilder py, String client, String operation, Map<String, Object> request) {
        py.append(client).append('.').append(operation).append("(\n");
        request.forEach((member, value) -> py.append("    ").append(member).append('=')
                .append(member.equals("Tags") ? "TAGS" : PythonLiterals.value(value, 1)).append(",\n"));
        py.append(")\n");
    }
}
