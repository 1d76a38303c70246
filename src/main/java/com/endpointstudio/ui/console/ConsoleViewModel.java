package com.endpointstudio.ui.console;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.hosting.EndpointRuntime;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.hosting.SageMakerControl.EndpointDescription;
import com.endpointstudio.core.invoke.AsyncInvocation;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.invoke.InvocationSnippets;
import com.endpointstudio.core.invoke.Payloads;
import com.endpointstudio.core.invoke.history.HistoryEntry;
import com.endpointstudio.core.invoke.history.InvocationHistory;
import com.endpointstudio.core.invoke.history.SavedRequest;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.ui.common.Background;
import com.endpointstudio.ui.common.ConnectionSession;
import com.endpointstudio.ui.common.ErrorReporter;
import com.endpointstudio.ui.common.LatestValue;
import com.endpointstudio.ui.common.StatusModel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The invocation console: the request being written (endpoint, headers, body typed or dropped),
 * sending it real-time, streamed or asynchronously off the FX thread, the response, and the
 * history and saved requests. The hosting session of the active connection is kept open while
 * the console uses it.
 */
public final class ConsoleViewModel implements AutoCloseable {

    /** How a request is sent. */
    public enum Mode {
        REAL_TIME("Real-time"), STREAM("Response stream"), ASYNC("Asynchronous");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final ConnectionSession sessions;
    private final Supplier<Connection> connection;
    private final Supplier<String> localRuntimeUrl;
    private final InvocationHistory history;
    private final Background background;
    private final ErrorReporter errors;
    private final StatusModel status;

    final StringProperty endpointName = new SimpleStringProperty("");
    final StringProperty contentType = new SimpleStringProperty("application/json");
    final StringProperty accept = new SimpleStringProperty("application/json");
    final StringProperty bodyText = new SimpleStringProperty("");
    final ObjectProperty<byte[]> fileBody = new SimpleObjectProperty<>();
    final StringProperty fileBodyName = new SimpleStringProperty("");
    final StringProperty targetVariant = new SimpleStringProperty("");
    final StringProperty targetModel = new SimpleStringProperty("");
    final StringProperty targetContainer = new SimpleStringProperty("");
    final StringProperty inferenceComponent = new SimpleStringProperty("");
    final StringProperty inferenceId = new SimpleStringProperty("");
    final StringProperty customAttributes = new SimpleStringProperty("");
    final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.REAL_TIME);
    final StringProperty asyncInputPrefix = new SimpleStringProperty("");
    /** The chosen endpoint's async output path; null for an endpoint that answers in real time or is not read yet. */
    final StringProperty asyncOutput = new SimpleStringProperty();
    /** The chosen endpoint as last described (null until read): its mode is checked before sending, its models listed. */
    private com.endpointstudio.core.endpoints.EndpointDetails chosen;
    /** The input location the console chose itself, replaced when another endpoint is chosen. */
    private String suggestedPrefix = "";
    final StringProperty historySearch = new SimpleStringProperty("");

    private final ObservableList<String> endpoints = FXCollections.observableArrayList();
    private final ObservableList<HistoryEntry> historyShown = FXCollections.observableArrayList();
    private final ObservableList<SavedRequest> saved = FXCollections.observableArrayList();
    private final ObservableList<String> targetModels = FXCollections.observableArrayList();
    private final BooleanProperty sending = new SimpleBooleanProperty();
    private final ObjectProperty<InvocationResult> result = new SimpleObjectProperty<>();
    private final StringProperty streamed = new SimpleStringProperty("");
    private final StringProperty progress = new SimpleStringProperty("");
    private final StringProperty requestProblem = new SimpleStringProperty("");
    private final StringBinding bodySummary;
    private CancelToken cancel;

    public ConsoleViewModel(HostingProvider hosting, Supplier<Connection> connection, Supplier<String> localRuntimeUrl,
                            InvocationHistory history, Background background, ErrorReporter errors,
                            StatusModel status) {
        this.sessions = new ConnectionSession(hosting);
        this.connection = connection;
        this.localRuntimeUrl = localRuntimeUrl;
        this.history = history;
        this.background = background;
        this.errors = errors;
        this.status = status;
        historySearch.addListener((obs, old, now) -> refreshHistory());
        endpointName.addListener((obs, old, now) -> {
            refreshSaved();
            readHosting();
        });
        bodySummary = Bindings.createStringBinding(this::describeBody, bodyText, fileBody, fileBodyName, contentType);
        refreshHistory();
        history.problems().forEach(status::show);
    }

