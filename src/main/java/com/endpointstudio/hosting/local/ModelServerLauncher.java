package com.endpointstudio.hosting.local;

import com.endpointstudio.core.byoc.ContainerFolder;
import com.endpointstudio.core.error.StudioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How one model server of a local endpoint starts, by what its container is: a framework image
 * played by the serving adapter on Python (code/requirements.txt installed first), an image run
 * under Docker, or a bring-your-own-container folder's serve program. The environment is the one
 * SageMaker gives the container.
 */
final class ModelServerLauncher {

    private final Path root;
    private final Supplier<PythonInterpreter> python;
    private final RequirementsEnvironment requirements;
    private final Duration startTimeout;
    private final Duration requestTimeout;

    ModelServerLauncher(Path root, Supplier<PythonInterpreter> python, RequirementsEnvironment requirements,
                        Duration startTimeout, Duration requestTimeout) {
        this.root = root;
        this.python = python;
        this.requirements = requirements;
        this.startTimeout = startTimeout;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Starts one model server of an endpoint whose files are in {@code endpointFolder}; returns at once,
     * the process answering its health check later.
     */
    ServingProcess start(LocalEndpointRecord record, LocalServer server, Path endpointFolder,
                         MultiModelLimits multiModelLimits, Consumer<String> log) throws IOException {
        Path modelDir = endpointFolder.resolve(server.modelDir());
        Map<String, String> environment = new LinkedHashMap<>(server.environment());
        LocalTopology.Variant variant = record.topology().variant(server.variant()).orElse(null);
        if (variant != null && variant.containers().size() > 1) {
            // SageMaker tells each container of a pipeline or multi-container model its port
            environment.put("SAGEMAKER_BIND_TO_PORT", Integer.toString(server.docker()
                    ? DockerServing.CONTAINER_PORT : server.port()));
        }
        List<String> arguments = new ArrayList<>();
        if (server.multiModel()) {
            environment.put("SAGEMAKER_MULTI_MODEL", "true"); // as SageMaker injects it into MultiModel containers
            arguments.add("--multi-model");
            arguments.addAll(multiModelLimits.arguments(variant == null ? null : variant.instanceType()));
        }
        if (server.memoryLimitMb() != null) {
            arguments.addAll(List.of("--memory-limit-mb", server.memoryLimitMb().toString()));
        }
        var options = new ServingProcess.Options(modelDir, server.personality(), environment, server.port(),
                startTimeout, requestTimeout, 6 * 1024 * 1024, arguments);
        Path logFile = endpointFolder.resolve(server.logFile());
        if (server.folder()) {
            return startFolder(record, server, modelDir, environment, options, logFile, log);
        }
        if (server.docker()) {
            String containerName = record.servers().size() == 1 ? record.name()
                    : record.name() + "." + server.key().replace('/', '.');
            return ServingProcess.startContainer(containerName, new DockerServing.Container(server.image(),
                    environment), options, logFile, log);
        }
        return ServingProcess.start(interpreter(record, server, modelDir, logFile, log),
                ServingAdapter.install(root.resolve("adapter")), options, logFile, log);
    }

    /**
     * A bring-your-own-container folder served as its image would be, without Docker: its serve on the
     * chosen interpreter (with the folder's requirements.txt installed as the Dockerfile installs it),
     * listening on the server's own port (SAGEMAKER_BIND_TO_PORT, which the seed's serve honours as
     * SageMaker's multi-container endpoints set it) and loading the model from the unpacked model folder
     * (SM_MODEL_DIR, which predictor.py reads instead of /opt/ml/model).
     */
    private ServingProcess startFolder(LocalEndpointRecord record, LocalServer server, Path modelDir,
                                       Map<String, String> environment, ServingProcess.Options options, Path logFile,
                                       Consumer<String> log) throws IOException {
        ContainerFolder folder = ContainerFolder.of(server.containerFolder(), null).orElseThrow(() -> new StudioException("The container folder "
                        + server.containerFolder() + " of the local endpoint " + record.name() + " no longer holds a "
                        + "serve program. Restore it, or delete the endpoint and deploy it again."));
        Map<String, String> container = new LinkedHashMap<>(environment);
        container.put("SAGEMAKER_BIND_TO_PORT", Integer.toString(server.port()));
        container.put("SM_MODEL_DIR", modelDir.toString());
        container.put("STUDIO_BIND_HOST", "127.0.0.1"); // the seed's serve listens on the loopback interface only
        ServingProcess.Options folderOptions = new ServingProcess.Options(modelDir, options.personality(), container,
                options.port(), options.startTimeout(), options.requestTimeout(), options.maxPayloadBytes(), List.of());
        PythonInterpreter interpreter = withPipLog(logFile, log, both -> requirements.install(python.get(),
                folder.requirements(), "the container folder's requirements.txt",
                "as the Dockerfile installs it in the image", both));
        return ServingProcess.startFolder(interpreter, folder.program(), folderOptions, logFile, log);
    }

    /** Runs an install that may log pip's lines, and keeps those lines in the server's log file too. */
    private static PythonInterpreter withPipLog(Path logFile, Consumer<String> log,
                                                Function<Consumer<String>, PythonInterpreter> install)
            throws IOException {
        List<String> pipLines = new ArrayList<>();
        Consumer<String> both = line -> {
            pipLines.add(line);
            log.accept(line);
        };
        try {
            return install.apply(both);
        } finally {
            if (!pipLines.isEmpty()) {
                Files.createDirectories(logFile.getParent());
                Files.write(logFile, pipLines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }

    /**
     * The interpreter with code/requirements.txt installed; when pip fails the endpoint is Failed with
     * pip's message (the container would exit before its first health check).
     */
    private PythonInterpreter interpreter(LocalEndpointRecord record, LocalServer server, Path modelDir, Path logFile,
                                          Consumer<String> log) throws IOException {
        return withPipLog(logFile, log, both -> server.multiModel() ? python.get()
                : requirements.prepare(python.get(), modelDir, both));
    }
}
