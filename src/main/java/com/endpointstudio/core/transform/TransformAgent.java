package com.endpointstudio.core.transform;

import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.transform.RecordProcessing.RecordFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * What SageMaker's batch transform does between the input files and the model's container, on files
 * of this computer: each file is read, cut into records ({@link RecordSplitter}) and grouped into
 * mini-batches — as many records as fit in MaxPayloadInMB with MultiRecord, one with SingleRecord,
 * never records of two files together — which are POSTed to the container's /invocations, at most
 * MaxConcurrentTransforms at a time over all files. Each answer is written in its record's order to
 * {@code <file>.out} (with the file's folder below the input kept below the output), which appears only
 * once every record of its file succeeded; a failed request is sent again up to InvocationsMaxRetries
 * times, and a file with a record that still fails gets no output while the others go on, as the
 * Developer Guide describes (batch-transform.html, batch-transform-errors.html).
 */
public final class TransformAgent {

    /** The container's /invocations. */
    @FunctionalInterface
    public interface ModelServer {
        Answer invoke(byte[] body, String contentType, String accept, Duration timeout)
                throws IOException, InterruptedException;
    }

    public record Answer(int status, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * The values the job runs with, once SageMaker has chosen them (the request's, else the container's
     * execution parameters, else the defaults).
     *
     * @param maxPayloadInMB 0 for no limit
     */
    public record Settings(String batchStrategy, int maxPayloadInMB, int maxConcurrentTransforms,
                           Duration invocationTimeout, int maxRetries) {

        /** SageMaker's defaults when neither the job nor the container sets a value (your-algorithms-batch-code.html). */
        public static final int DEFAULT_MAX_PAYLOAD_MB = 6;
        public static final int DEFAULT_CONCURRENCY = 1;
        /** ModelClientConfig: "The default value is 600" seconds, and 3 retries. */
        public static final int DEFAULT_TIMEOUT_SECONDS = 600;
        public static final int DEFAULT_RETRIES = 3;

        /**
         * The job's values where it sets them, else the container's answer to GET /execution-parameters
         * (null members when it has none), else the defaults: the order of precedence of the Developer Guide
         * (your-algorithms-batch-code.html, "How Containers Serve Requests"). A MaxConcurrentTransforms of 0
         * counts as unset (CreateTransformJob.MaxConcurrentTransforms).
         *
         * @param containerStrategy MULTI_RECORD or SINGLE_RECORD, as the container answers
         */
        public static Settings choose(TransformJobSpec job, Integer containerConcurrency, String containerStrategy,
                                      Integer containerPayload) {
            String strategy = job.batchStrategy() != null ? job.batchStrategy()
                    : "SINGLE_RECORD".equals(containerStrategy) ? TransformJobSpec.SINGLE_RECORD
                    : TransformJobSpec.MULTI_RECORD;
            int payload = job.maxPayloadInMB() != null ? job.maxPayloadInMB()
                    : containerPayload != null ? containerPayload : DEFAULT_MAX_PAYLOAD_MB;
            int concurrency = job.maxConcurrentTransforms() != null && job.maxConcurrentTransforms() > 0
                    ? job.maxConcurrentTransforms()
                    : containerConcurrency != null && containerConcurrency > 0 ? containerConcurrency
                    : DEFAULT_CONCURRENCY;
            var client = job.modelClient();
            int timeout = client != null && client.invocationsTimeoutSeconds() != null
                    ? client.invocationsTimeoutSeconds() : DEFAULT_TIMEOUT_SECONDS;
            int retries = client != null && client.invocationsMaxRetries() != null
                    ? client.invocationsMaxRetries() : DEFAULT_RETRIES;
            return new Settings(strategy, payload, concurrency, Duration.ofSeconds(timeout), retries);
        }

        public boolean singleRecord() {
            return TransformJobSpec.SINGLE_RECORD.equals(batchStrategy);
        }

        long maxPayloadBytes() {
            return maxPayloadInMB == 0 ? Long.MAX_VALUE : maxPayloadInMB * 1024L * 1024L;
        }
    }

    /** One input file and its name below the input (the output's name is this name + .out). */
    public record InputFile(Path path, String name) {
    }

    /** @param failure why the file has no output, or null when it succeeded */
    public record FileResult(String name, Path output, long records, String failure) {
        public boolean succeeded() {
            return failure == null;
        }
    }

    public record Progress(int files, int filesDone, int filesFailed, long records, long bytesDone, long bytesTotal) {
    }

    public record Result(List<FileResult> files, boolean cancelled) {
        public boolean succeeded() {
            return !cancelled && files.stream().allMatch(FileResult::succeeded);
        }

        public long records() {
            return files.stream().mapToLong(FileResult::records).sum();
        }
    }

    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    private final TransformJobSpec job;
    private final Settings settings;
    private final ModelServer server;
    private final Consumer<String> log;
    private final Consumer<Progress> progress;
    private final RecordProcessing processing;

    public TransformAgent(TransformJobSpec job, Settings settings, ModelServer server, Consumer<String> log,
                          Consumer<Progress> progress) {
        this.job = job;
        this.settings = settings;
        this.server = server;
        this.log = log;
        this.progress = progress;
        this.processing = new RecordProcessing(job);
    }

    /** Transforms every file into {@code outputFolder}; returns when all are done, failed or cancelled. */
    public Result run(List<InputFile> files, Path outputFolder, CancelToken cancel) throws InterruptedException {
        dataLog("MaxConcurrentTransforms=" + settings.maxConcurrentTransforms() + ", MaxPayloadInMB="
                + settings.maxPayloadInMB() + ", BatchStrategy=" + (settings.singleRecord() ? "SINGLE_RECORD"
                : "MULTI_RECORD"));
        Tally tally = new Tally(files, progress);
        Semaphore inFlight = new Semaphore(Math.max(1, settings.maxConcurrentTransforms()));
        ExecutorService requests = Executors.newFixedThreadPool(Math.max(1, settings.maxConcurrentTransforms()),
                runnable -> {
                    Thread thread = new Thread(runnable, "transform-request");
                    thread.setDaemon(true);
                    return thread;
                });
        List<FileWork> works = new ArrayList<>();
        boolean cancelled = false;
        try {
            for (InputFile file : files) {
                if (cancel.isCancelled()) {
                    cancelled = true;
                    break;
                }
                FileWork work = new FileWork(file, outputFolder.resolve(file.name() + ".out"), processing, tally);
                works.add(work);
                cancelled = !dispatch(work, inFlight, requests, cancel);
                if (cancelled) {
                    work.fail("cancelled"); // what was sent of it is never published
                }
                work.finish();
                if (cancelled) {
                    break;
                }
            }
            cancelled = cancelled || !awaitAll(works, cancel);
            if (cancelled) {
                works.stream().filter(work -> !work.done.isDone()).forEach(work -> work.fail("cancelled"));
                requests.shutdownNow();
                requests.awaitTermination(10, TimeUnit.SECONDS);
            }
        } finally {
            requests.shutdownNow();
        }
        List<FileResult> results = new ArrayList<>();
        for (FileWork work : works) {
            results.add(work.result(cancelled));
        }
        return new Result(List.copyOf(results), cancelled);
    }

    /** Waits until every file is written or failed; false when the user cancels first. */
    private static boolean awaitAll(List<FileWork> works, CancelToken cancel) throws InterruptedException {
        for (FileWork work : works) {
            while (!work.done.isDone()) {
                if (cancel.isCancelled()) {
                    return false;
                }
                try {
                    work.done.get(200, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    // check for cancel again
                } catch (java.util.concurrent.ExecutionException | CancellationException e) {
                    break; // the file's failure is recorded in its work
                }
            }
        }
        return true;
    }

    /** Reads one file's mini-batches and sends them; false when cancelled. */
    private boolean dispatch(FileWork work, Semaphore inFlight, ExecutorService requests, CancelToken cancel)
            throws InterruptedException {
        try (Tally.CountingInput counted = new Tally.CountingInput(Files.newInputStream(work.file().path()));
             InputStream in = job.input().gzip() ? new GZIPInputStream(counted, 1 << 16) : counted) {
            RecordSplitter splitter = RecordSplitter.of(job.input().split(), in);
            Batcher batcher = new Batcher(job, settings, processing);
            InputRecord record;
            while ((record = splitter.next()) != null) {
                if (work.failed()) {
                    return true;
                }
                Batcher.MiniBatch full = batcher.add(record, counted.count);
                if (full != null && !send(work, full, inFlight, requests, cancel)) {
                    return false;
                }
            }
            Batcher.MiniBatch last = batcher.finish(counted.count);
            if (last != null && !work.failed()) {
                return send(work, last, inFlight, requests, cancel);
            }
            return true;
        } catch (RecordSplitter.BadRecord e) {
            work.fail(e.getMessage());
        } catch (RecordFailure e) {
            work.fail(e.getMessage());
        } catch (IOException e) {
            work.fail("could not be read: " + e.getMessage());
        }
        return true;
    }

    private boolean send(FileWork work, Batcher.MiniBatch batch, Semaphore inFlight, ExecutorService requests,
                         CancelToken cancel) throws InterruptedException {
        while (!inFlight.tryAcquire(200, TimeUnit.MILLISECONDS)) {
            if (cancel.isCancelled()) {
                return false;
            }
        }
        if (cancel.isCancelled()) {
            inFlight.release();
            return false;
        }
        CompletableFuture<Object> call;
        try {
            call = CompletableFuture.supplyAsync(() -> invoke(work, batch), requests);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            inFlight.release();
            return false; // the job is being cancelled
        }
        work.chain(call, batch, inFlight);
        return true;
    }

    /** The answer's bytes, or the failure as a String. */
    private Object invoke(FileWork work, Batcher.MiniBatch batch) {
        String why = null;
        for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
            if (work.failed()) {
                return "skipped: an earlier record of the file failed";
            }
            try {
                Answer answer = server.invoke(batch.body(), job.input().contentType(), job.output().accept(),
                        settings.invocationTimeout());
                if (answer.ok()) {
                    return answer.body();
                }
                why = "Bad HTTP status received from algorithm: " + answer.status();
                if (attempt == settings.maxRetries()) {
                    dataLog(work.file().name() + ": " + why);
                    dataLog(work.file().name() + ": ");
                    dataLog(work.file().name() + ": Message:");
                    new String(answer.body(), StandardCharsets.UTF_8).lines().limit(40)
                            .forEach(line -> dataLog(work.file().name() + ": " + line));
                }
            } catch (IOException e) {
                why = "Unable to get response from algorithm (" + e.getMessage() + ")";
                if (attempt == settings.maxRetries()) {
                    dataLog(work.file().name() + ": " + why);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "cancelled";
            }
        }
        return batch.range() + ": " + why;
    }

    private void dataLog(String message) {
        log.accept(LOG_TIME.format(Instant.now()) + ":[sagemaker logs]: " + message);
    }
}
