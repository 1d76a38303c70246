package com.endpointstudio.core.deploy.export;

import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.TestPython;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs exported scripts the way a user would — python3 with boto3, bash with the AWS CLI — against
 * the moto server, with only environment variables pointing them there, and reads back with boto3
 * what they created.
 */
final class AwsScripts {

    /** Reads an endpoint, its config, every model behind it and all their tags, as one JSON document. */
    private static final String DESCRIBE = """
            import json, sys
            import boto3
            sm = boto3.client("sagemaker")
            s3 = boto3.client("s3")
            def tags(arn):
                return {t["Key"]: t["Value"] for t in sm.list_tags(ResourceArn=arn)["Tags"]}
            def clean(d):
                return {k: v for k, v in d.items() if k != "ResponseMetadata"}
            endpoint = clean(sm.describe_endpoint(EndpointName=sys.argv[1]))
            config = clean(sm.describe_endpoint_config(EndpointConfigName=endpoint["EndpointConfigName"]))
            models = {}
            for v in config["ProductionVariants"]:
                m = clean(sm.describe_model(ModelName=v["ModelName"]))
                m["Tags"] = tags(m["ModelArn"])
                models[v["ModelName"]] = m
            endpoint["Tags"] = tags(endpoint["EndpointArn"])
            config["Tags"] = tags(config["EndpointConfigArn"])
            objects = {}
            for b in s3.list_buckets()["Buckets"]:
                for o in s3.list_objects_v2(Bucket=b["Name"]).get("Contents", []):
                    objects["s3://%s/%s" % (b["Name"], o["Key"])] = o["Size"]
            print(json.dumps({"endpoint": endpoint, "config": config, "models": models, "objects": objects},
                             default=str, ensure_ascii=False))
            """;

    private final String endpointUrl;
    private final Path work;

    AwsScripts(MotoServer moto, Path work) {
        this(moto.endpointUrl(), work);
    }

    /** Scripts that send every call to {@code endpointUrl}: the emulator, or a proxy in front of it. */
    AwsScripts(String endpointUrl, Path work) {
        this.endpointUrl = endpointUrl;
        this.work = work;
    }

    static String python() {
        return TestPython.withModules(List.of("boto3"), List.of("boto3"));
    }

    /** Runs a command with the emulator's environment from {@code dir}; returns its output or fails with it. */
    String run(Path dir, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(key -> key.startsWith("AWS_"));
            env.put("AWS_ENDPOINT_URL", endpointUrl);
            env.put("AWS_ACCESS_KEY_ID", "testing");
            env.put("AWS_SECRET_ACCESS_KEY", "testing");
            env.put("AWS_DEFAULT_REGION", MotoServer.REGION);
            // No profile of the machine's user may leak in.
            env.put("AWS_CONFIG_FILE", work.resolve("no-config").toString());
            env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish:\n" + output);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                        + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    JsonNode describe(String endpointName) throws IOException {
        Path script = work.resolve("describe.py");
        Files.writeString(script, DESCRIBE, StandardCharsets.UTF_8);
        String json = run(work, python(), script.toString(), endpointName);
        return new ObjectMapper().readTree(json);
    }
}
