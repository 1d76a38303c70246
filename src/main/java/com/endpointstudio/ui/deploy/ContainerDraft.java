package com.endpointstudio.ui.deploy;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.ui.deploy.DeployDraft.Entry;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A further container of the model: a step of a serial inference pipeline, or one of the
 * containers of a multi-container (Direct) endpoint that invocations reach by hostname.
 * Local model data goes to the first container's bucket, in a folder of its own below its prefix.
 */
public final class ContainerDraft {

    final StringProperty hostname = new SimpleStringProperty("");
    final StringProperty image = new SimpleStringProperty("");
    final StringProperty modelData = new SimpleStringProperty("");
    final ObservableList<Entry> environment = FXCollections.observableArrayList();
    /** The container as loaded from a spec: its framework and compression are kept while image and data stay. */
    private ContainerSpec loaded;

    Observable[] all() {
        return new Observable[] {hostname, image, modelData, environment};
    }

    ContainerSpec toSpec(String uploadBucket, String uploadPrefix) {
        return build(loaded, image.get(), modelData.get(), environment, hostname.get(), uploadBucket, uploadPrefix);
    }

    /** A container from form fields, keeping what a loaded one had beyond them while its image and data stay. */
    static ContainerSpec build(ContainerSpec loaded, String image, String modelData, List<Entry> environment,
                               String hostname, String uploadBucket, String uploadPrefix) {
        String uri = image.strip();
        String location = modelData.strip();
        ModelDataSpec was = loaded == null ? null : loaded.modelData();
        boolean uploaded = !location.contains("://");
        ModelDataSpec data = location.isEmpty() ? null : was != null && location.equals(was.location()) ? was
                : new ModelDataSpec(location, uploaded ? uploadBucket : null, uploaded ? uploadPrefix : null, false);
        var framework = loaded != null && uri.equals(loaded.image()) ? loaded.framework() : null;
        return new ContainerSpec(uri, framework, data, DeployDraft.toMap(environment),
                DeployDraft.blankToNull(hostname), null);
    }

    static ContainerDraft from(ContainerSpec spec) {
        ContainerDraft draft = new ContainerDraft();
        draft.loaded = spec;
        draft.hostname.set(DeployDraft.nullToBlank(spec.hostname()));
        draft.image.set(DeployDraft.nullToBlank(spec.image()));
        draft.modelData.set(spec.modelData() == null ? "" : DeployDraft.nullToBlank(spec.modelData().location()));
        draft.environment.setAll(DeployDraft.entries(spec.environment()));
        return draft;
    }

    /** Whether the forms can hold this container: only a model's only container can be MultiModel. */
    static boolean fits(ContainerSpec spec) {
        return spec.mode() == null || "SingleModel".equals(spec.mode());
    }

    /** How the container list names it. */
    String label(int index) {
        String what = hostname.get().isBlank() ? imageName() : hostname.get();
        return "Container " + (index + 2) + (what.isBlank() ? "" : " · " + what);
    }

    private String imageName() {
        String uri = image.get().strip();
        int slash = uri.lastIndexOf('/');
        return slash < 0 ? uri : uri.substring(slash + 1);
    }

    /** The further containers; their local model data goes where the first one's does (keys name the content). */
    static List<ContainerSpec> specs(List<ContainerDraft> drafts, String uploadBucket, String uploadPrefix) {
        return drafts.stream().map(draft -> draft.toSpec(uploadBucket, uploadPrefix)).toList();
    }
}
