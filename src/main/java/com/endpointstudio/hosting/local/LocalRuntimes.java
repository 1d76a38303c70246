package com.endpointstudio.hosting.local;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.byoc.ContainerFolder;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.error.ValidationException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Which runtime serves a local endpoint. The Python adapter serves framework models (no image to
 * pull, seconds to start); Docker runs custom images always, and framework images when the user
 * chose it in Settings. Docker is only used when its engine answers.
 */
public final class LocalRuntimes {

    private final BooleanSupplier frameworkImagesInDocker;
    private final Supplier<DockerEngine.Status> engine;

    public LocalRuntimes(BooleanSupplier frameworkImagesInDocker, Supplier<DockerEngine.Status> engine) {
        this.frameworkImagesInDocker = frameworkImagesInDocker;
        this.engine = engine;
    }

    /** The Python adapter for every framework model; Docker only for custom images. */
    public static LocalRuntimes pythonFirst() {
        return new LocalRuntimes(() -> false, DockerEngine::probe);
    }

    /**
     * The bring-your-own-container folder a container's image names, whose serve program runs on this
     * computer without Docker; null for an image reference.
     */
    public java.nio.file.Path folder(ContainerSpec container) {
        if (!ContainerFolder.namesFolder(container.image(), null)) {
            return null;
        }
        return ContainerFolder.of(container.image(), null).map(ContainerFolder::folder)
                .orElseThrow(() -> new ValidationException("Container image",
                        ContainerFolder.whyNot(container.image(), null)));
    }

    /** The container to run under Docker, or null when the Python adapter (or a container folder's serve) serves the model. */
    public DockerServing.Container choose(ContainerSpec container) {
        if (folder(container) != null) {
            return null;
        }
        // a framework image named by its URI alone (an endpoint read back from AWS) is still a framework image
        boolean custom = container.framework() == null && ServingPersonality.fromImage(container.image()).generic();
        if (!custom && !frameworkImagesInDocker.getAsBoolean()) {
            return null;
        }
        if (container.image() == null || container.image().isBlank()) {
            return null; // no image to run: the Python adapter serves the model with its inference.py
        }
        DockerEngine.Status docker = engine.get();
        if (!docker.available()) {
            if (custom) {
                throw new StudioException("The Model runs the custom image " + container.image() + ", which only the "
                        + "Docker runtime can serve on this computer, and Docker is unavailable: " + docker.detail()
                        + ". Start Docker, or choose a framework so the Python adapter serves the model.");
            }
            return null;
        }
        return new DockerServing.Container(container.image(), container.environment());
    }
}
