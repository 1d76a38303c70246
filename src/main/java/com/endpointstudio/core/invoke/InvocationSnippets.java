package com.endpointstudio.core.invoke;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A console request as code to paste elsewhere: a boto3 snippet, an AWS CLI command and a curl
 * command signed with SigV4 (credentials from the environment, never written out). Text bodies
 * are inlined; a binary body is read from {@code bodyFile}, which the user saves next to it.
 *
 * @param region      the endpoint's region
 * @param endpointUrl the runtime URL when it isn't AWS's (Local hosting, an emulator); else null
 * @param bodyFile    the file name binary bodies are read from
 * @param local       whether the runtime is the studio's local one (no signature needed)
 */
public record InvocationSnippets(InvocationRequest request, String region, String endpointUrl, String bodyFile,
                                 boolean local) {

    public static InvocationSnippets forAws(InvocationRequest request, String region, String endpointUrl,
                                            String bodyFile) {
        return new InvocationSnippets(request, region, endpointUrl, bodyFile, false);
    }

    /** Local endpoints: the local runtime's URL; boto3 and the AWS CLI still sign, with any key. */
    public static InvocationSnippets forLocal(InvocationRequest request, String runtimeUrl, String bodyFile) {
        return new InvocationSnippets(request, "us-east-1", runtimeUrl, bodyFile, true);
    }

    /** Whether the body is UTF-8 text that can be inlined. */
    public boolean textBody() {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(request.body()));
            return request.body().length <= 64 * 1024;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private String text() {
        return new String(request.body(), StandardCharsets.UTF_8);
    }

    public String boto3() {
        StringBuilder py = new StringBuilder("import boto3\n\n");
        py.append("runtime = boto3.client(\"sagemaker-runtime\", region_name=").append(py(region));
        if (endpointUrl != null) {
            py.append(", endpoint_url=").append(py(endpointUrl));
            if (local) {
                // the local runtime checks no signature, but boto3 wants credentials to sign with
                py.append(",\n                       aws_access_key_id=\"local\", aws_secret_access_key=\"local\"");
            }
        }
        py.append(")\nresponse = runtime.invoke_endpoint(\n");
        py.append("    EndpointName=").append(py(request.endpointName())).append(",\n");
        optional(py, "ContentType", request.contentType());
        optional(py, "Accept", request.accept());
        optional(py, "TargetVariant", request.targetVariant());
        optional(py, "TargetModel", request.targetModel());
        optional(py, "TargetContainerHostname", request.targetContainerHostname());
        optional(py, "InferenceComponentName", request.inferenceComponent());
        optional(py, "InferenceId", request.inferenceId());
        optional(py, "CustomAttributes", request.customAttributes());
        if (textBody()) {
            py.append("    Body=").append(py(text())).append(".encode(\"utf-8\"),\n");
        } else {
            py.append("    Body=open(").append(py(bodyFile)).append(", \"rb\").read(),\n");
        }
        py.append(")\n");
        py.append("print(response[\"ContentType\"], response.get(\"InvokedProductionVariant\"))\n");
        py.append("print(response[\"Body\"].read().decode(\"utf-8\", errors=\"replace\"))\n");
        return py.toString();
    }

    private static void optional(StringBuilder py, String name, String value) {
        if (value != null && !value.isBlank()) {
            py.append("    ").append(name).append('=').append(py(value)).append(",\n");
        }
    }

    /**
     * The AWS CLI reads blobs from files the same way in versions 1 and 2 (inline text differs),
     * so a text body is first written to {@code bodyFile}.
     */
    public String awsCli() {
        String prefix = textBody() ? "printf '%s' " + sh(text()) + " > " + sh(bodyFile) + " && " : "";
        if (local) {
            prefix += "AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-local} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-local} ";
        }
        List<String> words = new ArrayList<>(List.of("aws", "sagemaker-runtime", "invoke-endpoint", "--endpoint-name",
                sh(request.endpointName())));
        flag(words, "--content-type", request.contentType());
        flag(words, "--accept", request.accept());
        flag(words, "--target-variant", request.targetVariant());
        flag(words, "--target-model", request.targetModel());
        flag(words, "--target-container-hostname", request.targetContainerHostname());
        flag(words, "--inference-component-name", request.inferenceComponent());
        flag(words, "--inference-id", request.inferenceId());
        flag(words, "--custom-attributes", request.customAttributes());
        words.add("--body");
        words.add(sh("fileb://" + bodyFile));
        words.add("--region");
        words.add(sh(region));
        if (endpointUrl != null) {
            words.add("--endpoint-url");
            words.add(sh(endpointUrl));
        }
        words.add("response.out");
        return prefix + String.join(" ", words) + " && cat response.out\n";
    }

    private static void flag(List<String> words, String flag, String value) {
        if (value != null && !value.isBlank()) {
            words.add(flag);
            words.add(sh(value));
        }
    }

    /** curl with --aws-sigv4 (curl 7.75+); AWS_* variables supply the credentials. */
    public String curl() {
        String base = endpointUrl != null ? endpointUrl.replaceAll("/+$", "")
                : "https://runtime.sagemaker." + region + ".amazonaws.com" + (region.startsWith("cn-") ? ".cn" : "");
        List<String> words = new ArrayList<>(List.of("curl", "--request", "POST",
                sh(base + "/endpoints/" + request.endpointName() + "/invocations")));
        if (!local) {
            words.addAll(List.of("--aws-sigv4", sh("aws:amz:" + region + ":sagemaker"),
                    "--user", "\"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY\"",
                    "${AWS_SESSION_TOKEN:+--header \"x-amz-security-token: $AWS_SESSION_TOKEN\"}"));
        }
        // the headers the studio itself sends, so the snippet makes the same call
        RuntimeHeaders.invokeEndpoint(request).forEach((name, value) -> words.addAll(List.of("--header",
                sh(name + ": " + value))));
        words.add("--data-binary");
        words.add(textBody() ? sh(text()) : sh("@" + bodyFile));
        return String.join(" ", words) + "\n";
    }

    /** A POSIX shell word: single quotes, with embedded ones closed and escaped. */
    static String sh(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** A Python string literal. */
    static String py(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
