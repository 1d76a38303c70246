package com.endpointstudio.ui.deploy;

import com.endpointstudio.core.byoc.ContainerFolder;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.image.ImageCatalog;
import com.endpointstudio.core.image.ImageRequest;
import com.endpointstudio.core.image.ImageUriResolver;
import com.endpointstudio.ui.common.Jobs;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The framework image choice of the draft: the versions, Python versions and base frameworks the
 * catalog has for the framework chosen, and the image URI they resolve to in the connection's region.
 */
final class FrameworkChoices {

    private final DeployDraft draft;
    private final ImageCatalog images;
    private final ImageUriResolver resolver;
    private final Supplier<String> region;
    private final ObservableList<String> versions = FXCollections.observableArrayList();
    private final ObservableList<String> pyVersions = FXCollections.observableArrayList();
    private final ObservableList<String> baseFrameworks = FXCollections.observableArrayList();

    private final Jobs jobs;

    FrameworkChoices(DeployDraft draft, ImageCatalog images, Supplier<String> region, Jobs jobs) {
        this.draft = draft;
        this.jobs = jobs;
        this.images = images;
        this.resolver = new ImageUriResolver(images);
        this.region = region;
        draft.framework.addListener((obs, old, now) -> {
            versions.setAll(now == null || now.isBlank() ? List.of() : images.versions(now));
            draft.frameworkVersion.set(versions.isEmpty() ? "" : versions.get(0));
        });
        draft.frameworkVersion.addListener((obs, old, now) -> {
            baseFrameworks.setAll("huggingface".equals(draft.framework.get()) && now != null ? images.baseFrameworks(now)
                    : List.of());
            if (!baseFrameworks.isEmpty() && !baseFrameworks.contains(draft.baseFramework.get())) {
                draft.baseFramework.set(baseFrameworks.get(0));
            }
            refreshPyVersions();
        });
        draft.baseFramework.addListener((obs, old, now) -> refreshPyVersions());
    }

    private void refreshPyVersions() {
        String framework = draft.framework.get();
        pyVersions.setAll(framework == null || framework.isBlank() ? List.of()
                : images.pyVersions(framework, draft.frameworkVersion.get(), draft.baseFramework.get()));
        if (!pyVersions.contains(draft.pyVersion.get())) {
            draft.pyVersion.set(pyVersions.isEmpty() ? "" : pyVersions.get(0));
        }
    }

    /**
     * A bring-your-own-container folder (as `endpoint-studio byoc new` writes it) as the custom image:
     * read off the FX thread, then the framework becomes "custom image" and the folder the image.
     * Local hosting runs its serve; on AWS the validation asks for its pushed image instead.
     */
    void useContainerFolder(Path folder) {
        String chosen = folder.toString();
        jobs.job("Check the container folder", job -> ContainerFolder.of(chosen, null).orElseThrow(() ->
                new ValidationException("Container image", ContainerFolder.whyNot(chosen, null)))).onSuccess(found -> {
                    draft.framework.set("");
                    draft.image.set(found.folder().toString());
                }).start();
    }

    /**
     * Fills the image from the framework choice, for the connection's region and the chosen
     * instance type. Returns why it can't be resolved, or null.
     */
    String resolveImage() {
        String framework = draft.framework.get();
        if (framework == null || framework.isBlank()) {
            return null;
        }
        String where = region.get() == null || region.get().isBlank() ? "us-east-1" : region.get();
        try {
            draft.image.set(resolver.retrieve(new ImageRequest(framework, draft.frameworkVersion.get(),
                    blankToNull(draft.pyVersion.get()), where, draft.instanceType.get(),
                    blankToNull(draft.baseFramework.get()))).uri());
            return null;
        } catch (ValidationException e) {
            return e.getMessage();
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    ObservableList<String> versions() {
        return versions;
    }

    ObservableList<String> pyVersions() {
        return pyVersions;
    }

    ObservableList<String> baseFrameworks() {
        return baseFrameworks;
    }
}
