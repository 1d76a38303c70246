package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.endpoints.EndpointDetails;
import java.util.List;
import java.util.Locale;

/** The details pane's text: variants, models, config, scaling, capture, tags and the studio's deploy timeline. */
final class EndpointText {

    private EndpointText() {
    }

    static String describe(EndpointDetails e, List<DeploymentRecord> runs) {
        if (e == null) {
            return "This endpoint no longer exists.";
        }
        StringBuilder text = new StringBuilder();
        text.append(e.name()).append(" — ").append(e.status());
        if (e.failureReason() != null) {
            text.append("\n  ").append(e.failureReason());
        }
        text.append("\nKind: ").append(e.kind().name().toLowerCase(Locale.ROOT))
                .append("\nCreated ").append(e.createdAt()).append(", last modified ").append(e.lastModifiedAt())
                .append("\nEndpoint config: ").append(e.configName()).append("\n\nVariants\n");
        for (EndpointDetails.Variant v : e.variants()) {
            text.append("  ").append(v.name()).append(": ");
            if (v.serverless()) {
                text.append("serverless, ").append(v.serverlessMemoryMb()).append(" MB, max concurrency ")
                        .append(v.serverlessMaxConcurrency());
            } else {
                text.append(v.instanceType()).append(" × ").append(v.currentCount() == null ? "?" : v.currentCount())
                        .append(" (desired ").append(v.desiredCount()).append(")");
            }
            text.append(", weight ").append(v.weight()).append(", model ").append(v.modelName()).append('\n');
        }
        text.append("\nModels\n");
        for (EndpointDetails.Model m : e.models()) {
            text.append("  ").append(m.name()).append("\n    image ").append(m.image()).append("\n    model data ")
                    .append(m.modelDataUrl()).append('\n');
            m.environment().forEach((k, v) -> text.append("    ").append(k).append('=').append(v).append('\n'));
        }
        if (e.asyncOutput() != null) {
            text.append("\nAsynchronous: output to ").append(e.asyncOutput()).append('\n');
        }
        text.append("\nData capture: ").append(e.dataCapture() == null ? "off" : e.dataCapture()).append('\n');
        text.append("\nAutoscaling\n");
        if (e.scaling().isEmpty()) {
            text.append("  none\n");
        }
        e.scaling().forEach(line -> text.append("  ").append(line).append('\n'));
        text.append("\nTags\n");
        e.tags().forEach((k, v) -> text.append("  ").append(k).append('=').append(v).append('\n'));
        text.append("\nDeployments by the studio\n");
        if (runs.isEmpty()) {
            text.append("  none recorded on this computer\n");
        }
        for (DeploymentRecord run : runs) {
            text.append("  ").append(run.startedAt()).append("  ").append(run.state()).append(run.failure() == null ? ""
                    : ": " + run.failure()).append('\n');
            run.steps().forEach(step -> text.append("    ").append(step.title()).append(" — ")
                    .append(step.state()).append('\n'));
        }
        return text.toString();
    }
}
