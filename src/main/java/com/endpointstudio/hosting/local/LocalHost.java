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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Endpoints on this computer: each has a folder under the studio's data folder with its record,
 * its unpacked models (each playing /opt/ml/model for one container) and its logs, and one model
 * server process per container of each production variant while it runs, each on a loopback
 * port of its own. Records survive restarts; {@link #restore} starts again the endpoints that
 * were running.
 */
public final class LocalHost implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");

    /**
     * A model server to create: a container of a variant's Model.
     *
     * @param modelData the model.tar.gz or folder to unpack; for a multi-model container, the folder its models are
     *                  in or their s3:// prefix
     * @param docker    the container to run under Docker, or null for the Python adapter
     * @param containerFolder a bring-your-own-container folder whose serve program runs without Docker, or null
     */
    public record ServerPlan(String key, String variant, String container, String modelData, String framework,
                             String frameworkVersion, Map<String, String> environment, DockerServing.Container docker,
                             boolean multiModel, Integer memoryLimitMb, Path containerFolder) {

        /** A multi-model container's models in S3: the local bucket folder, or a chosen AWS connection's S3. */
        boolean inS3() {
            return multiModel && modelData.startsWith("s3://");
        }

        /** Where the model data is: the absolute path, or the s3:// prefix as given. */
        String location() {
            return inS3() ? modelData : Path.of(modelData).toAbsolutePath().toString();
        }
    }

    private final Path root;
    private final Supplier<PythonInterpreter> python;
    private final Duration startTimeout;
    private final Duration requestTimeout;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
    /** endpoint → server key → its running process */
    private final Map<String, Map<String, ServingProcess>> processes = new ConcurrentHashMap<>();
    /** Endpoints that failed before a model server ran (pip could not install requirements), or whose server failed. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Map<String, LocalEndpointRecord> records = new ConcurrentHashMap<>();
    private final Map<String, EndpointLog> logs = new ConcurrentHashMap<>();
    private final RequirementsEnvironment requirements;
    private volatile MultiModelLimits multiModelLimits = MultiModelLimits.instanceMemory();
    private volatile S3ModelDataSource s3 = S3ModelDataSource.none();
    private final MultiModelCache multiModels;
    private final ModelServerLauncher launcher;
    private final ServerlessCapacity serverless;
    /** Model servers of serverless variants scaled to zero: "endpoint\u0000server key". */
    private final Set<String> cold = ConcurrentHashMap.newKeySet();

    public LocalHost(Path root, Supplier<PythonInterpreter> python, Duration startTimeout, Duration requestTimeout) {
        this.root = root;
        this.python = python;
        this.startTimeout = startTimeout;
        this.requestTimeout = requestTimeout;
        this.requirements = new RequirementsEnvironment(root.resolve("environments"));
        this.multiModels = new MultiModelCache(this, new ContainerClient(requestTimeout));
        this.launcher = new ModelServerLauncher(root, python, requirements, startTimeout, requestTimeout);
        this.serverless = new ServerlessCapacity(this);
    }

    /** The concurrency and idle scaling of serverless variants. */
    ServerlessCapacity serverless() {
        return serverless;
    }

    /** How long a serverless variant stays warm without invocations (SageMaker does not publish its own). */
    public void useServerlessIdleTime(Duration idle) {
        serverless.useIdleTime(idle);
    }

    /**
     * Starts again the model servers of a serverless variant that were scaled to zero, and returns how
     * long that took (SageMaker's ModelSetupTime), or null when they were all warm.
     */
    Duration warm(String name, List<String> keys) {
        synchronized (lock(name)) {
            LocalEndpointRecord record = endpoint(name).orElseThrow(() -> notFound(name));
            Map<String, ServingProcess> running = processes.get(name);
            if (running == null) {
                throw notInService(name);
            }
            long started = System.nanoTime();
            boolean any = false;
            for (String key : keys) {
                if (!cold.contains(name + "\u0000" + key)) {
                    continue;
                }
                any = true;
                LocalServer server = record.server(key).orElseThrow();
                EndpointLog log = logs.computeIfAbsent(name, n -> new EndpointLog(record.servers().size() > 1));
                Consumer<String> serverLog = log.writer(server.container(), line -> { });
                serverLog.accept("[studio] cold start: the serverless variant " + server.variant()
                        + " was scaled to zero; starting its model server again");
                try {
                    ServingProcess process = startServer(record, server, serverLog);
                    running.put(key, process);
                    cold.remove(name + "\u0000" + key);
                    if (process.awaitReady() != ServingProcess.Status.IN_SERVICE) {
                        throw new StudioException(named(record, server, process.failureReason()));
                    }
                } catch (IOException e) {
                    throw new StudioException("Could not start the model server of " + name + ": " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StudioException("Interrupted while " + name + " started", e);
                }
            }
            return any ? Duration.ofNanos(System.nanoTime() - started) : null;
        }
    }

    /** Scales a serverless variant's model servers to zero: stopped, and started again by the next invocation. */
    void coolDown(String name, List<String> keys) {
        synchronized (lock(name)) {
            Map<String, ServingProcess> running = processes.get(name);
            if (running == null) {
                return;
            }
            for (String key : keys) {
                ServingProcess process = running.get(key);
                if (process == null || process.status() != ServingProcess.Status.IN_SERVICE) {
                    continue;
                }
                running.remove(key);
                cold.add(name + "\u0000" + key);
                process.close();
                EndpointLog log = logs.get(name);
                String container = endpoint(name).flatMap(r -> r.server(key)).map(LocalServer::container).orElse(key);
                if (log != null) {
                    log.writer(container, line -> { }).accept("[studio] idle: scaled to zero until the next invocation");
                }
            }
        }
    }

    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    private Object lock(String name) {
        return locks.computeIfAbsent(name, n -> new Object());
    }

    /** The models the multi-model containers of this host's endpoints hold, loaded on demand. */
    MultiModelCache multiModels() {
        return multiModels;
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

    /** How many models a multi-model container keeps loaded before it unloads the least recently used. */
    public void useMultiModelLimits(MultiModelLimits limits) {
        this.multiModelLimits = limits;
    }

    public MultiModelLimits multiModelLimits() {
        return multiModelLimits;
    }

    /** The AWS connection s3:// model data is downloaded through when the local bucket folder lacks it. */
    public void readS3Through(S3ModelDataSource source) {
        this.s3 = source;
    }

    S3ModelDataSource s3() {
        return s3;
    }

    /** The folder the studio's local state lives in. */
    public Path root() {
        return root;
    }

    /** The local bucket folder that plays S3 for this host's endpoints ({@code buckets/} of its folder). */
    public LocalBuckets buckets() {
        return new LocalBuckets(root.resolve("buckets"));
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
     * Creates and starts an endpoint of one container; with a Docker container it runs under Docker,
     * else the Python adapter serves it as the framework's container would, with the Model's
     * environment. Returns once it is InService or Failed.
     *
     * @param framework        the SDK's framework name (sklearn, pytorch, …), or custom
     * @param frameworkVersion the framework image's version, or null
     * @param environment      the Model's container environment
     */
    public LocalEndpointStatus create(String name, Path modelData, String framework, String frameworkVersion,
                                      Map<String, String> environment, DockerServing.Container container,
                                      Consumer<String> log) throws InterruptedException {
        ServerPlan only = new ServerPlan("AllTraffic/primary", "AllTraffic", "primary", modelData.toString(), framework,
                frameworkVersion, environment, container, false, null, null);
        return create(name, List.of(only), LocalTopology.single(only.key()), log);
    }

    /** Creates and starts an endpoint of any shape; returns once every model server is InService, or one failed. */
    public LocalEndpointStatus create(String name, List<ServerPlan> plans, LocalTopology topology, Consumer<String> log)
            throws InterruptedException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ValidationException("Endpoint name", "'" + name + "' must be 1-63 letters, digits or hyphens, "
                    + "starting with a letter or digit");
        }
        if (Files.exists(folder(name))) {
            throw new ValidationException("Endpoint name", "a local endpoint named " + name + " already exists");
        }
        for (ServerPlan plan : plans) {
            if (!plan.inS3() && !Files.exists(Path.of(plan.modelData()))) {
                throw new ValidationException("Model data", plan.modelData() + " does not exist");
            }
        }
        List<LocalServer> servers = servers(plans, plans.size() == 1, new HashSet<>());
        LocalEndpointRecord record = new LocalEndpointRecord(name, Instant.now(), true, servers, topology);
        try {
            Files.createDirectories(folder(name));
            unpack(name, servers);
            save(record);
        } catch (IOException | RuntimeException e) {
            records.remove(name);
            deleteFolder(name);
            throw e instanceof StudioException studio ? studio
                    : new StudioException("Could not prepare the local endpoint " + name + ": " + e.getMessage(), e);
        }
        return start(record, log);
    }

    private List<LocalServer> servers(List<ServerPlan> plans, boolean alone, Set<Integer> ports) {
        List<LocalServer> servers = new ArrayList<>();
        for (ServerPlan plan : plans) {
            String modelDir = alone && !plan.multiModel() ? "model"
                    : "servers/" + plan.key().replace('/', '.') + (plan.multiModel() ? "/models" : "/model");
            servers.add(new LocalServer(plan.key(), plan.variant(), plan.container(),
                    plan.location(), modelDir, plan.framework(), plan.frameworkVersion(),
                    plan.docker() == null ? null : plan.docker().image(),
                    plan.docker() == null ? plan.environment() : plan.docker().environment(), freePort(ports),
                    plan.multiModel(), plan.memoryLimitMb(),
                    plan.containerFolder() == null ? null : plan.containerFolder().toString()));
        }
        return servers;
    }

    private void unpack(String name, List<LocalServer> servers) throws IOException {
        for (LocalServer server : servers) {
            if (server.multiModel()) {
                Files.createDirectories(folder(name).resolve(server.modelDir()));
            } else {
                unpack(Path.of(server.modelData()), folder(name).resolve(server.modelDir()));
            }
        }
    }

    /**
     * Adds model servers to a running endpoint (an inference component's copies) and starts them;
     * returns once each is InService or Failed.
     */
    public void addServers(String name, List<ServerPlan> plans, LocalTopology topology, Consumer<String> log)
            throws InterruptedException {
        List<LocalServer> added;
        LocalEndpointRecord record;
        synchronized (lock(name)) {
            LocalEndpointRecord before = endpoint(name).orElseThrow(() -> notFound(name));
            Set<Integer> ports = new HashSet<>();
            before.servers().forEach(server -> ports.add(server.port()));
            added = servers(plans, false, ports);
            try {
                unpack(name, added);
            } catch (IOException e) {
                throw new StudioException("Could not unpack the model of " + name + ": " + e.getMessage(), e);
            }
            List<LocalServer> all = new ArrayList<>(before.servers());
            all.addAll(added);
            record = before.withServers(all, topology);
            save(record);
        }
        Map<String, ServingProcess> running = processes.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
        EndpointLog endpointLog = logs.computeIfAbsent(name, n -> new EndpointLog(true));
        for (LocalServer server : added) {
            try {
                ServingProcess process = startServer(record, server, endpointLog.writer(server.container(), log));
                running.put(server.key(), process);
                process.awaitReady();
            } catch (IOException e) {
                throw new StudioException("Could not start a model server of " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** Stops and removes model servers of an endpoint (an inference component's copies), and their folders. */
    public void removeServers(String name, List<String> keys, LocalTopology topology) {
        synchronized (lock(name)) {
            LocalEndpointRecord before = endpoint(name).orElseThrow(() -> notFound(name));
            Map<String, ServingProcess> running = processes.get(name);
            for (String key : keys) {
                ServingProcess process = running == null ? null : running.remove(key);
                if (process != null) {
                    process.close();
                }
                before.server(key).ifPresent(server -> deleteTree(folder(name).resolve(server.modelDir()).getParent()));
            }
            save(before.withServers(before.servers().stream().filter(s -> !keys.contains(s.key())).toList(), topology));
        }
    }

    /** One model server's state: InService, Creating, Failed (with its reason) or OutOfService. */
    public String[] serverStatus(String name, String key) {
        Map<String, ServingProcess> running = processes.get(name);
        ServingProcess process = running == null ? null : running.get(key);
        if (process == null) {
            return new String[] {cold.contains(name + "\u0000" + key) ? "InService" : "OutOfService", null};
        }
        return switch (process.status()) {
            case CREATING -> new String[] {"Creating", null};
            case IN_SERVICE -> new String[] {"InService", null};
            case FAILED -> new String[] {"Failed", process.failureReason()};
            case STOPPED -> new String[] {"OutOfService", null};
        };
    }

    /** Starts a stopped (or failed) endpoint again. */
    public LocalEndpointStatus start(String name, Consumer<String> log) throws InterruptedException {
        LocalEndpointRecord record = endpoint(name).orElseThrow(() -> notFound(name));
        return start(record.withRunning(true), log);
    }

    private LocalEndpointStatus start(LocalEndpointRecord record, Consumer<String> log) throws InterruptedException {
        String name = record.name();
        stopProcesses(name);
        for (LocalServer server : record.servers()) {
            if (!Files.isDirectory(folder(name).resolve(server.modelDir()))) {
                throw new StudioException("The model folder " + folder(name).resolve(server.modelDir())
                        + " of the local endpoint " + name + " was deleted. Delete the endpoint and deploy it again.");
            }
        }
        save(record);
        failures.remove(name);
        EndpointLog endpointLog = new EndpointLog(record.servers().size() > 1);
        logs.put(name, endpointLog);
        Map<String, ServingProcess> started = new ConcurrentHashMap<>();
        processes.put(name, started);
        for (LocalServer server : record.servers()) {
            Consumer<String> serverLog = endpointLog.writer(server.container(), log);
            try {
                ServingProcess process = startServer(record, server, serverLog);
                started.put(server.key(), process);
                if (process.awaitReady() != ServingProcess.Status.IN_SERVICE && !server.component()) {
                    break;
                }
            } catch (RequirementsEnvironment.InstallFailed e) {
                failures.put(name, named(record, server, e.getMessage()));
                break;
            } catch (IOException e) {
                stopProcesses(name);
                throw new StudioException("Could not start the model server of " + name + ": " + e.getMessage(), e);
            }
        }
        LocalEndpointStatus status = describe(name).orElseThrow();
        if ("Failed".equals(status.status())) {
            // SageMaker serves nothing of an endpoint whose container failed its health check
            started.values().stream().filter(p -> p.status() == ServingProcess.Status.IN_SERVICE)
                    .forEach(ServingProcess::close);
        }
        return status;
    }

    private ServingProcess startServer(LocalEndpointRecord record, LocalServer server, Consumer<String> log)
            throws IOException {
        return launcher.start(record, server, folder(record.name()), multiModelLimits, log);
    }

    /** A failure reason, naming the container when the endpoint has several. */
    private static String named(LocalEndpointRecord record, LocalServer server, String reason) {
        if (record.servers().size() == 1 || reason == null) {
            return reason;
        }
        return "Container " + server.container() + " of production variant " + server.variant() + ": " + reason;
    }

    public void stop(String name) {
        LocalEndpointRecord record = endpoint(name).orElseThrow(() -> notFound(name));
        stopProcesses(name);
        save(record.withRunning(false));
    }

    /** Stops the endpoint and removes its folder (unpacked models, logs); the user's model data stays. */
    public void delete(String name) {
        endpoint(name).orElseThrow(() -> notFound(name));
        stopProcesses(name);
        failures.remove(name);
        logs.remove(name);
        records.remove(name);
        deleteFolder(name);
        AsyncNotifications.forget(root, name);
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
        return endpoint(name).map(record -> {
            Map<String, ServingProcess> running = processes.get(name);
            if (failures.containsKey(name)) {
                return new LocalEndpointStatus(record, "Failed", failures.get(name));
            }
            if (running == null) {
                // not started by this process; another one (the studio, `deploy --local`) may serve it
                boolean serving = record.running() && (record.servers().isEmpty()
                        || answersPing(record.primary().port()));
                return new LocalEndpointStatus(record, serving ? "InService" : "OutOfService", null);
            }
            // an inference component's copies have a state of their own (DescribeInferenceComponent)
            List<LocalServer> own = record.servers().stream().filter(server -> !server.component()).toList();
            boolean creating = own.stream().anyMatch(server -> !running.containsKey(server.key())
                    && !cold.contains(name + "\u0000" + server.key()));
            boolean stopped = false;
            for (LocalServer server : own) {
                ServingProcess process = running.get(server.key());
                if (process == null) {
                    continue;
                }
                switch (process.status()) {
                    case FAILED -> {
                        return new LocalEndpointStatus(record, "Failed", named(record, server, process.failureReason()));
                    }
                    case CREATING -> creating = true;
                    case STOPPED -> stopped = true;
                    default -> { }
                }
            }
            return new LocalEndpointStatus(record, stopped ? "OutOfService" : creating ? "Creating" : "InService", null);
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
            // one this process serves already (started before the window opened) keeps its servers
            boolean served = processes.containsKey(endpoint.record().name()) && "InService".equals(endpoint.status());
            if (endpoint.record().running() && !served) {
                start(endpoint.record(), log);
            }
        }
    }

    /** Adds a line of the platform's own to a running endpoint's log: a model downloaded for a multi-model one. */
    void log(String endpoint, String container, String line) {
        EndpointLog log = logs.get(endpoint);
        if (log != null) {
            log.writer(container, shown -> { }).accept(line);
        }
    }

    /** The newest lines of an endpoint's log (of every container, each line naming its container when there are several). */
    public List<String> logTail(String name, int lines) {
        EndpointLog log = logs.get(name);
        if (log != null) {
            return log.tail(lines);
        }
        Optional<LocalEndpointRecord> record = endpoint(name);
        if (record.isEmpty()) {
            return List.of();
        }
        List<String> all = new ArrayList<>();
        boolean several = record.get().servers().size() > 1;
        for (LocalServer server : record.get().servers()) {
            Path file = folder(name).resolve(server.logFile());
            try {
                for (String line : Files.exists(file) ? Files.readAllLines(file) : List.<String>of()) {
                    all.add(several ? "[" + server.container() + "] " + line : line);
                }
            } catch (IOException e) {
                // a log that can't be read shows nothing
            }
        }
        return all.subList(Math.max(0, all.size() - lines), all.size());
    }

    /** The loopback port of a running single-container endpoint's model server (its first container's otherwise). */
    public int port(String name) {
        LocalEndpointRecord record = endpoint(name).orElseThrow(() -> notInService(name));
        return serverPort(name, record.primary().key());
    }

    /** The port of one model server of an InService endpoint. */
    public int serverPort(String name, String key) {
        Map<String, ServingProcess> running = processes.get(name);
        ServingProcess process = running == null ? null : running.get(key);
        if (process == null || process.status() != ServingProcess.Status.IN_SERVICE) {
            throw notInService(name);
        }
        return process.port();
    }

    /** The endpoint's record (its servers and topology), read once and kept. */
    public Optional<LocalEndpointRecord> endpoint(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        LocalEndpointRecord cached = records.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        Path file = folder(name).resolve("endpoint.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            LocalEndpointRecord record = json.readValue(file.toFile(), LocalEndpointRecord.class);
            records.put(name, record);
            return Optional.of(record);
        } catch (IOException e) {
            throw new StudioException("The record of the local endpoint " + name + " (" + file + ") can't be read: "
                    + e.getMessage(), e);
        }
    }

    /** New weights and instance counts for variants of a running endpoint, as UpdateEndpointWeightsAndCapacities sets them. */
    public synchronized void updateWeightsAndCounts(String name, Map<String, Double> weights, Map<String, Integer> counts) {
        LocalEndpointRecord record = endpoint(name).orElseThrow(() -> notFound(name));
        save(record.withTopology(record.topology().withWeightsAndCounts(weights, counts)));
    }

    /** Saves a new topology of an endpoint (an inference component added without copies). */
    public void updateTopology(String name, LocalTopology topology) {
        synchronized (lock(name)) {
            save(endpoint(name).orElseThrow(() -> notFound(name)).withTopology(topology));
        }
    }

    /** The folder of an endpoint's model server (where a multi-model container's models are unpacked). */
    public Path serverFolder(String name, LocalServer server) {
        return folder(name).resolve(server.modelDir());
    }

    /** Stops every model server, so none outlives the studio; their records say they should restart. */
    @Override
    public void close() {
        for (String name : List.copyOf(processes.keySet())) {
            stopProcesses(name);
        }
        multiModels.close();
        serverless.close();
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

    private void save(LocalEndpointRecord record) {
        try {
            AtomicFiles.write(folder(record.name()).resolve("endpoint.json"), json.writeValueAsBytes(record));
            records.put(record.name(), record);
        } catch (IOException e) {
            throw new StudioException("Could not save the local endpoint " + record.name() + ": " + e.getMessage(), e);
        }
    }

    private void stopProcesses(String name) {
        multiModels.forget(name);
        serverless.forget(name);
        cold.removeIf(key -> key.startsWith(name + "\u0000"));
        Map<String, ServingProcess> running = processes.remove(name);
        if (running != null) {
            running.values().forEach(ServingProcess::close);
        }
    }

    private static void deleteTree(Path folder) {
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

    private static StudioException notFound(String name) {
        return new StudioException("There is no local endpoint named " + name + ".");
    }

    private static StudioException notInService(String name) {
        return new StudioException("The local endpoint " + name + " is not InService; start it first.");
    }

    private static int freePort(Set<Integer> taken) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
                if (taken.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new StudioException("No free port on 127.0.0.1 for a local endpoint: " + e.getMessage(), e);
            }
        }
        throw new StudioException("No free port on 127.0.0.1 for a local endpoint.");
    }
}
