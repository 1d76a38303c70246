package com.endpointstudio.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.transform.TransformAgent.Answer;
import com.endpointstudio.core.transform.TransformAgent.Settings;
import com.endpointstudio.core.transform.TransformJobSpec.DataProcessingSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent between the input files and a container, against a model server played by a function: how
 * records are batched, sent, retried, joined, filtered and assembled, and what a failure leaves behind.
 */
class TransformAgentTest {

    @TempDir
    Path dir;

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    /** Answers each CSV line of the request with its first field doubled, one line per record. */
    private static final Function<String, Answer> DOUBLER = body -> new Answer(200, body.lines()
            .map(line -> String.valueOf(Double.parseDouble(line.split(",")[0]) * 2)).reduce((a, b) -> a + "\n" + b)
            .map(text -> text + "\n").orElse("").getBytes(StandardCharsets.UTF_8));

    private TransformAgent.Result run(TransformJobSpec job, Settings settings, Function<String, Answer> model,
                                      Path input) throws InterruptedException {
        TransformAgent agent = new TransformAgent(job, settings, (body, type, accept, timeout) -> {
            String text = new String(body, StandardCharsets.UTF_8);
            bodies.add(text);
            return model.apply(text);
        }, log::add, progress -> { });
        return agent.run(LocalInputs.of(input), dir.resolve("out"), CancelToken.none());
    }

    private static Settings settings(String strategy, int payloadMb, int concurrency) {
        return new Settings(strategy, payloadMb, concurrency, Duration.ofSeconds(5), 3);
    }

