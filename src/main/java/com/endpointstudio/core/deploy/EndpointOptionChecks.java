package com.endpointstudio.core.deploy;

import com.endpointstudio.core.deploy.DeploymentSpec.AsyncSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.DataCaptureSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.error.Validation;
import java.util.List;

/** The endpoint-wide options of an EndpointConfig: AsyncInferenceConfig and DataCaptureConfig. */
final class EndpointOptionChecks {

    private static final String SNS_HINT = "use an SNS topic ARN like arn:aws:sns:us-east-1:123456789012:done";
    private static final String CONTENT_TYPE_HINT = "a content type is type/subtype of letters, digits, hyphens "
            + "and dots, with no parameters (like text/csv)";

    private final FieldChecks fields;
    private final Validation v;

    EndpointOptionChecks(FieldChecks fields) {
        this.fields = fields;
        this.v = fields.validation();
    }

    void check(EndpointConfigSpec config) {
        if (config.async() != null) {
            checkAsync(config.async());
        } else {
            List.of("s3OutputPath", "s3FailurePath", "successTopic", "errorTopic", "kmsKeyId",
                    "maxConcurrentInvocationsPerInstance").forEach(f -> fields.covered("endpointConfig.async." + f));
        }
        if (config.dataCapture() != null) {
            checkCapture(config.dataCapture());
        } else {
            List.of("samplingPercentage", "destinationS3Uri", "kmsKeyId", "captureRequest", "captureResponse",
                    "jsonContentTypes", "jsonContentTypes[]", "csvContentTypes", "csvContentTypes[]")
                    .forEach(f -> fields.covered("endpointConfig.dataCapture." + f));
        }
    }

    private void checkAsync(AsyncSpec async) {
        // The studio reads results from the output path (the console, the load tester), so it asks for one.
        fields.text("endpointConfig.async.s3OutputPath", async.s3OutputPath(), true, "Async output path",
                FieldChecks.S3_HINT + " the results are written to");
        fields.text("endpointConfig.async.s3FailurePath", async.s3FailurePath(), false, "Async failure path",
                FieldChecks.S3_HINT + ", or leave it empty");
        fields.text("endpointConfig.async.successTopic", async.successTopic(), false, "Async success topic", SNS_HINT);
        fields.text("endpointConfig.async.errorTopic", async.errorTopic(), false, "Async error topic", SNS_HINT);
        fields.text("endpointConfig.async.kmsKeyId", async.kmsKeyId(), false, "Async output KMS key",
                FieldChecks.KMS_HINT);
        Integer perInstance = async.maxConcurrentInvocationsPerInstance();
        if (perInstance != null) {
            fields.number("endpointConfig.async.maxConcurrentInvocationsPerInstance", perInstance,
                    "Async max concurrent invocations per instance");
        } else {
            fields.covered("endpointConfig.async.maxConcurrentInvocationsPerInstance");
        }
    }

    private void checkCapture(DataCaptureSpec capture) {
        fields.number("endpointConfig.dataCapture.samplingPercentage", capture.samplingPercentage(),
                "Data capture sampling");
        fields.text("endpointConfig.dataCapture.destinationS3Uri", capture.destinationS3Uri(), true,
                "Data capture destination", FieldChecks.S3_HINT + " the captured data is written to");
        fields.text("endpointConfig.dataCapture.kmsKeyId", capture.kmsKeyId(), false, "Data capture KMS key",
                FieldChecks.KMS_HINT);
        fields.covered("endpointConfig.dataCapture.captureRequest");
        fields.covered("endpointConfig.dataCapture.captureResponse");
        // DataCaptureConfig.CaptureOptions has at least one item: Input, Output, or both.
        v.require(capture.captureRequest() || capture.captureResponse(), "Data capture",
                "capture the requests, the responses, or both");
        contentTypes("jsonContentTypes", capture.jsonContentTypes(), "Data capture JSON content types");
        contentTypes("csvContentTypes", capture.csvContentTypes(), "Data capture CSV content types");
    }

    /** An empty list is left out of the request (CaptureContentTypeHeader), so only a given one is counted. */
    private void contentTypes(String field, List<String> types, String label) {
        if (types.isEmpty()) {
            fields.covered("endpointConfig.dataCapture." + field);
            fields.covered("endpointConfig.dataCapture." + field + "[]");
            return;
        }
        fields.count("endpointConfig.dataCapture." + field, types.size(), label, "content types");
        types.forEach(type -> fields.text("endpointConfig.dataCapture." + field + "[]", type, true, label,
                CONTENT_TYPE_HINT));
    }
}
