package com.endpointstudio.core.transform;

import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.transform.RecordProcessing.RecordFailure;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
        Tally tally = new Tally(files);
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
                FileWork work = new FileWork(file, outputFolder.resolve(file.name() + ".out"), tally);
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
        try (CountingInput counted = new CountingInput(Files.newInputStream(work.file.path()));
             InputStream in = job.input().gzip() ? new GZIPInputStream(counted, 1 << 16) : counted) {
            RecordSplitter splitter = RecordSplitter.of(job.input().split(), in);
            Batcher batcher = new Batcher();
            InputRecord record;
            while ((record = splitter.next()) != null) {
                if (work.failed()) {
                    return true;
                }
                MiniBatch full = batcher.add(record, counted.count);
                if (full != null && !send(work, full, inFlight, requests, cancel)) {
                    return false;
                }
            }
            MiniBatch last = batcher.finish(counted.count);
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

    private boolean send(FileWork work, MiniBatch batch, Semaphore inFlight, ExecutorService requests,
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
    private Object invoke(FileWork work, MiniBatch batch) {
        String why = null;
        for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
            if (work.failed()) {
                return "skipped: an earlier record of the file failed";
            }
            try {
                Answer answer = server.invoke(batch.body, job.input().contentType(), job.output().accept(),
                        settings.invocationTimeout());
                if (answer.ok()) {
                    return answer.body();
                }
                why = "Bad HTTP status received from algorithm: " + answer.status();
                if (attempt == settings.maxRetries()) {
                    dataLog(work.file.name() + ": " + why);
                    dataLog(work.file.name() + ": ");
                    dataLog(work.file.name() + ": Message:");
                    new String(answer.body(), StandardCharsets.UTF_8).lines().limit(40)
                            .forEach(line -> dataLog(work.file.name() + ": " + line));
                }
            } catch (IOException e) {
                why = "Unable to get response from algorithm (" + e.getMessage() + ")";
                if (attempt == settings.maxRetries()) {
                    dataLog(work.file.name() + ": " + why);
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

    /**
     * Groups a file's records into mini-batches of the job's strategy and payload limit. The records
     * themselves are kept only where data processing needs them to join and filter the answers.
     */
    private final class Batcher {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 16);
        private final List<InputRecord> records = new ArrayList<>();
        private final boolean keep = processing.active();
        private final boolean whole = job.input().split().equals(TransformJobSpec.SPLIT_NONE);
        private final long limit = settings.maxPayloadBytes();
        private long first;
        private long last;
        private int count;

        MiniBatch add(InputRecord record, long position) throws RecordFailure {
            byte[] request = processing.request(record, settings.singleRecord() || whole);
            if (request.length > limit) {
                throw new RecordFailure("record " + record.number() + " is " + request.length + " bytes, more than "
                        + "MaxPayloadInMB allows (" + settings.maxPayloadInMB() + " MB, " + limit + " bytes)"
                        + (whole ? "; with SplitType None the whole file is one request" : ""));
            }
            MiniBatch full = null;
            if (count > 0 && (settings.singleRecord() || body.size() + (long) request.length > limit)) {
                full = take(position);
            }
            body.writeBytes(request);
            if (keep) {
                records.add(record);
            }
            if (count++ == 0) {
                first = record.number();
            }
            last = record.number();
            return full;
        }

        MiniBatch finish(long position) {
            return count == 0 ? null : take(position);
        }

        private MiniBatch take(long position) {
            MiniBatch batch = new MiniBatch(body.toByteArray(), keep ? List.copyOf(records) : List.of(), first, last,
                    count, position);
            body.reset();
            records.clear();
            count = 0;
            return batch;
        }
    }

    /** @param records the batch's records when data processing needs them, else none */
    private record MiniBatch(byte[] body, List<InputRecord> records, long first, long last, int count,
                             long filePosition) {

        String range() {
            return first == last ? "record " + first : "records " + first + "-" + last;
        }
    }

    /** One file in flight: its answers written in order into a partial output, renamed when all succeeded. */
    private final class FileWork {
        private final InputFile file;
        private final Path output;
        private final Path partial;
        private final Tally tally;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
        private volatile String failure;
        private OutputStream out;
        private long records;

        FileWork(InputFile file, Path output, Tally tally) {
            this.file = file;
            this.output = output;
            this.partial = output.resolveSibling("." + output.getFileName() + ".partial");
            this.tally = tally;
        }

        boolean failed() {
            return failure != null;
        }

        void fail(String why) {
            if (failure == null) {
                failure = why;
            }
        }

        /** Writes the call's answer once it and every earlier one are in. */
        void chain(CompletableFuture<Object> call, MiniBatch batch, Semaphore inFlight) {
            tail = tail.thenCombine(call, (previous, outcome) -> {
                write(batch, outcome);
                return (Void) null;
            }).whenComplete((ignored, error) -> {
                inFlight.release();
                if (error != null) {
                    fail(String.valueOf(error.getMessage()));
                }
            });
        }

        private void write(MiniBatch batch, Object outcome) {
            if (failed()) {
                return;
            }
            if (outcome instanceof String why) {
                fail(why);
                return;
            }
            try {
                byte[] bytes = processing.output(batch.records, (byte[]) outcome);
                if (out == null) {
                    Files.createDirectories(output.getParent());
                    out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16);
                }
                out.write(bytes);
                records += batch.count();
                tally.written(batch.count(), file, batch.filePosition());
            } catch (RecordFailure e) {
                fail(e.getMessage());
            } catch (IOException e) {
                fail("its output could not be written: " + e.getMessage());
            }
        }

        /** Once its last mini-batch is written (or the file failed), closes and publishes the output. */
        void finish() {
            tail.whenComplete((ignored, error) -> {
                try {
                    if (error != null) {
                        fail(String.valueOf(error.getMessage()));
                    }
                    publish();
                } finally {
                    done.complete(null);
                }
            });
        }

        private void publish() {
            try {
                if (out != null) {
                    out.close();
                }
                if (!failed()) {
                    Files.createDirectories(output.getParent());
                    if (out == null) {
                        Files.write(partial, new byte[0]); // a file without records has an empty output
                    }
                    Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                }
            } catch (IOException e) {
                fail("its output could not be written: " + e.getMessage());
            } finally {
                deletePartial();
                tally.fileDone(failed());
            }
        }

        private void deletePartial() {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a hidden partial file stays; the next run replaces it
            }
        }

        FileResult result(boolean cancelled) {
            if (!done.isDone()) {
                // cancelled before its answers came in: nothing of it is published
                try {
                    if (out != null) {
                        out.close();
                    }
                } catch (IOException ignored) {
                    // the partial file is deleted below
                }
                deletePartial();
            }
            String why = failure != null ? failure : done.isDone() ? null : "cancelled";
            return new FileResult(file.name(), why == null ? output : null, records,
                    why == null && cancelled && !Files.exists(output) ? "cancelled" : why);
        }
    }

    /** Progress over every file. */
    private final class Tally {
        private final int files;
        private final long bytesTotal;
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicLong records = new AtomicLong();
        private final java.util.Map<Path, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();

        Tally(List<InputFile> inputs) {
            this.files = inputs.size();
            long total = 0;
            for (InputFile file : inputs) {
                try {
                    total += Files.size(file.path());
                } catch (IOException e) {
                    // counted as empty; reading it fails the file
                }
            }
            this.bytesTotal = total;
        }

        void written(int count, InputFile file, long position) {
            records.addAndGet(count);
            positions.put(file.path(), position);
            report();
        }

        void fileDone(boolean failedFile) {
            done.incrementAndGet();
            if (failedFile) {
                failed.incrementAndGet();
            }
            report();
        }

        private void report() {
            long bytes = positions.values().stream().mapToLong(Long::longValue).sum();
            progress.accept(new Progress(files, done.get(), failed.get(), records.get(), Math.min(bytes, bytesTotal),
                    bytesTotal));
        }
    }

    /** Counts the bytes read from a file (before decompression), for progress. */
    private static final class CountingInput extends FilterInputStream {
        private volatile long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
