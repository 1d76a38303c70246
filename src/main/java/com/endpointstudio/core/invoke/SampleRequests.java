package com.endpointstudio.core.invoke;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A first request for a freshly deployed endpoint, in the form its framework container decodes
 * by default: JSON instances for TensorFlow Serving ({"instances": […]}, the REST predict API),
 * {"inputs": …} for Hugging Face, a CSV row for XGBoost, a JSON list of rows otherwise (the
 * studio's sample model reads [[rooms, m², age]] rows).
 */
public final class SampleRequests {

    private SampleRequests() {
    }

    public static InvocationRequest forSpec(DeploymentSpec spec) {
        String endpoint = spec.endpoint().name();
        ContainerSpec first = spec.models().isEmpty() || spec.models().get(0).containers().isEmpty() ? null
                : spec.models().get(0).containers().get(0);
        String framework = first == null ? "" : (first.framework() != null && first.framework().framework() != null
                ? first.framework().framework() : first.image() == null ? "" : first.image()).toLowerCase(Locale.ROOT);
        if (framework.contains("tensorflow")) {
            return json(endpoint, "{\"instances\": [[1.0, 2.0, 5.0]]}");
        }
        if (framework.contains("huggingface")) {
            return json(endpoint, "{\"inputs\": \"Endpoint Studio makes testing endpoints easy.\"}");
        }
        if (framework.contains("xgboost")) {
            return new InvocationRequest(endpoint, "text/csv", "text/csv", "3,80,12".getBytes(StandardCharsets.UTF_8),
                    null, null, null, null, null);
        }
        return json(endpoint, "[[3, 80, 12]]");
    }

    private static InvocationRequest json(String endpoint, String body) {
        return new InvocationRequest(endpoint, "application/json", "application/json",
                body.getBytes(StandardCharsets.UTF_8), null, null, null, null, null);
    }
}