    private Path file(String name, String content) throws IOException {
        Path file = dir.resolve("in").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private String output(String name) throws IOException {
        return Files.readString(dir.resolve("out").resolve(name));
    }

    @Test
    void multiRecordFillsRequestsUpToMaxPayloadAndKeepsTheOrderAcrossConcurrentRequests() throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            csv.append(i).append(',').append("x".repeat(1000)).append('\n');
        }
        Path input = file("input.csv", csv.toString());
        AtomicInteger calls = new AtomicInteger();
        Function<String, Answer> slowFirst = body -> {
            if (calls.getAndIncrement() == 0) {
                sleep(300); // the first mini-batch answers last
            }
            return DOUBLER.apply(body);
        };
        TransformAgent.Result result = run(TransformJobs.csv(input.toString(), "out"),
                settings(TransformJobSpec.MULTI_RECORD, 1, 3), slowFirst, dir.resolve("in"));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.records()).isEqualTo(3000);
        assertThat(bodies).allSatisfy(body -> assertThat(body.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(1 << 20));
        assertThat(bodies).hasSize(3); // 1,000 lines of 1,006 bytes or so fit in a MB
        List<String> lines = output("input.csv.out").lines().toList();
        assertThat(lines).hasSize(3000);
        for (int i = 0; i < 3000; i++) {
            assertThat(lines.get(i)).isEqualTo(String.valueOf(i * 2.0));
        }
        assertThat(log.get(0)).endsWith(":[sagemaker logs]: MaxConcurrentTransforms=3, MaxPayloadInMB=1, "
                + "BatchStrategy=MULTI_RECORD");
    }

    @Test
    void singleRecordSendsEachLineAloneAndAssembleWithNoneConcatenatesTheAnswers() throws Exception {
        Path input = file("a.csv", "1\n2\n3\n");
        TransformJobSpec job = TransformJobs.job(input.toString(), "out", "text/csv", "Line",
                TransformJobSpec.SINGLE_RECORD, "text/csv", "None", null);
        run(job, settings(TransformJobSpec.SINGLE_RECORD, 6, 1), body -> new Answer(200,
                ("[" + body.strip() + "]").getBytes(StandardCharsets.UTF_8)), dir.resolve("in"));
        assertThat(bodies).containsExactly("1\n", "2\n", "3\n");
        assertThat(output("a.csv.out")).isEqualTo("[1][2][3]");
    }

    @Test
    void assembleWithLineEndsEachAnswerWithOneNewline() throws Exception {
        Path input = file("a.csv", "1\n2\n");
        TransformJobSpec job = TransformJobs.job(input.toString(), "out", "text/csv", "Line",
                TransformJobSpec.SINGLE_RECORD, "application/json", "Line", null);
        List<String> answers = new ArrayList<>(List.of("{\"a\":1}", "{\"b\":2}\n"));
        run(job, settings(TransformJobSpec.SINGLE_RECORD, 6, 1), body -> new Answer(200,
                answers.remove(0).getBytes(StandardCharsets.UTF_8)), dir.resolve("in"));
        assertThat(output("a.csv.out")).isEqualTo("{\"a\":1}\n{\"b\":2}\n");
    }

    @Test
    void eachFileHasItsOwnOutputBelowTheSameSubfolderAndGzipInputIsRead() throws Exception {
        file("b.csv", "5\n");
        file("sub/c.csv", "7\n8\n");
        Path gz = dir.resolve("in/z.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("10\n".getBytes(StandardCharsets.UTF_8));
        }
        TransformJobSpec plain = TransformJobs.csv(dir.resolve("in").toString(), "out");
        TransformAgent.Result result = run(plain, settings(TransformJobSpec.MULTI_RECORD, 6, 2), DOUBLER,
                dir.resolve("in"));
        assertThat(result.files()).extracting(TransformAgent.FileResult::name)
                .containsExactly("b.csv", "sub/c.csv", "z.csv.gz");
        assertThat(output("b.csv.out")).isEqualTo("10.0\n");
        assertThat(output("sub/c.csv.out")).isEqualTo("14.0\n16.0\n");
        assertThat(result.files().get(2).succeeded()).isFalse(); // gzip bytes read as text without Gzip

        Files.delete(dir.resolve("in/b.csv"));
        Files.delete(dir.resolve("in/sub/c.csv"));
        TransformJobSpec gzip = new TransformJobSpec(plain.jobName(), plain.modelName(),
                new TransformJobSpec.InputSpec(gz.toString(), null, "text/csv", "Gzip", "Line"), plain.batchStrategy(),
                null, null, plain.output(), null, plain.resources(), null, null, null);
        assertThat(run(gzip, settings(TransformJobSpec.MULTI_RECORD, 6, 1), DOUBLER, dir.resolve("in")).succeeded())
                .isTrue();
        assertThat(output("z.csv.gz.out")).isEqualTo("20.0\n");
    }

    @Test
    void aRecordThatKeepsFailingLeavesItsFileWithoutOutputAfterTheRetriesAndTheOtherFilesGoOn() throws Exception {
        file("good.csv", "1\n2\n");
        file("bad.csv", "3\nboom\n4\n");
        AtomicInteger boomCalls = new AtomicInteger();
        Function<String, Answer> model = body -> {
            if (body.contains("boom")) {
                boomCalls.incrementAndGet();
                return new Answer(500, "{\"error\": \"could not convert string to float: 'boom'\"}"
                        .getBytes(StandardCharsets.UTF_8));
            }
            return DOUBLER.apply(body);
        };
        Files.writeString(dir.resolve("out-existing"), ""); // unrelated
        TransformAgent.Result result = run(TransformJobs.job(dir.resolve("in").toString(), "out", "text/csv", "Line",
                TransformJobSpec.SINGLE_RECORD, "text/csv", "Line", null), settings(TransformJobSpec.SINGLE_RECORD, 6, 2),
                model, dir.resolve("in"));

        assertThat(result.succeeded()).isFalse();
        assertThat(boomCalls).hasValue(4); // the first try and InvocationsMaxRetries (3) more
        TransformAgent.FileResult bad = result.files().stream().filter(f -> f.name().equals("bad.csv")).findFirst()
                .orElseThrow();
        assertThat(bad.failure()).isEqualTo("record 2: Bad HTTP status received from algorithm: 500");
        assertThat(Files.exists(dir.resolve("out/bad.csv.out"))).isFalse();
        assertThat(output("good.csv.out")).isEqualTo("2.0\n4.0\n");
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("good.csv.out");
        }
        assertThat(log).anySatisfy(line -> assertThat(line).endsWith(
                ":[sagemaker logs]: bad.csv: Bad HTTP status received from algorithm: 500"));
        assertThat(log).anySatisfy(line -> assertThat(line).endsWith(
                ":[sagemaker logs]: bad.csv: {\"error\": \"could not convert string to float: 'boom'\"}"));
    }

    @Test
    void aRecordLargerThanMaxPayloadFailsItsFile() throws Exception {
        file("big.csv", "1\n" + "9".repeat(1_100_000) + "\n");
        TransformAgent.Result result = run(TransformJobs.csv(dir.resolve("in").toString(), "out"),
                settings(TransformJobSpec.MULTI_RECORD, 1, 1), DOUBLER, dir.resolve("in"));
        assertThat(result.files().get(0).failure()).startsWith("record 2 is 1100001 bytes, more than MaxPayloadInMB "
                + "allows (1 MB, 1048576 bytes)");
        assertThat(Files.exists(dir.resolve("out/big.csv.out"))).isFalse();
    }

    @Test
    void csvJoinedWithItsInputAsTheDeveloperGuideShows() throws Exception {
        // "if the record is [1,2,3], and the label result is [1], then the output file would contain [1,2,3,1]"
        Path input = file("rows.csv", "1,2,3\n4,5,6\n");
        TransformJobSpec job = TransformJobs.job(input.toString(), "out", "text/csv", "Line",
                TransformJobSpec.MULTI_RECORD, "text/csv", "Line", new DataProcessingSpec(null, "Input", null));
        run(job, settings(TransformJobSpec.MULTI_RECORD, 6, 1), body -> new Answer(200, "1\n0\n"
                .getBytes(StandardCharsets.UTF_8)), dir.resolve("in"));
        assertThat(output("rows.csv.out")).isEqualTo("1,2,3,1\n4,5,6,0\n");
    }

    @Test
    void theIdColumnIsLeftOutOfTheRequestAndKeptBesideThePrediction() throws Exception {
        // InputFilter $[1:] drops the ID; JoinSource Input joins the raw record; OutputFilter $[0,-1] keeps ID + result
        Path input = file("ids.csv", "id-1,0.5,2\nid-2,1.5,4\n");
        TransformJobSpec job = TransformJobs.job(input.toString(), "out", "text/csv", "Line",
                TransformJobSpec.MULTI_RECORD, "text/csv", "Line", new DataProcessingSpec("$[1:]", "Input", "$[0,-1]"));
        run(job, settings(TransformJobSpec.MULTI_RECORD, 6, 1), DOUBLER, dir.resolve("in"));
        assertThat(bodies).containsExactly("0.5,2\n1.5,4\n");
        assertThat(output("ids.csv.out")).isEqualTo("id-1,1.0\nid-2,3.0\n");
    }

    @Test
    void jsonLinesGetTheirResultInSageMakerOutputAndTheOutputFilterKeepsTheIdAndIt() throws Exception {
        Path input = file("records.jsonl", "{\"id\":1,\"features\":[1,2]}\n{\"id\":2,\"features\":[3,4]}\n\"plain\"\n");
        TransformJobSpec job = TransformJobs.job(input.toString(), "out", "application/jsonlines", "Line",
                TransformJobSpec.MULTI_RECORD, "application/jsonlines", "Line",
                new DataProcessingSpec("$.features", "Input", "$['id','SageMakerOutput']"));
        Function<String, Answer> model = body -> new Answer(200, body.lines().map(line -> "{\"label\":" + line.length()
                + "}").reduce((a, b) -> a + "\n" + b).orElse("").getBytes(StandardCharsets.UTF_8));
        TransformAgent.Result result = run(job, settings(TransformJobSpec.MULTI_RECORD, 6, 1), model,
                dir.resolve("in"));
        assertThat(result.files().get(0).failure()).contains("record 3"); // "plain" has no features
        assertThat(Files.exists(dir.resolve("out/records.jsonl.out"))).isFalse();

        bodies.clear();
        Files.writeString(input, "{\"id\":1,\"features\":[1,2]}\n{\"id\":2,\"features\":[3,4]}\n");
        assertThat(run(job, settings(TransformJobSpec.MULTI_RECORD, 6, 1), model, dir.resolve("in")).succeeded())
                .isTrue();
        assertThat(bodies).containsExactly("[1,2]\n[3,4]\n");
        assertThat(output("records.jsonl.out")).isEqualTo("{\"id\":1,\"SageMakerOutput\":{\"label\":5}}\n"
                + "{\"id\":2,\"SageMakerOutput\":{\"label\":5}}\n");
    }

    @Test
    void aJsonRecordThatIsNoObjectIsWrappedWithItsResult() throws Exception {
        Path input = file("values.jsonl", "[1,2]\n");
        TransformJobSpec job = TransformJobs.job(input.toString(), "out", "application/jsonlines", "Line",
                TransformJobSpec.MULTI_RECORD, "application/json", "Line", new DataProcessingSpec(null, "Input", null));
        run(job, settings(TransformJobSpec.MULTI_RECORD, 6, 1), body -> new Answer(200, "[0.25]"
                .getBytes(StandardCharsets.UTF_8)), dir.resolve("in"));
        assertThat(output("values.jsonl.out")).isEqualTo("{\"SageMakerInput\":[1,2],\"SageMakerOutput\":[0.25]}\n");
    }

    @Test
    void aJoinFailsItsFileWhenTheModelAnswersAnotherNumberOfRecords() throws Exception {
        Path input = file("rows.csv", "1\n2\n3\n");
        TransformJobSpec job = TransformJobs.job(input.toString(), "out", "text/csv", "Line",
                TransformJobSpec.MULTI_RECORD, "text/csv", "Line", new DataProcessingSpec(null, "Input", null));
        TransformAgent.Result result = run(job, settings(TransformJobSpec.MULTI_RECORD, 6, 1), body -> new Answer(200,
                "1,2,3\n".getBytes(StandardCharsets.UTF_8)), dir.resolve("in"));
        assertThat(result.files().get(0).failure()).isEqualTo("records 1-3: the model answered 1 line for 3 records; "
                + "joining and filtering need one answer per record");
    }

    @Test
    void aCancelledJobPublishesNoPartialOutput() throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            csv.append(i).append('\n');
        }
        Path input = file("slow.csv", csv.toString());
        CancelToken cancel = new CancelToken();
        AtomicInteger calls = new AtomicInteger();
        TransformAgent agent = new TransformAgent(TransformJobs.job(input.toString(), "out", "text/csv", "Line",
                TransformJobSpec.SINGLE_RECORD, "text/csv", "Line", null), settings(TransformJobSpec.SINGLE_RECORD, 6, 2),
                (body, type, accept, timeout) -> {
                    if (calls.incrementAndGet() == 5) {
                        cancel.cancel();
                    }
                    Thread.sleep(50);
                    return new Answer(200, body);
                }, log::add, progress -> { });
        TransformAgent.Result result = agent.run(LocalInputs.of(input), dir.resolve("out"), cancel);
        assertThat(result.cancelled()).isTrue();
        assertThat(calls.get()).isLessThan(50);
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void aFileWhoseSendingIsCancelledHasNoOutputEvenWhenEverythingSentWasAnswered() throws Exception {
        Path input = file("quick.csv", "1\n2\n3\n4\n5\n6\n");
        CancelToken cancel = new CancelToken();
        AtomicInteger calls = new AtomicInteger();
        TransformAgent agent = new TransformAgent(TransformJobs.job(input.toString(), "out", "text/csv", "Line",
                TransformJobSpec.SINGLE_RECORD, "text/csv", "Line", null), settings(TransformJobSpec.SINGLE_RECORD, 6, 1),
                (body, type, accept, timeout) -> {
                    if (calls.incrementAndGet() == 3) {
                        cancel.cancel(); // answered at once: nothing is in flight when the sending stops
                    }
                    return new Answer(200, body);
                }, log::add, progress -> { });
        TransformAgent.Result result = agent.run(LocalInputs.of(input), dir.resolve("out"), cancel);
        assertThat(result.cancelled()).isTrue();
        assertThat(result.files()).singleElement().satisfies(f -> assertThat(f.failure()).isEqualTo("cancelled"));
        assertThat(dir.resolve("out/quick.csv.out")).doesNotExist();
        assertThat(dir.resolve("out/.quick.csv.out.partial")).doesNotExist();
    }

    @Test
    void theJobsValuesComeFirstThenTheContainersThenSageMakersDefaults() {
        TransformJobSpec unset = TransformJobs.job("in", "out", "text/csv", "Line", null, "text/csv", "Line", null);
        assertThat(Settings.choose(unset, null, null, null)).isEqualTo(new Settings(TransformJobSpec.MULTI_RECORD, 6, 1,
                Duration.ofSeconds(600), 3));
        assertThat(Settings.choose(unset, 4, "SINGLE_RECORD", 12)).isEqualTo(new Settings(TransformJobSpec.SINGLE_RECORD,
                12, 4, Duration.ofSeconds(600), 3));
        TransformJobSpec set = new TransformJobSpec("j", "m", unset.input(), TransformJobSpec.MULTI_RECORD, 2, 0,
                unset.output(), null, unset.resources(), null, new TransformJobSpec.ModelClientSpec(30, 0), null);
        // MaxConcurrentTransforms 0 counts as unset
        assertThat(Settings.choose(set, 4, "SINGLE_RECORD", 12)).isEqualTo(new Settings(TransformJobSpec.MULTI_RECORD,
                2, 4, Duration.ofSeconds(30), 0));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