    // ---- endpoints ----------------------------------------------------------------------------

    /** Lists the active connection's endpoints (off the FX thread). */
    public void refreshEndpoints() {
        Connection target = connection.get();
        if (target == null) {
            return;
        }
        Runnable done = status.begin("Listing the endpoints of " + target.label() + "…");
        background.run(() -> session(target).hosting().control().listEndpoints(), found -> {
            done.run();
            String chosen = endpointName.get();
            endpoints.setAll(found.stream().map(EndpointDescription::name).sorted().toList());
            if ((chosen == null || chosen.isBlank()) && !endpoints.isEmpty()) {
                endpointName.set(endpoints.get(0));
            } else if (endpoints.contains(chosen)) {
                readHosting();
            }
            status.show(found.size() + " endpoint(s) on " + target.label());
        }, error -> {
            done.run();
            errors.report("List endpoints", error);
        });
    }

    /** Lists the models a multi-model endpoint serves (the archives under its S3 prefix), to target one. */
    public void listTargetModels() {
        Connection target = connection.get();
        String endpoint = endpointName.get() == null ? "" : endpointName.get().strip();
        if (target == null || endpoint.isEmpty()) {
            return;
        }
        var known = chosen != null && chosen.name().equals(endpoint) ? chosen : null;
        background.run(() -> {
            var ports = session(target).hosting();
            var details = known != null ? known : ports.inventory().describe(endpoint).orElseThrow(
                    () -> new StudioException("There is no endpoint " + endpoint + "."));
            if (com.endpointstudio.core.endpoints.MultiModelEndpoints.prefix(details).isEmpty()) {
                throw new StudioException(endpoint + " is not a multi-model endpoint: it serves one model, so no "
                        + "target model is needed.");
            }
            List<String> loaded = ports.inventory().loadedModels(endpoint).stream()
                    .map(com.endpointstudio.core.endpoints.LoadedModel::targetModel).toList();
            return new Object[] {com.endpointstudio.core.endpoints.MultiModelEndpoints.models(details,
                    ports.modelData()), loaded};
        }, found -> {
            @SuppressWarnings("unchecked") List<String> models = (List<String>) found[0];
            @SuppressWarnings("unchecked") List<String> loaded = (List<String>) found[1];
            targetModels.setAll(models);
            status.show(models.size() + " model(s) under the endpoint's prefix" + (loaded.isEmpty() ? ""
                    : "; loaded now: " + String.join(", ", loaded)));
        }, error -> errors.report("List target models", error));
    }

    /**
     * Reads how the chosen endpoint serves. An asynchronous endpoint takes only InvokeEndpointAsync,
     * so the console switches to that mode and stages inputs in its output bucket, where SageMaker's
     * role already writes, under async-endpoint-inputs/ (the SageMaker Python SDK's default).
     */
    void readHosting() {
        Connection target = connection.get();
        String endpoint = endpointName.get() == null ? "" : endpointName.get().strip();
        chosen = null;
        asyncOutput.set(null);
        if (target == null || !endpoints.contains(endpoint)) {
            return; // a name still being typed is read when it is chosen
        }
        background.run(() -> session(target).hosting().inventory().describe(endpoint), found -> {
            if (!endpoint.equals(endpointName.get().strip()) || found.isEmpty()) {
                return;
            }
            chosen = found.get();
            String output = chosen.asyncOutput();
            asyncOutput.set(output);
            if (output != null) {
                mode.set(Mode.ASYNC);
                if (asyncInputPrefix.get().isBlank() || asyncInputPrefix.get().equals(suggestedPrefix)) {
                    suggestedPrefix = asyncInputsOf(output);
                    asyncInputPrefix.set(suggestedPrefix);
                }
            } else if (mode.get() == Mode.ASYNC) {
                mode.set(Mode.REAL_TIME);
            }
        }, error -> status.show("Could not read " + endpoint + "'s config: " + error.getMessage()));
    }

    /** s3://results/async/out → s3://results/async-endpoint-inputs */
    static String asyncInputsOf(String outputPath) {
        String rest = outputPath.substring("s3://".length());
        int slash = rest.indexOf('/');
        return "s3://" + (slash < 0 ? rest : rest.substring(0, slash)) + "/async-endpoint-inputs";
    }

