package com.endpointstudio.core.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.endpointstudio.testing.TestPython;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The copied snippets run as they are — python3 with boto3, the AWS CLI, curl — against moto server. */
@ExtendWith(MotoExtension.class)
class InvocationSnippetsTest {

    private static final String ANSWER = """
            {"results": [{"Body": "{\\"predictions\\": [235.9]}", "ContentType": "application/json",
              "InvokedProductionVariant": "AllTraffic", "CustomAttributes": ""}]}""";

    @TempDir
    Path dir;

    private final InvocationRequest request = new InvocationRequest("houses", "application/json", "application/json",
            "{\"instances\": [[3, 80, 12]], \"note\": \"it's\"}".getBytes(StandardCharsets.UTF_8), "AllTraffic", null,
            null, "req-42", null);

    private String run(MotoServer moto, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void theBoto3SnippetRunsAsIs(MotoServer moto) throws Exception {
        moto.reset();
        moto.post("/moto-api/static/sagemaker/endpoint-results", ANSWER);
        String script = InvocationSnippets.forAws(request, "us-east-1", moto.endpointUrl(), "request.json").boto3();
        Path file = Files.writeString(dir.resolve("invoke.py"), script);

        String output = run(moto, TestPython.withModules(List.of("boto3"), List.of("boto3")), file.toString());

        assertThat(output).contains("application/json AllTraffic").contains("{\"predictions\": [235.9]}");
    }

    @Test
    void theAwsCliCommandRunsAsIs(MotoServer moto) throws Exception {
        moto.reset();
        moto.post("/moto-api/static/sagemaker/endpoint-results", ANSWER);
        String command = InvocationSnippets.forAws(request, "us-east-1", moto.endpointUrl(), "request.json").awsCli();

        assertThat(run(moto, "sh", "-c", command)).contains("{\"predictions\": [235.9]}");
    }

    @Test
    void theCurlCommandIsSignedAndRunsAsIs(MotoServer moto) throws Exception {
        moto.reset();
        moto.post("/moto-api/static/sagemaker/endpoint-results", ANSWER);
        InvocationSnippets snippets = InvocationSnippets.forAws(request, "us-east-1", moto.endpointUrl(), "request.json");
        assertThat(snippets.curl()).contains("--aws-sigv4 'aws:amz:us-east-1:sagemaker'")
                .contains("\"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\"").doesNotContain("testing")
                // the fields filled in, as the studio sends them; none for those left empty
                .contains("--header 'X-Amzn-SageMaker-Target-Variant: AllTraffic'")
                .contains("--header 'X-Amzn-SageMaker-Inference-Id: req-42'").doesNotContain("Target-Model")
                .doesNotContain("Custom-Attributes");

        assertThat(run(moto, "sh", "-c", snippets.curl())).contains("{\"predictions\": [235.9]}");
    }

    @Test
    void binaryBodiesAreReadFromAFileAndAwsIsAddressedByRegion() {
        InvocationRequest image = InvocationRequest.of("vision", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0,
            (byte) 0xff});
        InvocationSnippets snippets = InvocationSnippets.forAws(image, "cn-north-1", null, "cat.png");

        assertThat(snippets.textBody()).isFalse();
        assertThat(snippets.boto3()).contains("Body=open(\"cat.png\", \"rb\").read()");
        assertThat(snippets.awsCli()).contains("--body 'fileb://cat.png'").contains("--region 'cn-north-1'")
                .doesNotContain("--endpoint-url");
        assertThat(snippets.curl()).contains("'https://runtime.sagemaker.cn-north-1.amazonaws.com.cn/endpoints/vision/"
                + "invocations'").contains("--data-binary '@cat.png'");
    }
}
