package com.endpointstudio.ui.deploy;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.AutoScalingSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ComputeSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.CopyScalingSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.EndpointConfigSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.InferenceComponentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ManagedScalingSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The endpoint step's inference component: the model hosted as a component of a real-time
 * endpoint instead of being named by its variant, with what one copy needs (CPU cores, memory)
 * and how many copies run. The step's autoscaling then scales the copies (invocations per copy);
 * copies scaling to zero take the instances down to zero with them (managed instance scaling), as
 * SageMaker requires.
 */
final class ComponentDraft {

    final BooleanProperty enabled = new SimpleBooleanProperty();
    final StringProperty cpuCores = new SimpleStringProperty("1");
    final StringProperty memoryMb = new SimpleStringProperty("1024");
    final IntegerProperty copies = new SimpleIntegerProperty(1);

    Observable[] all() {
        return new Observable[] {enabled, cpuCores, memoryMb, copies};
    }

    /** The component's name for an endpoint. */
    static String nameFor(String endpointName) {
        return endpointName + "-ic";
    }

    /**
     * The wizard's spec of one model on one variant, made into an endpoint of one component when
     * the option is on; the spec as it is otherwise.
     */
    DeploymentSpec apply(DeploymentSpec plain) {
        if (!enabled.get() || plain.endpointConfig().variants().size() != 1 || plain.models().size() != 1) {
            return plain;
        }
        EndpointConfigSpec config = plain.endpointConfig();
        VariantSpec variant = config.variants().get(0);
        AutoScalingSpec scaling = variant.autoScaling();
        CopyScalingSpec copyScaling = scaling == null ? null : new CopyScalingSpec(scaling.minInstances(),
                scaling.maxInstances(), scaling.targetInvocationsPerInstance(), scaling.scaleInCooldownSeconds(),
                scaling.scaleOutCooldownSeconds());
        ManagedScalingSpec instances = copyScaling != null && copyScaling.scalesToZero()
                ? new ManagedScalingSpec(0, Math.max(1, variant.initialInstanceCount())) : null;
        VariantSpec hosting = new VariantSpec(variant.variantName(), null, variant.instanceType(),
                variant.initialInstanceCount(), variant.initialVariantWeight(), variant.serverless(), null, instances,
                null);
        String model = plain.models().get(0).name();
        Double cores = cpuCores.get() == null || cpuCores.get().isBlank() ? null
                : DeployDraft.number(cpuCores.get(), 0);
        InferenceComponentSpec component = new InferenceComponentSpec(nameFor(plain.endpoint().name()),
                variant.variantName(), model, new ComputeSpec(cores, null, memory(), null), copies.get(), copyScaling);
        return new DeploymentSpec(plain.specVersion(), plain.models(), new EndpointConfigSpec(config.name(),
                List.of(hosting), config.async(), config.dataCapture(), config.kmsKeyId(),
                DeployDraft.blankToNull(plain.models().get(0).executionRoleArn())), plain.endpoint(), List.of(component));
    }

    private int memory() {
        Integer mb = DeployDraft.integer(memoryMb.get());
        return mb == null ? 0 : mb;
    }

    /** Whether a spec is the wizard's shape of a component: one model, one variant, one component of both. */
    static boolean fits(DeploymentSpec spec) {
        if (spec.inferenceComponents().size() != 1 || spec.models().size() != 1
                || spec.endpointConfig().variants().size() != 1) {
            return false;
        }
        InferenceComponentSpec component = spec.inferenceComponents().get(0);
        VariantSpec variant = spec.endpointConfig().variants().get(0);
        if (variant.modelName() != null || component.compute() == null
                || !component.modelName().equals(spec.models().get(0).name())) {
            return false;
        }
        // the fields hold it when making it again from them gives the same spec
        ComponentDraft fields = new ComponentDraft();
        fields.fill(spec);
        return fields.apply(plain(spec)).equals(spec);
    }

    /** Fills the fields from a spec that {@link #fits} (and turns the option off for any other). */
    void load(DeploymentSpec spec) {
        enabled.set(fits(spec));
        if (enabled.get()) {
            fill(spec);
        }
    }

    private void fill(DeploymentSpec spec) {
        enabled.set(true);
        InferenceComponentSpec component = spec.inferenceComponents().get(0);
        cpuCores.set(component.compute().cpuCores() == null ? ""
                : DeployDraft.formatNumber(component.compute().cpuCores()));
        memoryMb.set(Integer.toString(component.compute().minMemoryMb()));
        copies.set(component.copyCount());
    }

    /** A spec that {@link #fits} as the forms hold it: its variant names the model, the copies' scaling is the variant's. */
    static DeploymentSpec plain(DeploymentSpec spec) {
        InferenceComponentSpec component = spec.inferenceComponents().get(0);
        VariantSpec variant = spec.endpointConfig().variants().get(0);
        CopyScalingSpec scaling = component.autoScaling();
        AutoScalingSpec asVariant = scaling == null ? null : new AutoScalingSpec(scaling.minCopies(),
                scaling.maxCopies(), scaling.targetInvocationsPerCopy(), scaling.scaleInCooldownSeconds(),
                scaling.scaleOutCooldownSeconds());
        EndpointConfigSpec config = spec.endpointConfig();
        return new DeploymentSpec(spec.specVersion(), spec.models(), new EndpointConfigSpec(config.name(),
                List.of(new VariantSpec(variant.variantName(), component.modelName(), variant.instanceType(),
                        variant.initialInstanceCount(), variant.initialVariantWeight(), variant.serverless(),
                        asVariant)), config.async(), config.dataCapture(), config.kmsKeyId()), spec.endpoint());
    }
}