    public ObservableList<String> targetModels() {
        return targetModels;
    }

    /** Opens the console on one endpoint (from the endpoints screen or after a deploy). */
    public void useEndpoint(String name) {
        if (!endpoints.contains(name)) {
            endpoints.add(name);
        }
        if (name.equals(endpointName.get())) {
            readHosting();
        } else {
            endpointName.set(name);
        }
    }

    // ---- the request --------------------------------------------------------------------------

    /** The body to send: a dropped file's bytes, else the text typed. */
    byte[] body() {
        return fileBody.get() != null ? fileBody.get() : bodyText.get().getBytes(StandardCharsets.UTF_8);
    }

    public InvocationRequest request() {
        return new InvocationRequest(endpointName.get() == null ? "" : endpointName.get().strip(), blank(contentType),
                blank(accept), body(), blank(targetVariant), blank(targetModel), blank(targetContainer),
                blank(inferenceId), blank(customAttributes), blank(inferenceComponent));
    }

    private static String blank(StringProperty property) {
        String value = property.get();
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Sends a file's bytes as the body (an image, a CSV, an .npy array); its type is guessed from its name. */
    public void useFile(Path file) {
        background.run(() -> Files.readAllBytes(file), bytes -> {
            fileBody.set(bytes);
            fileBodyName.set(file.getFileName().toString());
            contentType.set(Payloads.contentTypeOf(file.getFileName().toString()));
            if (Payloads.isText(bytes) && bytes.length <= 1024 * 1024) {
                // text stays editable
                bodyText.set(new String(bytes, StandardCharsets.UTF_8));
                fileBody.set(null);
                fileBodyName.set("");
            }
        }, error -> errors.report("Read " + file.getFileName(), error));
    }

    public void clearFile() {
        fileBody.set(null);
        fileBodyName.set("");
    }

    /** Formats the JSON body, or says where it is broken. */
    public void formatJson() {
        String text = bodyText.get();
        Optional<String> problem = Payloads.jsonProblem(text);
        if (problem.isPresent()) {
            requestProblem.set("Body: not valid JSON: " + problem.get());
            return;
        }
        Payloads.prettyJson(text.getBytes(StandardCharsets.UTF_8)).ifPresent(bodyText::set);
        requestProblem.set("");
    }

    private String describeBody() {
        byte[] body = body();
        String size = Payloads.size(body.length) + " of " + Payloads.size(InvocationRequest.MAX_BODY_BYTES);
        if (fileBody.get() != null) {
            return fileBodyName.get() + ": " + size;
        }
        if (contentType.get() != null && contentType.get().contains("json") && !bodyText.get().isBlank()) {
            return Payloads.jsonProblem(bodyText.get()).map(p -> size + " · not valid JSON: " + p)
                    .orElse(size + " · valid JSON");
        }
        return size;
    }

    // ---- sending ------------------------------------------------------------------------------

    /** Checks the request with the API's limits, then sends it in the chosen mode. */
    public void send() {
        if (sending.get()) {
            return;
        }
        InvocationRequest request = request();
        List<FieldError> problems = request.errors();
        if (mode.get() == Mode.ASYNC && (asyncInputPrefix.get() == null || !asyncInputPrefix.get().startsWith("s3://"))) {
            problems = new java.util.ArrayList<>(problems);
            problems.add(new FieldError("Async input location", "an s3://bucket/prefix the input is uploaded to"));
        }
        if (chosen != null && (mode.get() == Mode.ASYNC) != (asyncOutput.get() != null)) {
            problems = new java.util.ArrayList<>(problems);
            problems.add(new FieldError("Mode", asyncOutput.get() == null
                    ? request.endpointName() + " has no asynchronous inference config: send it real-time or streamed"
                    : request.endpointName() + " is asynchronous: SageMaker accepts only InvokeEndpointAsync for it"));
        }
        if (!problems.isEmpty()) {
            requestProblem.set(String.join("; ", problems.stream().map(FieldError::toString).toList()));
            return;
        }
        Connection target = connection.get();
        if (target == null) {
            requestProblem.set("No connection is active.");
            return;
        }
        requestProblem.set("");
        CancelToken token = new CancelToken();
        cancel = token;
        sending.set(true);
        result.set(null);
        streamed.set("");
        progress.set("Sending to " + request.endpointName() + "…");
        Mode how = mode.get();
        String prefix = asyncInputPrefix.get();
        ByteArrayOutputStream parts = new ByteArrayOutputStream();
        java.util.concurrent.atomic.AtomicReference<String> notice = new java.util.concurrent.atomic.AtomicReference<>();
        LatestValue<String> liveText = new LatestValue<>(background.fx(), streamed::set);
        LatestValue<String> liveProgress = new LatestValue<>(background.fx(), progress::set);
        background.run(() -> {
            EndpointRuntime runtime = session(target).hosting().runtime();
            return switch (how) {
                case REAL_TIME -> runtime.invoke(request);
                case STREAM -> runtime.invokeWithResponseStream(request, part -> {
                    synchronized (parts) {
                        parts.writeBytes(part);
                        liveText.publish(parts.toString(StandardCharsets.UTF_8));
                    }
                }, token);
                case ASYNC -> {
                    AsyncInvocation queued = runtime.invokeAsync(request, prefix);
                    InvocationResult done = awaitAsync(runtime, queued, token, liveProgress);
                    notice.set(AsyncNotice.of(runtime, queued).orElse(null));
                    yield done;
                }
            };
        }, answered -> {
            sending.set(false);
            progress.set("");
            if (notice.get() != null) {
                status.show(notice.get());
            }
            result.set(answered);
            record(target, request, answered);
        }, error -> {
            sending.set(false);
            progress.set("");
            if (!(error instanceof java.util.concurrent.CancellationException)) {
                errors.report("Invoke " + request.endpointName(), error);
            } else {
                status.show("Cancelled");
            }
        });
    }

    /** Polls the output and failure locations every two seconds, for up to an hour. */
    private static InvocationResult awaitAsync(EndpointRuntime runtime, AsyncInvocation invocation, CancelToken cancel,
                                               LatestValue<String> progress) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofHours(1));
        while (Instant.now().isBefore(until)) {
            cancel.throwIfCancelled();
            Optional<InvocationResult> done = runtime.asyncResult(invocation);
            if (done.isPresent()) {
                return done.get();
            }
            progress.publish("Queued as " + invocation.inferenceId() + "; waiting for " + invocation.outputLocation()
                    + " (" + Duration.between(invocation.startedAt(), Instant.now()).toSeconds() + " s)");
            Thread.sleep(2000);
        }
        throw new StudioException("No result at " + invocation.outputLocation() + " after an hour; the request may "
                + "still be queued (inference id " + invocation.inferenceId() + ").");
    }

    public void cancel() {
        if (cancel != null) {
            cancel.cancel();
        }
    }

    private void record(Connection target, InvocationRequest request, InvocationResult answered) {
        HistoryEntry entry = HistoryEntry.of(target.id(), request, answered);
        background.run(() -> {
            history.add(entry);
            return entry;
        }, added -> refreshHistory(), error -> errors.report("Save the console history", error));
    }

    // ---- history and saved requests -----------------------------------------------------------

    private void refreshHistory() {
        historyShown.setAll(history.search(historySearch.get()));
    }

    private void refreshSaved() {
        Connection target = connection.get();
        saved.setAll(target == null || endpointName.get() == null ? List.of()
                : history.saved(target.id(), endpointName.get()));
    }

    /** Puts a past request back in the editor. */
    public void load(InvocationRequest request) {
        endpointName.set(request.endpointName());
        contentType.set(nullToBlank(request.contentType()));
        accept.set(nullToBlank(request.accept()));
        targetVariant.set(nullToBlank(request.targetVariant()));
        targetModel.set(nullToBlank(request.targetModel()));
        targetContainer.set(nullToBlank(request.targetContainerHostname()));
        inferenceComponent.set(nullToBlank(request.inferenceComponent()));
        inferenceId.set(nullToBlank(request.inferenceId()));
        customAttributes.set(nullToBlank(request.customAttributes()));
        if (Payloads.isText(request.body())) {
            fileBody.set(null);
            fileBodyName.set("");
            bodyText.set(new String(request.body(), StandardCharsets.UTF_8));
        } else {
            fileBody.set(request.body());
            fileBodyName.set("earlier binary body");
        }
    }

    /** Loads a history entry and sends it again. */
    public void sendAgain(HistoryEntry entry) {
        load(entry.request());
        send();
    }

    public void save(String name) {
        Connection target = connection.get();
        if (target == null || name == null || name.isBlank()) {
            return;
        }
        InvocationRequest request = request();
        background.run(() -> {
            history.save(new SavedRequest(name.strip(), target.id(), request));
            return name;
        }, done -> {
            refreshSaved();
            status.show("Saved the request as “" + done.strip() + "”");
        }, error -> errors.report("Save request", error));
    }

    public void clearHistory() {
        background.run(() -> {
            history.clear();
            return true;
        }, done -> refreshHistory(), error -> errors.report("Clear history", error));
    }

    /** The current request as boto3, AWS CLI and curl, for the active connection. */
    public InvocationSnippets snippets() {
        Connection target = connection.get();
        InvocationRequest request = request();
        String bodyFile = fileBody.get() != null ? fileBodyName.get() : "request.json";
        if (target == null || target.isLocal()) {
            return InvocationSnippets.forLocal(request, localRuntimeUrl.get(), bodyFile);
        }
        return InvocationSnippets.forAws(request, target.region() == null ? "us-east-1" : target.region(),
                target.endpointUrl(), bodyFile);
    }

    /**
     * Where a model error's log is: the CloudWatch console page of an AWS log stream, or the log
     * file of a Local endpoint.
     */
    public String logLocation(String logStream) {
        if (logStream == null) {
            return null;
        }
        if (logStream.startsWith("local:")) {
            return Path.of(localLogRoot.get()).resolve("endpoints").resolve(logStream.substring(6))
                    .resolve("logs/endpoint.log").toUri().toString();
        }
        // arn:aws:logs:REGION:ACCOUNT:log-group:/aws/sagemaker/Endpoints/NAME:log-stream:STREAM
        String[] parts = logStream.split(":");
        if (parts.length < 8) {
            return logStream;
        }
        String region = parts[3];
        String group = parts[6].replace("/", "$252F");
        String stream = parts[parts.length - 1].replace("/", "$252F");
        return "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region
                + "#logsV2:log-groups/log-group/" + group + "/log-events/" + stream;
    }

    private Supplier<String> localLogRoot = () -> System.getProperty("java.io.tmpdir");

    /** Where Local endpoints keep their folders (and logs). */
    public void useLocalRoot(Supplier<String> root) {
        this.localLogRoot = root;
    }

    private java.util.function.Consumer<String> showMetrics = name -> { };

    /** Opens the Metrics screen on an endpoint (wired by the window). */
    public void onShowMetrics(java.util.function.Consumer<String> opener) {
        this.showMetrics = opener;
    }

    public void showMetrics() {
        String name = endpointName.get();
        if (name != null && !name.isBlank()) {
            showMetrics.accept(name.strip());
        }
    }

    // ---- the session --------------------------------------------------------------------------

    HostingProvider.Session session(Connection target) {
        return sessions.of(target);
    }

    @Override
    public synchronized void close() {
        sessions.close();
    }

    private static String nullToBlank(String text) {
        return text == null ? "" : text;
    }

    // ---- what the view binds ------------------------------------------------------------------

    public ObservableList<String> endpoints() {
        return endpoints;
    }

    public ObservableList<HistoryEntry> history() {
        return historyShown;
    }

    public ObservableList<SavedRequest> saved() {
        return saved;
    }

    public ReadOnlyBooleanProperty sendingProperty() {
        return sending;
    }

    public ObjectProperty<InvocationResult> resultProperty() {
        return result;
    }

    public StringProperty streamedProperty() {
        return streamed;
    }

    public StringProperty progressProperty() {
        return progress;
    }

    public StringProperty requestProblemProperty() {
        return requestProblem;
    }

    public StringBinding bodySummaryProperty() {
        return bodySummary;
    }

    public StringProperty endpointNameProperty() {
        return endpointName;
    }

    public StringProperty bodyTextProperty() {
        return bodyText;
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public Connection connection() {
        return connection.get();
    }

    public Background background() {
        return background;
    }

    public ErrorReporter errors() {
        return errors;
    }

    public StatusModel status() {
        return status;
    }

    /** Runs work with the active connection's runtime (the load tester uses it). */
    EndpointRuntime runtime(Connection target) {
        return session(target).hosting().runtime();
    }
}
