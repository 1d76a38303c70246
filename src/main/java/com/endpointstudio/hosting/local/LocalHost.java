package com.endpointstudio.hosting.local;

import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.io.AtomicFiles;
import com.endpointstudio.core.packaging.archive.ArchiveExtractor;
import com.endpointstudio.core.task.CancelToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Endpoints on this computer: each has a folder under the studio's data folder with its record,
 * its unpacked model (playing /opt/ml/model) and its log, and a model server process on a
 * loopback port while it runs. Records survive restarts; {@link #restore()} starts again the
 * endpoints that were running.
 */
public final class LocalHost implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");

    private final Path root;
    private final Supplier<PythonInterpreter> python;
    private final Duration startTimeout;
    private final Duration requestTimeout;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, ServingProcess> processes = new ConcurrentHashMap<>();
    /** Endpoints that failed before a model server ran (pip could not install their requirements). */
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final RequirementsEnvironment requirements;

    public LocalHost(Path root, Supplier<PythonInterpreter> python, Duration startTimeout, Duration requestTimeout) {
        this.root = root;
        this.python = python;
        this.startTimeout = startTimeout;
        this.requestTimeout = requestTimeout;
        this.requirements = new RequirementsEnvironment(root.resolve("environments"));
    }

    /** How long the runtime waits for a model server's answer (SageMaker's InvokeEndpoint allows 60 s). */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** How long a model server may take to load its model. */
    Duration startTimeout() {
        return startTimeout;
    }

    /** The Python the studio serves models with. */
    PythonInterpreter python() {
        return python.get();
    }

    /** code/requirements.txt installed into cached environments, shared by endpoints and transform jobs. */
    RequirementsEnvironment requirements() {
        return requirements;
    }

    /** The serving adapter, written to disk where Python can run it. */
    Path adapter() {
        return ServingAdapter.install(root.resolve("adapter"));
    }

    /**
     * Creates and starts an endpoint served by the Python adapter with the environment the studio's
     * specs give a framework container (SAGEMAKER_PROGRAM=inference.py, …; none for "custom");
     * returns once it is InService or Failed.
     */
    public LocalEndpointStatus create(String name, Path modelData, String framework, Consumer<String> log)
            throws InterruptedException {
        ServingPersonality personality = ServingPersonality.of(framework, null);
        Map<String, String> environment = personality.generic() ? Map.of()
                : com.endpointstudio.core.deploy.SpecDefaults.frameworkEnvironment(null);
        return create(name, modelData, framework, null, environment, null, log);
    }

    /**
     * Creates and starts an endpoint; with a Docker container it runs under Docker, else the Python
     * adapter serves it as the framework's container would, with the Model's environment. Returns
     * once it is InService or Failed.
     *
     * @param framework        the SDK's framework name (sklearn, pytorch, …), or custom
     * @param frameworkVersion the framework image's version, or null
     * @param environment      the Model's container environment
     */
    public LocalEndpointStatus create(String name, Path modelData, String framework, String frameworkVersion,
                                      Map<String, String> environment, DockerServing.Container container,
                                      Consumer<String> log) throws InterruptedException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ValidationException("Endpoint name", "'" + name + "' must be 1-63 letters, digits or hyphens, "
                    + "starting with a letter or digit");
        }
        if (Files.exists(folder(name))) {
            throw new ValidationException("Endpoint name", "a local endpoint named " + name + " already exists");
        }
        if (!Files.exists(modelData)) {
            throw new ValidationException("Model data", modelData + " does not exist");
        }
        LocalEndpointRecord record = new LocalEndpointRecord(name, modelData.toAbsolutePath().toString(), framework,
                freePort(), Instant.now(), true, container == null ? null : container.image(),
                container == null ? environment : container.environment(), frameworkVersion);
        try {
            Files.createDirectories(folder(name));
            unpack(modelData, modelDir(name));
            save(record);
        } catch (IOException | RuntimeException e) {
            deleteFolder(name);
            throw e instanceof StudioException studio ? studio
                    : new StudioException("Could not prepare the local endpoint " + name + ": " + e.getMessage(), e);
        }
        return start(record, log);
    }

    /** Starts a stopped (or failed) endpoint again. */
    public LocalEndpointStatus start(String name, Consumer<String> log) throws InterruptedException {
        LocalEndpointRecord record = record(name).orElseThrow(() -> notFound(name));
        return start(record.withRunning(true), log);
    }

    private LocalEndpointStatus start(LocalEndpointRecord record, Consumer<String> log) throws InterruptedException {
        stopProcess(record.name());
        if (!Files.isDirectory(modelDir(record.name()))) {
            throw new StudioException("The model folder " + modelDir(record.name()) + " of the local endpoint "
                    + record.name() + " was deleted. Delete the endpoint and deploy it again.");
        }
        save(record);
        failures.remove(record.name());
        try {
            var options = new ServingProcess.Options(modelDir(record.name()), record.personality(), record.environment(),
                    record.port(), startTimeout, requestTimeout, 6 * 1024 * 1024);
            Path logFile = folder(record.name()).resolve("logs/endpoint.log");
            ServingProcess process = record.docker()
                    ? ServingProcess.startContainer(record.name(), new DockerServing.Container(record.image(),
                            record.environment()), options, logFile, log)
                    : ServingProcess.start(interpreter(record, logFile, log),
                            ServingAdapter.install(root.resolve("adapter")), options, logFile, log);
            processes.put(record.name(), process);
            process.awaitReady();
        } catch (RequirementsEnvironment.InstallFailed e) {
            return describe(record.name()).orElseThrow();
        } catch (IOException e) {
            throw new StudioException("Could not start the model server of " + record.name() + ": " + e.getMessage(), e);
        }
        return describe(record.name()).orElseThrow();
    }

    /**
     * The interpreter with code/requirements.txt installed; when pip fails the endpoint is Failed with
     * pip's message (the container would exit before its first health check).
     */
    private PythonInterpreter interpreter(LocalEndpointRecord record, Path logFile, Consumer<String> log)
            throws IOException {
        List<String> pipLines = new ArrayList<>();
        Consumer<String> both = line -> {
            pipLines.add(line);
            log.accept(line);
        };
        try {
            return requirements.prepare(python.get(), modelDir(record.name()), both);
        } catch (RequirementsEnvironment.InstallFailed e) {
            failures.put(record.name(), e.getMessage());
            throw e;
        } finally {
            if (!pipLines.isEmpty()) {
                Files.createDirectories(logFile.getParent());
                Files.write(logFile, pipLines, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
        }
    }

    public void stop(String name) {
        LocalEndpointRecord record = record(name).orElseThrow(() -> notFound(name));
        stopProcess(name);
        save(record.withRunning(false));
    }

    /** Stops the endpoint and removes its folder (unpacked model, log); the user's model data stays. */
    public void delete(String name) {
        record(name).orElseThrow(() -> notFound(name));
        stopProcess(name);
        failures.remove(name);
        deleteFolder(name);
    }

    private static boolean answersPing(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 300);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write(("GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] head = socket.getInputStream().readNBytes(12);
            return new String(head, java.nio.charset.StandardCharsets.US_ASCII).startsWith("HTTP/1.") && head.length >= 12
                    && new String(head, 9, 3, java.nio.charset.StandardCharsets.US_ASCII).equals("200");
        } catch (IOException e) {
            return false;
        }
    }

    public Optional<LocalEndpointStatus> describe(String name) {
        return record(name).map(record -> {
            ServingProcess process = processes.get(name);
            if (process == null && failures.containsKey(name)) {
                return new LocalEndpointStatus(record, "Failed", failures.get(name));
            }
            if (process == null) {
                // not started by this process; another one (the studio, `deploy --local`) may serve it
                return new LocalEndpointStatus(record, record.running() && answersPing(record.port()) ? "InService"
                        : "OutOfService", null);
            }
            return switch (process.status()) {
                case CREATING -> new LocalEndpointStatus(record, "Creating", null);
                case IN_SERVICE -> new LocalEndpointStatus(record, "InService", null);
                case FAILED -> new LocalEndpointStatus(record, "Failed", process.failureReason());
                case STOPPED -> new LocalEndpointStatus(record, "OutOfService", null);
            };
        });
    }

    public List<LocalEndpointStatus> list() {
        List<LocalEndpointStatus> all = new ArrayList<>();
        Path endpoints = root.resolve("endpoints");
        if (!Files.isDirectory(endpoints)) {
            return all;
        }
        try (Stream<Path> folders = Files.list(endpoints)) {
            folders.map(p -> p.getFileName().toString()).sorted().forEach(name -> describe(name).ifPresent(all::add));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** Starts again every endpoint that was running when the studio last stopped. */
    public void restore(Consumer<String> log) throws InterruptedException {
        for (LocalEndpointStatus endpoint : list()) {
            if (endpoint.record().running()) {
                start(endpoint.record(), log);
            }
        }
    }

    /** The newest lines of an endpoint's log. */
    public List<String> logTail(String name, int lines) {
        ServingProcess process = processes.get(name);
        if (process != null) {
            return process.tail(lines);
        }
        Path log = folder(name).resolve("logs/endpoint.log");
        try {
            List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The loopback port of a running endpoint's model server. */
    public int port(String name) {
        ServingProcess process = processes.get(name);
        if (process == null || process.status() != ServingProcess.Status.IN_SERVICE) {
            throw new StudioException("The local endpoint " + name + " is not InService; start it first.");
        }
        return process.port();
    }

    /** Stops every model server, so none outlives the studio; their records say they should restart. */
    @Override
    public void close() {
        processes.values().forEach(ServingProcess::close);
        processes.clear();
    }

    /** Copies a model folder, or unpacks a model.tar.gz, into the folder playing /opt/ml/model. */
    static void unpack(Path modelData, Path target) throws IOException {
        if (Files.isDirectory(modelData)) {
            try (Stream<Path> walk = Files.walk(modelData)) {
                for (Path source : walk.toList()) {
                    Path copy = target.resolve(modelData.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(source, copy);
                    }
                }
            }
        } else {
            new ArchiveExtractor().extract(modelData, target, CancelToken.none());
        }
    }

    private Optional<LocalEndpointRecord> record(String name) {
        Path file = folder(name).resolve("endpoint.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), LocalEndpointRecord.class));
        } catch (IOException e) {
            throw new StudioException("The record of the local endpoint " + name + " (" + file + ") can't be read: "
                    + e.getMessage(), e);
        }
    }

    private void save(LocalEndpointRecord record) {
        try {
            AtomicFiles.write(folder(record.name()).resolve("endpoint.json"), json.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new StudioException("Could not save the local endpoint " + record.name() + ": " + e.getMessage(), e);
        }
    }

    private void stopProcess(String name) {
        ServingProcess process = processes.remove(name);
        if (process != null) {
            process.close();
        }
    }

    private void deleteFolder(String name) {
        Path folder = folder(name);
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new StudioException("Could not delete " + folder + ": " + e.getMessage(), e);
        }
    }

    private Path folder(String name) {
        return root.resolve("endpoints").resolve(name);
    }

    private Path modelDir(String name) {
        return folder(name).resolve("model");
    }

    private static StudioException notFound(String name) {
        return new StudioException("There is no local endpoint named " + name + ".");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StudioException("No free port on 127.0.0.1 for a local endpoint: " + e.getMessage(), e);
        }
    }
}
