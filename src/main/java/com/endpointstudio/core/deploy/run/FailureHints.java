package com.endpointstudio.core.deploy.run;

import java.util.Locale;

/** What to do about the common reasons an endpoint ends Failed. */
final class FailureHints {

    private FailureHints() {
    }

    static String hint(String failureReason) {
        String reason = failureReason == null ? "" : failureReason.toLowerCase(Locale.ROOT);
        if (reason.contains("ping") || reason.contains("health check")) {
            return "The container did not answer GET /ping in time: model_fn must load quickly and find the model "
                    + "files where inference.py expects them. Try the artifact on the Local connection first.";
        }
        if (reason.contains("model_fn") || reason.contains("traceback") || reason.contains("modelerror")) {
            return "Your inference.py raised while loading the model: the log lines above show the traceback.";
        }
        if (reason.contains("pull") || reason.contains("image") || reason.contains("ecr")) {
            return "SageMaker could not pull the container image: check the image URI, that it exists in this "
                    + "region, and that the execution role may read it.";
        }
        if (reason.contains("role") || reason.contains("assume") || reason.contains("access denied")
                || reason.contains("permission") || reason.contains("s3")) {
            return "The execution role lacks a permission: it must trust sagemaker.amazonaws.com and be allowed to "
                    + "read the model data in S3.";
        }
        if (reason.contains("memory") || reason.contains("oom")) {
            return "The model did not fit in the instance's memory: choose a larger instance type.";
        }
        return "The endpoint's log lines above usually say why.";
    }
}
