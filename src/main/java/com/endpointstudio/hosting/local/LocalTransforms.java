package com.endpointstudio.hosting.local;

import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.hosting.BatchTransforms;
import com.endpointstudio.core.hosting.EndpointLogs.LogBatch;
import com.endpointstudio.core.hosting.ResourceExistsException;
import com.endpointstudio.core.io.AtomicFiles;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.transform.LocalInputs;
import com.endpointstudio.core.transform.TransformAgent;
import com.endpointstudio.core.transform.TransformJobDescription;
import com.endpointstudio.core.transform.TransformJobSpec;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Batch transform jobs on this computer. Each job has a folder under the studio's data folder with its
 * record (the job as created, its status and times, each file's outcome) and its log: the model
 * server's output and the transform's data log, as SageMaker writes them to CloudWatch. The job runs
 * on a thread of its own: its Model's server starts ({@link TransformModelServer}), the records go
 * through {@link TransformAgent}, the server stops. A job another process runs (the command line) is
 * followed through its record.
 */
public final class LocalTransforms implements BatchTransforms, AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    /** The FailureReason SageMaker gives a job whose records failed; the data log says which and why. */
    static final String CLIENT_ERROR = "ClientError: See job logs for more information";

    /**
     * The record of a job.
     *
     * @param pid the process that runs it, to tell a job still running elsewhere from one whose process died
     */
    record JobRecord(TransformJobSpec job, Map<String, String> tags, String status, String failureReason,
                     Instant createdAt, Instant startedAt, Instant endedAt, long pid, List<FileOutcome> files) {

        JobRecord with(String newStatus, String reason, Instant started, Instant ended, List<FileOutcome> outcomes) {
            return new JobRecord(job, tags, newStatus, reason, createdAt, started, ended, pid, outcomes);
        }
    }

    /** @param failure why the file has no output, or null */
    record FileOutcome(String name, long records, String failure) {
    }

    private final LocalHosting hosting;
    private final Path root;
    private final ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private final Map<String, CancelToken> running = new ConcurrentHashMap<>();
    private final Map<String, Future<?>> threads = new ConcurrentHashMap<>();
    private final Map<String, TransformAgent.Progress> progress = new ConcurrentHashMap<>();
    private final ExecutorService jobs = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "local-transform-job");
        thread.setDaemon(true);
        return thread;
    });

    public LocalTransforms(LocalHosting hosting) {
        this.hosting = hosting;
        this.root = hosting.root().resolve("transform-jobs");
    }

    @Override
    public String create(TransformJobSpec job, Map<String, String> tags) {
        String name = job.jobName();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ValidationException("Job name", "'" + name + "' must be 1-63 letters, digits or hyphens, "
                    + "starting with a letter or digit");
        }
        ModelSpec model = hosting.model(job.modelName()).orElseThrow(() -> new StudioException(
                "Could not find model \"" + job.modelName() + "\" on this computer: create it first (deploy a spec "
                        + "with it to Local, or transform from a spec or an archive).", "ValidationException", null,
                null));
        synchronized (this) {
            if (Files.exists(folder(name))) {
                throw new ResourceExistsException("A local transform job named " + name + " already exists. "
                        + "Choose another name.", "ValidationException", null, null);
            }
            save(new JobRecord(job, Map.copyOf(tags), TransformJobDescription.IN_PROGRESS, null, Instant.now(), null,
                    null, ProcessHandle.current().pid(), List.of()));
        }
        CancelToken cancel = new CancelToken();
        running.put(name, cancel);
        threads.put(name, jobs.submit(() -> run(name, model, cancel)));
        return arn(name);
    }

    private void run(String name, ModelSpec model, CancelToken cancel) {
        Path log = folder(name).resolve("logs/job.log");
        JobRecord record = record(name).orElseThrow();
        TransformJobSpec job = record.job();
        Instant started = Instant.now();
        save(record.with(record.status(), null, started, null, List.of()));
        try (BufferedWriter writer = openLog(log)) {
            java.util.function.Consumer<String> lines = line -> write(writer, line);
            TransformAgent.Result result;
            try (TransformModelServer server = TransformModelServer.start(hosting.host(), folder(name), model, job,
                    folder(name).resolve("logs/model-server.log"), lines)) {
                TransformAgent.Settings settings = server.settings(job);
                Path input = Path.of(job.input().location());
                result = new TransformAgent(job, settings, server, lines, latest -> progress.put(name, latest))
                        .run(LocalInputs.of(input), Path.of(job.output().location()), cancel);
            }
            List<FileOutcome> outcomes = result.files().stream()
                    .map(file -> new FileOutcome(file.name(), file.records(), file.failure())).toList();
            String status = result.cancelled() ? TransformJobDescription.STOPPED
                    : result.succeeded() ? TransformJobDescription.COMPLETED : TransformJobDescription.FAILED;
            save(record.with(status, status.equals(TransformJobDescription.FAILED) ? failure(outcomes) : null, started,
                    Instant.now(), outcomes));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            save(record.with(TransformJobDescription.STOPPED, null, started, Instant.now(), List.of()));
        } catch (RuntimeException | IOException | Error e) {
            boolean stopped = cancel.isCancelled();
            save(record.with(stopped ? TransformJobDescription.STOPPED : TransformJobDescription.FAILED,
                    stopped ? null : String.valueOf(e.getMessage() == null ? e : e.getMessage()), started,
                    Instant.now(), List.of()));
        } finally {
            running.remove(name);
            threads.remove(name);
            progress.remove(name);
        }
    }

    /** "ClientError: …", then the failed files with their first failed record. */
    private static String failure(List<FileOutcome> outcomes) {
        List<FileOutcome> failed = outcomes.stream().filter(outcome -> outcome.failure() != null).toList();
        StringBuilder reason = new StringBuilder(CLIENT_ERROR).append(". ").append(failed.size()).append(" of ")
                .append(outcomes.size()).append(" input file").append(outcomes.size() == 1 ? "" : "s")
                .append(" failed");
        failed.stream().limit(3).forEach(outcome -> reason.append("; ").append(outcome.name()).append(": ")
                .append(outcome.failure()));
        return reason.toString();
    }

    @Override
    public Optional<TransformJobDescription> describe(String jobName) {
        return record(jobName).map(this::description);
    }

    private TransformJobDescription description(JobRecord record) {
        String name = record.job().jobName();
        String status = record.status();
        String reason = record.failureReason();
        boolean unfinished = status.equals(TransformJobDescription.IN_PROGRESS)
                || status.equals(TransformJobDescription.STOPPING);
        if (unfinished && !running.containsKey(name) && !alive(record.pid())) {
            status = TransformJobDescription.FAILED;
            reason = "The process that ran the job (pid " + record.pid() + ") ended before it finished; no output "
                    + "of its unfinished files was written.";
        } else if (running.containsKey(name) && running.get(name).isCancelled()) {
            status = TransformJobDescription.STOPPING;
        }
        return new TransformJobDescription(name, arn(name), status, reason, record.createdAt(), record.startedAt(),
                record.endedAt(), record.job());
    }

    private static boolean alive(long pid) {
        return pid == ProcessHandle.current().pid() ? false
                : ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public List<TransformJobDescription> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(root)) {
            return folders.map(folder -> record(folder.getFileName().toString())).flatMap(Optional::stream)
                    .map(this::description)
                    .sorted(Comparator.comparing(TransformJobDescription::createdAt).reversed()).toList();
        } catch (IOException e) {
            throw new StudioException("The local transform jobs can't be listed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<TransformAgent.Progress> progress(String jobName) {
        return Optional.ofNullable(progress.get(jobName));
    }

    @Override
    public boolean stop(String jobName) {
        CancelToken cancel = running.get(jobName);
        if (cancel == null) {
            return false;
        }
        cancel.cancel();
        return true;
    }

    /** Waits until a job this process runs has ended. */
    public void await(String jobName) throws InterruptedException {
        Future<?> thread = threads.get(jobName);
        if (thread == null) {
            return;
        }
        try {
            thread.get();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
            // the record says how it ended
        }
    }

    /** The token is how many lines were already read. */
    @Override
    public LogBatch logs(String jobName, String since) {
        Path log = folder(jobName).resolve("logs/job.log");
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            int from = since == null ? 0 : Math.min(lines.size(), Integer.parseInt(since));
            return new LogBatch(lines.subList(from, lines.size()), Integer.toString(lines.size()));
        } catch (IOException e) {
            return new LogBatch(List.of(), since);
        }
    }

    @Override
    public List<OutputObject> outputs(String outputLocation) {
        Path folder = Path.of(outputLocation);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            List<OutputObject> outputs = new ArrayList<>();
            for (Path file : walk.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .filter(path -> !path.getFileName().toString().startsWith(".")).sorted().toList()) {
                outputs.add(new OutputObject(file.toAbsolutePath().toString(), folder.relativize(file).toString()
                        .replace('\\', '/'), Files.size(file), Files.getLastModifiedTime(file).toInstant()));
            }
            return outputs;
        } catch (IOException e) {
            throw new StudioException("The output folder " + folder + " can't be listed: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] read(String location, int maxBytes) {
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            return in.readNBytes(maxBytes);
        } catch (IOException e) {
            throw new StudioException("Could not read " + location + ": " + e.getMessage(), e);
        }
    }

    /** Stops every job this process runs; their records say Stopped. */
    @Override
    public void close() {
        running.values().forEach(CancelToken::cancel);
        for (String name : List.copyOf(threads.keySet())) {
            try {
                await(name);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        jobs.shutdownNow();
    }

    private Optional<JobRecord> record(String name) {
        Path file = folder(name).resolve("job.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), JobRecord.class));
        } catch (IOException e) {
            throw new StudioException("The record of the local transform job " + name + " (" + file + ") can't be "
                    + "read: " + e.getMessage(), e);
        }
    }

    private void save(JobRecord record) {
        try {
            AtomicFiles.write(folder(record.job().jobName()).resolve("job.json"), json.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new StudioException("Could not save the local transform job " + record.job().jobName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static BufferedWriter openLog(Path log) throws IOException {
        Files.createDirectories(log.getParent());
        return Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static void write(BufferedWriter writer, String line) {
        synchronized (writer) {
            try {
                writer.write(line);
                writer.newLine();
                writer.flush();
            } catch (IOException ignored) {
                // the log is best effort; the record keeps the outcome
            }
        }
    }

    private Path folder(String name) {
        return root.resolve(name);
    }

    static String arn(String name) {
        return "local:transform-job/" + name;
    }
}
