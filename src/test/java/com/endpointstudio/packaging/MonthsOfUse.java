package com.endpointstudio.packaging;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRecord.StepKind;
import com.endpointstudio.core.deploy.run.DeploymentRecord.StepState;
import com.endpointstudio.core.deploy.run.Failure;
import com.endpointstudio.core.invoke.InvocationError;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.invoke.history.HistoryEntry;
import com.endpointstudio.core.invoke.history.InvocationHistory;
import com.endpointstudio.core.io.StudioPaths;
import com.endpointstudio.core.settings.Settings;
import com.endpointstudio.core.settings.SettingsStore;
import com.endpointstudio.core.settings.Theme;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The settings, console history and deployment journal of someone who has used the studio for
 * months, written where the studio reads them (under XDG_CONFIG_HOME and XDG_DATA_HOME) with the
 * studio's own classes and formats: 5 connections (Local and 4 AWS accounts and regions), a console
 * history at its cap (500 requests, the most the studio keeps, with JSON, CSV and a few cut image
 * bodies, about 9 MiB of bodies), and 300 deployment runs of 25 endpoints, all finished.
 */
final class MonthsOfUse {

    static final int CONNECTIONS = 5;
    static final int HISTORY = 500;
    static final int DEPLOYMENTS = 300;

    private MonthsOfUse() {
    }

    /** Seeds the folder given (its config and data folders) for a start by hand, e.g. under a profiler. */
    public static void main(String[] args) throws IOException {
        Path home = Path.of(args[0]);
        System.out.println(seed(home.resolve("config"), home.resolve("data")));
    }

    /** Writes the files; returns a one-line description of what was written. */
    static String seed(Path xdgConfig, Path xdgData) throws IOException {
        StudioPaths paths = new StudioPaths(xdgConfig.resolve("endpoint-studio"), xdgData.resolve("endpoint-studio"));
        Random random = new Random(24);
        List<Connection> connections = List.of(
                Connection.aws("Production", "prod", "us-east-1", null),
                Connection.aws("Staging", "staging", "eu-west-1", null),
                Connection.aws("Research", "research", "us-west-2", null),
                Connection.aws("Emulator", "default", "us-east-1", "http://127.0.0.1:5999"));
        Settings settings = Settings.defaults(connections).withActiveConnection(Connection.LOCAL_ID)
                .withTheme(Theme.values()[Theme.values().length - 1]);
        new SettingsStore(paths.settingsFile(), () -> settings).save(settings);

        List<String> connectionIds = new ArrayList<>(connections.stream().map(Connection::id).toList());
        connectionIds.add(Connection.LOCAL_ID);
        List<HistoryEntry> history = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < HISTORY; i++) {
            String endpoint = "churn-" + (i % 25);
            int kind = random.nextInt(100);
            String type = kind < 80 ? "application/json" : kind < 97 ? "text/csv" : "image/jpeg";
            byte[] body = body(type, random);
            boolean failed = random.nextInt(20) == 0;
            InvocationResult result = new InvocationResult(failed ? 400 : 200, "application/json",
                    failed ? new byte[0] : ("{\"predictions\": [" + random.nextDouble() + "]}")
                            .getBytes(StandardCharsets.UTF_8), "AllTraffic", null,
                    Duration.ofMillis(5 + random.nextInt(300)), null,
                    failed ? new InvocationError("ModelError", "Received client error (400) from primary", null, null)
                            : null, "req-" + i);
            HistoryEntry made = HistoryEntry.of(connectionIds.get(i % connectionIds.size()),
                    new InvocationRequest(endpoint, type, "application/json", body, null, null, null, null, null),
                    result);
            history.add(new HistoryEntry(made.id(), now.minus(Duration.ofMinutes(20L * i)), made.connectionId(),
                    made.request(), made.responseStatus(), made.responseContentType(), made.responseBody(),
                    made.responseCut(), made.invokedVariant(), made.latencyMs(), made.errorCode(),
                    made.errorMessage(), made.requestCut()));
        }
        Path console = paths.dataDir().resolve("console");
        Files.createDirectories(console);
        // the format InvocationHistory writes (it rewrites the whole file on each request, too slow for 500)
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Files.write(console.resolve("history.json"), json.writeValueAsBytes(history));
        long historyBytes = Files.size(console.resolve("history.json"));
        InvocationHistory check = new InvocationHistory(console);
        if (check.entries().size() != HISTORY || !check.problems().isEmpty()) {
            throw new IllegalStateException("the seeded history does not read back: " + check.problems());
        }

