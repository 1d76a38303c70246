package com.endpointstudio.ui.deploy;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.ui.common.Plural;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which deployment specs the wizard's forms can hold. The forms edit one model per variant: the
 * first with any number of containers, the others with one container each and the first's role
 * and network settings. Anything else (models shared by
 * variants, models no variant uses, pipelines behind a second variant, inference components other
 * than the endpoint step's one) stays whole, as JSON.
 */
final class FormShape {

    private FormShape() {
    }

    /** What the forms say of a spec kept whole ({@code spec}), or "" when there is none. */
    static String unfit(DeploymentSpec spec) {
        return spec == null ? "" : "This spec has " + Plural.of(spec.models().size(), "model") + ", "
                + Plural.of(spec.models().stream().mapToInt(m -> m.containers().size()).sum(), "container") + " and "
                + Plural.of(spec.endpointConfig().variants().size(), "variant") + " in a shape the forms don't hold "
                + "(e.g. a model shared by variants, or a second variant with several containers): the fields show the "
                + "first ones; the review, exports and deploy use the whole spec as opened.";
    }

    static boolean fits(DeploymentSpec spec) {
        List<VariantSpec> variants = spec.endpointConfig().variants();
        if (variants.isEmpty() || spec.models().size() != variants.size() || !spec.inferenceComponents().isEmpty()) {
            return false;
        }
        Set<String> used = new HashSet<>();
        for (VariantSpec variant : variants) {
            if (!used.add(String.valueOf(variant.modelName())) || model(spec, variant).isEmpty()) {
                return false;
            }
        }
        ModelSpec first = model(spec, variants.get(0)).orElseThrow();
        if (first.containers().isEmpty() || !first.containers().stream().skip(1).allMatch(ContainerDraft::fits)) {
            return false;
        }
        for (VariantSpec variant : variants.subList(1, variants.size())) {
            ModelSpec model = model(spec, variant).orElseThrow();
            boolean oneContainer = model.containers().size() == 1 && model.inferenceExecutionMode() == null
                    && ContainerDraft.fits(model.containers().get(0));
            boolean sameAccess = Objects.equals(model.executionRoleArn(), first.executionRoleArn())
                    && Objects.equals(model.vpc(), first.vpc()) && model.networkIsolation() == first.networkIsolation();
            boolean sameHosting = Objects.equals(variant.serverless(), variants.get(0).serverless());
            if (!oneContainer || !sameAccess || !sameHosting) {
                return false;
            }
        }
        return true;
    }

    static ModelSpec firstModel(DeploymentSpec spec) {
        return model(spec, spec.endpointConfig().variants().get(0)).orElseThrow();
    }

    static List<VariantDraft> moreVariants(DeploymentSpec spec) {
        List<VariantSpec> variants = spec.endpointConfig().variants();
        return variants.subList(1, variants.size()).stream()
                .map(v -> VariantDraft.from(v, model(spec, v).orElseThrow())).toList();
    }

    private static Optional<ModelSpec> model(DeploymentSpec spec, VariantSpec variant) {
        return spec.models().stream().filter(m -> Objects.equals(m.name(), variant.modelName())).findFirst();
    }
}
