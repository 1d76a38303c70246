package com.endpointstudio.ui.deploy;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ServerlessSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VariantSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.VpcSpec;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.ui.deploy.DeployDraft.Entry;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A further production variant with its own model (one container), instances and autoscaling:
 * the "B" of an A/B test. It shares the first model's execution role and network settings;
 * traffic is split by the variants' weights.
 */
public final class VariantDraft {

    final StringProperty variantName = new SimpleStringProperty("");
    final StringProperty weight = new SimpleStringProperty("1");
    final StringProperty instanceType = new SimpleStringProperty("ml.m5.large");
    final IntegerProperty instanceCount = new SimpleIntegerProperty(1);
    final StringProperty image = new SimpleStringProperty("");
    final StringProperty modelData = new SimpleStringProperty("");
    final ObservableList<Entry> environment = FXCollections.observableArrayList();
    /** Kept from a loaded spec; blank means "named after the endpoint and the variant". */
    final StringProperty modelName = new SimpleStringProperty("");
    /** The endpoint name the model name was loaded with; after a rename the model is named after the endpoint. */
    String loadedWith = "";
    final ScalingDraft scaling = new ScalingDraft();
    private ContainerSpec loaded;

    Observable[] all() {
        return new Observable[] {variantName, weight, instanceType, instanceCount, image, modelData, environment,
            modelName, scaling.enabled, scaling.min, scaling.max, scaling.target, scaling.inCooldown,
            scaling.outCooldown};
    }

    String modelName(String base) {
        return modelName.get().isBlank() || !base.equals(loadedWith) ? SpecDefaults.modelName(base + "-" + variantName.get().strip().toLowerCase(
                java.util.Locale.ROOT)) : modelName.get().strip();
    }

    ModelSpec toModel(String base, String role, VpcSpec vpc, boolean isolation, String uploadBucket,
                      String uploadPrefix) {
        ContainerSpec container = ContainerDraft.build(loaded, image.get(), modelData.get(), environment, "",
                uploadBucket, uploadPrefix);
        return new ModelSpec(modelName(base), role, List.of(container), null, vpc, isolation);
    }

    /** A serverless endpoint's variants share its memory and concurrency; otherwise each has its instances. */
    VariantSpec toVariant(String base, ServerlessSpec serverless) {
        double share = DeployDraft.number(weight.get(), 1.0);
        return serverless != null
                ? new VariantSpec(variantName.get().strip(), modelName(base), null, 0, share, serverless, null)
                : new VariantSpec(variantName.get().strip(), modelName(base), instanceType.get().strip(),
                        instanceCount.get(), share, null, scaling.toSpec());
    }

    static VariantDraft from(VariantSpec variant, ModelSpec model) {
        VariantDraft draft = new VariantDraft();
        draft.variantName.set(variant.variantName());
        draft.weight.set(DeployDraft.formatNumber(variant.initialVariantWeight()));
        draft.instanceType.set(DeployDraft.nullToBlank(variant.instanceType()));
        draft.instanceCount.set(Math.max(1, variant.initialInstanceCount()));
        draft.modelName.set(model.name());
        draft.scaling.load(variant.autoScaling());
        ContainerSpec container = model.containers().get(0);
        draft.loaded = container;
        draft.image.set(DeployDraft.nullToBlank(container.image()));
        draft.modelData.set(container.modelData() == null ? "" : DeployDraft.nullToBlank(container.modelData().location()));
        draft.environment.setAll(DeployDraft.entries(container.environment()));
        return draft;
    }

    /** How the variant list names it. */
    String label() {
        return (variantName.get().isBlank() ? "(unnamed)" : variantName.get()) + " · weight " + weight.get()
                + (modelData.get().isBlank() ? "" : " · " + modelData.get());
    }
}