        DeploymentJournal journal = new DeploymentJournal(paths.dataDir().resolve("deployments"));
        for (int i = 0; i < DEPLOYMENTS; i++) {
            String name = "churn-" + (i % 25);
            DeploymentSpec spec = SpecDefaults.realTime(name)
                    .image("763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310")
                    .modelData("s3://models/" + name + "/v" + i + "/model.tar.gz")
                    .executionRole("arn:aws:iam::123456789012:role/SageMakerExecution")
                    .instanceType(i % 3 == 0 ? "ml.m5.large" : "ml.c5.xlarge").build();
            boolean rolledBack = i % 10 == 9;
            String connection = connectionIds.get(i % connectionIds.size());
            List<DeploymentRecord.Step> steps = List.of(
                    new DeploymentRecord.Step(StepKind.UPLOAD, name + "/model.tar.gz", StepState.DONE,
                            "s3://models/" + name + "/v" + i + "/model.tar.gz"),
                    new DeploymentRecord.Step(StepKind.CREATE_MODEL, name + "-m" + i, StepState.DONE,
                            "arn:aws:sagemaker:us-east-1:123456789012:model/" + name + "-m" + i),
                    new DeploymentRecord.Step(StepKind.CREATE_ENDPOINT_CONFIG, name + "-c" + i, StepState.DONE,
                            "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/" + name + "-c" + i),
                    new DeploymentRecord.Step(StepKind.CREATE_ENDPOINT, name, StepState.DONE,
                            "arn:aws:sagemaker:us-east-1:123456789012:endpoint/" + name),
                    new DeploymentRecord.Step(StepKind.WAIT, name, rolledBack ? StepState.FAILED : StepState.DONE,
                            rolledBack ? "Failed" : "InService"));
            journal.save(new DeploymentRecord("run-" + i, connection, now.minus(Duration.ofHours(7L * i)), spec,
                    steps, rolledBack ? DeploymentRecord.State.ROLLED_BACK : DeploymentRecord.State.SUCCEEDED,
                    rolledBack ? new Failure("The endpoint failed its health check", "ValidationException", "r-" + i,
                            false) : null));
        }
        if (journal.all().size() != DEPLOYMENTS || !journal.unfinished().isEmpty()) {
            throw new IllegalStateException("the seeded journal does not read back");
        }
        return String.format("%d connections, %d console requests (history.json %.1f MiB), %d deployment runs",
                settings.connections().size(), HISTORY, historyBytes / 1048576.0, DEPLOYMENTS);
    }

    private static byte[] body(String type, Random random) {
        StringBuilder text = new StringBuilder();
        switch (type) {
            case "text/csv" -> {
                int rows = 50 + random.nextInt(1500);
                for (int r = 0; r < rows; r++) {
                    text.append(random.nextInt(90)).append(',').append(random.nextDouble()).append(',')
                            .append(random.nextInt(5)).append(",0.").append(random.nextInt(99999)).append('\n');
                }
            }
            case "image/jpeg" -> {
                byte[] image = new byte[HistoryEntry.KEPT_BODY_BYTES + random.nextInt(400_000)];
                random.nextBytes(image);
                return image;
            }
            default -> {
                text.append("{\"instances\": [");
                int rows = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 8);
                for (int r = 0; r < rows; r++) {
                    text.append(r == 0 ? "" : ", ").append("{\"customer\": ").append(random.nextInt(100000))
                            .append(", \"tenure\": ").append(random.nextInt(72)).append(", \"monthly\": ")
                            .append(random.nextDouble() * 120).append(", \"plan\": \"p").append(random.nextInt(4))
                            .append("\"}");
                }
                text.append("]}");
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
