package com.endpointstudio.core.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why an endpoint failed (or a call returned a model error), read from its FailureReason and its
 * container's log lines: the last Python traceback, and the known fatal lines of the SageMaker
 * containers and the platform — a missing module, out of memory, a CUDA/driver mismatch, a model file
 * not where the container looks, a port in use, S3 or ECR access refused, a model that loads too
 * slowly for the ping health check. Each cause comes with what to do.
 */
public final class Forensics {

    /**
     * @param cause    one line: what went wrong
     * @param fix      what to do about it
     * @param evidence the log lines (or failure reason) that show it
     * @param traceback the last Python traceback, or null
     */
    public record Diagnosis(String cause, String fix, List<String> evidence, String traceback) {

        public boolean known() {
            return evidence != null && !evidence.isEmpty();
        }
    }

    private record Rule(Pattern pattern, String cause, String fix) {
    }

    private static Rule rule(String regex, String cause, String fix) {
        return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), cause, fix);
    }

    /** Most specific first: the first rule a line matches names the cause. */
    private static final List<Rule> RULES = List.of(
            rule("No module named '([\\w.]+)'", "The handler imports the Python module '%s', which the image does not "
                    + "have.", "Add the package that provides '%s' to code/requirements.txt (the framework containers "
                    + "install it at start: PyTorch from 1.3.1, MXNet from 1.6.0, scikit-learn and TensorFlow Serving "
                    + "always), or use an image that ships it."),
            rule("CUDA driver version is insufficient|no CUDA-capable device|Found no NVIDIA driver|"
                    + "NVIDIA driver on your system is too old", "The image expects a GPU (or a newer CUDA driver) that the "
                    + "instance does not have.", "Use the CPU image on a CPU instance, or a GPU instance type whose driver "
                    + "matches the image's CUDA version (the framework image's -gpu- tag for ml.g*/ml.p* types)."),
            rule("CUDA out of memory|OutOfMemoryError|MemoryError|Cannot allocate memory|\\bKilled\\b|exit code:? 137|"
                    + "oom[- ]?kill", "The model ran out of memory.", "Choose an instance type with more memory (or a "
                    + "larger serverless memory size), load the model once per worker and use fewer workers "
                    + "(SAGEMAKER_MODEL_SERVER_WORKERS), or a smaller model."),
            rule("No such file or directory: '(/opt/ml/model[^']*)'", "The handler looks for %s, which the archive "
                    + "does not hold.", "Check the archive's layout (endpoint-studio package --inspect): SageMaker "
                    + "unpacks model.tar.gz into /opt/ml/model, so its root holds the model files and code/."),
            rule("No versions of servable (\\S+) found under base path", "TensorFlow Serving found no SavedModel version "
                    + "for %s.", "Put the SavedModel under a version number folder: model.tar.gz holds "
                    + "<name>/1/saved_model.pb (or 1/saved_model.pb)."),
            rule("Please provide a model_fn implementation|No model_fn|model_fn.*not.*implemented", "The handler has no "
                    + "model_fn, and the container has no default loader for this model.", "Define model_fn(model_dir) "
                    + "in code/inference.py, returning the loaded model."),
            rule("Address already in use|Errno 98", "Something in the container listens on the port the model server "
                    + "needs.", "Let the container's own server use port 8080 (or SAGEMAKER_BIND_TO_PORT); don't start "
                    + "another server in model_fn or at import."),
            rule("CannotPullContainerError|not authorized to perform: ecr:|Requested image .* not found|"
                    + "image .* does not exist", "SageMaker could not pull the container image.", "Check that the "
                    + "image exists in the endpoint's region, and that the execution role may read it (ecr:BatchGetImage, "
                    + "ecr:GetDownloadUrlForLayer, ecr:GetAuthorizationToken)."),
            rule("Could not access model data|AccessDenied|Access Denied|not authorized to perform: s3:|"
                    + "sts:AssumeRole", "SageMaker could not read the model data with the execution role.",
                    "The role must trust sagemaker.amazonaws.com and be allowed s3:GetObject on the model data (and "
                    + "kms:Decrypt for an encrypted bucket); the bucket must be in the endpoint's region."),
            rule("WORKER TIMEOUT|Worker died|worker timed out|Load model failed|model loading timed out",
                    "A model server worker died or timed out while loading the model.", "Load faster (a smaller model, "
                    + "no downloads in model_fn), raise SAGEMAKER_MODEL_SERVER_TIMEOUT, and look at the traceback."),
            rule("did not pass the ping health check", "The container did not answer GET /ping within the health "
                    + "check's time.", "The log usually says why the model did not load; try the spec on the Local "
                    + "connection first: it fails the same way in seconds."));

    private static final Pattern TRACEBACK_START = Pattern.compile("Traceback \\(most recent call last\\):");
    /** The line that ends a traceback: "ValueError: …", after whatever prefix the log gives lines. */
    private static final Pattern EXCEPTION_LINE = Pattern.compile("\\b[\\w.]*(Error|Exception|Exit|Interrupt)(:\\s|$)");

    private Forensics() {
    }

    /** @param failureReason DescribeEndpoint's FailureReason, or null */
    public static Diagnosis diagnose(String failureReason, List<String> logLines) {
        List<String> lines = new ArrayList<>(logLines);
        String traceback = lastTraceback(lines);
        List<String> all = new ArrayList<>(lines);
        if (failureReason != null && !failureReason.isBlank()) {
            all.add(failureReason);
        }
        for (Rule rule : RULES) {
            List<String> evidence = new ArrayList<>();
            String detail = null;
            for (String line : all) {
                Matcher matcher = rule.pattern().matcher(line);
                if (matcher.find()) {
                    evidence.add(line.strip());
                    if (detail == null && matcher.groupCount() >= 1 && matcher.group(1) != null) {
                        detail = matcher.group(1);
                    }
                }
            }
            if (!evidence.isEmpty()) {
                String cause = detail == null ? rule.cause() : rule.cause().replace("%s", detail);
                String fix = detail == null ? rule.fix() : rule.fix().replace("%s", detail.split("\\.")[0]);
                return new Diagnosis(cause, fix, evidence.subList(Math.max(0, evidence.size() - 5), evidence.size()),
                        traceback);
            }
        }
        if (traceback != null) {
            String last = traceback.lines().reduce((a, b) -> b).orElse(traceback);
            return new Diagnosis("The handler raised " + last.strip(), "Fix the code the traceback points at; run "
                    + "the spec on the Local connection to see the same error in seconds.", List.of(last.strip()),
                    traceback);
        }
        return new Diagnosis(failureReason == null || failureReason.isBlank() ? "Nothing in the log says why."
                : failureReason, "Look at the endpoint's full log; if it is empty, the container did not start: check "
                + "the image and the execution role.", List.of(), null);
    }

    /** The last "Traceback (most recent call last):" block, up to its exception line. */
    static String lastTraceback(List<String> lines) {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (TRACEBACK_START.matcher(lines.get(i)).find()) {
                start = i;
            }
        }
        if (start < 0) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = start; i < lines.size() && i < start + 200; i++) {
            String line = lines.get(i);
            out.append(line).append('\n');
            if (i > start && !line.strip().startsWith("File ") && EXCEPTION_LINE.matcher(line).find()) {
                break;
            }
        }
        return out.toString().stripTrailing();
    }
}
