package com.endpointstudio.hosting.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs a snippet of Python with boto3's SageMaker runtime client ({@code runtime}) pointed at a
 * local runtime server, as a user's script would (one attempt per call, so errors show as they
 * are), and returns what it printed. A ModelError prints its original status and message; any
 * other exception its type and message.
 */
final class Boto3 {

    private final Path dir;
    private final String url;
    private int scripts;

    Boto3(Path dir, String url) {
        this.dir = dir;
        this.url = url;
    }

    synchronized String run(String code) throws IOException, InterruptedException {
        Path script = dir.resolve("boto3-" + (++scripts) + ".py");
        Files.writeString(script, """
                import boto3, json, sys
                from botocore.config import Config
                runtime = boto3.client("sagemaker-runtime", region_name="us-east-1", endpoint_url=sys.argv[1],
                                       aws_access_key_id="local", aws_secret_access_key="local",
                                       config=Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=120))
                try:
                %s
                except runtime.exceptions.ModelError as e:
                    print("ModelError", e.response["OriginalStatusCode"], e.response["Error"]["Message"])
                except Exception as e:
                    print(type(e).__name__, e)
                """.formatted(code.indent(4)));
        Process python = new ProcessBuilder(PythonInterpreter.detect(null).command(), script.toString(), url)
                .redirectErrorStream(true).start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!python.waitFor(5, TimeUnit.MINUTES)) {
            python.destroyForcibly();
            throw new IllegalStateException("boto3 did not finish:\n" + out);
        }
        return out;
    }
}
