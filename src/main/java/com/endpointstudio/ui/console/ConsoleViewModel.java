package com.endpointstudio.ui.console;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.endpoints.EndpointDetails;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.hosting.SageMakerControl.EndpointDescription;
import com.endpointstudio.core.invoke.InvocationSnippets;
import com.endpointstudio.core.invoke.history.HistoryEntry;
import com.endpointstudio.core.invoke.history.InvocationHistory;
import com.endpointstudio.ui.common.ConnectedScreenModel;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import com.endpointstudio.ui.common.RecentEndpoints;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Console screen: the active connection's endpoints and how the chosen one serves, and its
 * panels — the request editor, the response, the history and the load test. On a connection
 * change everything read from the one before goes, and a call in flight is cancelled.
 */
public final class ConsoleViewModel extends ConnectedScreenModel {

    private final Jobs jobs;
    private final Supplier<String> localRuntimeUrl;
    private final RequestEditorModel editor;
    private final ResponseModel response;
    private final HistoryModel history;
    private final LoadTestViewModel loadTest;
    private final JobSlot listing = new JobSlot();
    private final JobSlot describing = new JobSlot();
    private final ObservableList<String> endpoints = FXCollections.observableArrayList();
    private final TargetModels targets;
    /** The chosen endpoint's async output path; null for one that answers in real time or is not read yet. */
    private final ReadOnlyStringWrapper asyncOutput = new ReadOnlyStringWrapper();
    /** The chosen endpoint as last described (null until read): its mode is checked before sending. */
    private EndpointDetails chosen;
    /** The input location the console chose itself, replaced when another endpoint is chosen. */
    private String suggestedPrefix = "";
    private Supplier<String> localRoot = () -> System.getProperty("java.io.tmpdir");
    private Consumer<String> showMetrics = name -> { };

    /**
     * @param history          the console history, read in the background at start-up
     * @param connectionLabels a connection's name for its id
     */
    public ConsoleViewModel(HostingProvider hosting, Supplier<String> localRuntimeUrl,
                            CompletableFuture<InvocationHistory> history, Function<String, String> connectionLabels,
                            Jobs jobs) {
        super(hosting);
        this.jobs = jobs;
        this.localRuntimeUrl = localRuntimeUrl;
        this.editor = new RequestEditorModel(jobs);
        this.targets = new TargetModels(jobs);
        this.response = new ResponseModel(jobs, target -> hosting(target).runtime());
        this.history = new HistoryModel(jobs, history, connectionLabels);
        this.loadTest = new LoadTestViewModel(jobs, editor::request, this::connection,
                target -> hosting(target).runtime());
        loadTest.useCosts((target, report, bytes) -> hosting(target).inventory().describe(report.endpointName())
                .flatMap(details -> com.endpointstudio.core.loadtest.LoadTestCost.perMillion(details, report,
                        com.endpointstudio.core.instance.InstanceCatalog.load(), target.region(), bytes)));
        editor.endpointName.addListener((obs, old, now) -> {
            this.history.showSaved(editor.endpoint());
            readHosting();
        });
    }

    private RecentEndpoints recent = new RecentEndpoints();

    @Override
    protected void clear() {
        listing.cancel();
        describing.cancel();
        endpoints.clear();
        targets.clear();
        chosen = null;
        asyncOutput.set(null);
        editor.forgetEndpoint();
        response.clear();
        loadTest.clear();
        history.useConnection(connection());
    }

    @Override
    protected void reload() {
        refreshEndpoints();
    }

    // ---- the endpoint -------------------------------------------------------------------------

    /** Lists the active connection's endpoints. */
    public void refreshEndpoints() {
        Connection target = connection();
        if (target == null) {
            return;
        }
        listing.start(jobs.job("List the endpoints of " + target.label(),
                job -> hosting(target).control().listEndpoints()).onSuccess(found -> {
                    String current = editor.endpoint();
                    List<String> names = found.stream().map(EndpointDescription::name).sorted().toList();
                    if (!endpoints.equals(names)) {
                        endpoints.setAll(names); // an editable combo box forgets its value when its items change
                    }
                    String recent = this.recent.of(target);
                    if (current.isEmpty() && recent != null && endpoints.contains(recent)) {
                        editor.endpointName.set(recent);
                    } else if (current.isEmpty() && !endpoints.isEmpty()) {
                        editor.endpointName.set(endpoints.get(0));
                    } else if (!current.equals(editor.endpoint())) {
                        editor.endpointName.set(current);
                    } else if (endpoints.contains(current)) {
                        readHosting();
                    }
                }));
    }

    /** Opens the console on a first request for a freshly deployed endpoint. */
    public void useRequest(com.endpointstudio.core.invoke.InvocationRequest request) {
        editor.load(request);
        useEndpoint(request.endpointName());
    }

    /** On Local, when the runtime moved off its usual port: where it listens now; else "". */
    public String runtimeNote() {
        Connection target = connection();
        return target == null || !target.isLocal() ? ""
                : com.endpointstudio.core.hosting.LocalRuntimePort.moved(localRuntimeUrl.get()).orElse("");
    }

    /** Where the endpoint last deployed, called or charted is kept: the console opens on it. */
    public void useRecent(RecentEndpoints endpoints) {
        this.recent = endpoints;
    }

    /** Opens the console on one endpoint (from the endpoints screen or after a deploy). */
    public void useEndpoint(String name) {
        recent.remember(connection(), name);
        if (!endpoints.contains(name)) {
            endpoints.add(name);
        }
        if (name.equals(editor.endpointName.get())) {
            readHosting();
        } else {
            editor.endpointName.set(name);
        }
    }

    /**
     * Reads how the chosen endpoint serves. An asynchronous endpoint takes only InvokeEndpointAsync,
     * so the console switches to that mode and stages inputs in its output bucket, where SageMaker's
     * role already writes, under async-endpoint-inputs/ (the SageMaker Python SDK's default). A
     * slow answer for an endpoint chosen before is dropped.
     */
    void readHosting() {
        Connection target = connection();
        String endpoint = editor.endpoint();
        chosen = null;
        asyncOutput.set(null);
        targets.clear();
        if (target == null || !endpoints.contains(endpoint)) {
            describing.cancel();
            return; // a name still being typed is read when it is chosen
        }
        describing.start(jobs.job("Describe " + endpoint, job -> hosting(target).inventory().describe(endpoint))
                .quietly()
                .onSuccess(found -> found.ifPresent(this::useDetails))
                .onFailure(error -> jobs.status().show("Could not read " + endpoint + "'s config: "
                        + error.getMessage())));
    }

    private void useDetails(EndpointDetails details) {
        chosen = details;
        String output = details.asyncOutput();
        asyncOutput.set(output);
        if (output != null) {
            editor.mode.set(RequestEditorModel.Mode.ASYNC);
            String prefix = editor.asyncInputPrefix.get();
            if (prefix.isBlank() || prefix.equals(suggestedPrefix)) {
                suggestedPrefix = asyncInputsOf(output);
                editor.asyncInputPrefix.set(suggestedPrefix);
            }
        } else if (editor.mode.get() == RequestEditorModel.Mode.ASYNC) {
            editor.mode.set(RequestEditorModel.Mode.REAL_TIME);
        }
    }

    /** s3://results/async/out → s3://results/async-endpoint-inputs */
    static String asyncInputsOf(String outputPath) {
        String rest = outputPath.substring("s3://".length());
        int slash = rest.indexOf('/');
        return "s3://" + (slash < 0 ? rest : rest.substring(0, slash)) + "/async-endpoint-inputs";
    }

    /** Lists the models a multi-model endpoint serves (the archives under its S3 prefix), to target one. */
    public void listTargetModels() {
        Connection target = connection();
        String endpoint = editor.endpoint();
        if (target != null && !endpoint.isEmpty()) {
            targets.list(hosting(target), endpoint, chosen != null && chosen.name().equals(endpoint) ? chosen : null);
        }
    }

    // ---- sending ------------------------------------------------------------------------------

    /** Checks the request with the API's limits and the endpoint's mode, then sends it. */
    public void send() {
        if (response.sendingProperty().get() || !editor.check(asyncOutput.get(), chosen != null).isEmpty()) {
            return;
        }
        Connection target = connection();
        if (target == null) {
            editor.refuse("No connection is active.");
            return;
        }
        var request = editor.request();
        recent.remember(target, request.endpointName());
        response.send(target, request, editor.mode.get(), editor.asyncInputPrefix.get(),
                answered -> history.record(target, request, answered));
    }

    /** Loads a history entry and sends it again, on the connection it was sent on. */
    public void sendAgain(HistoryEntry entry) {
        Connection target = connection();
        if (target == null || !target.id().equals(entry.connectionId())) {
            editor.refuse("This call was sent on " + history.connectionOf(entry) + "; choose that connection to "
                    + "send it again.");
            return;
        }
        editor.load(entry.request());
        send();
    }

    public void save(String name) {
        Connection target = connection();
        if (target != null && name != null && !name.isBlank()) {
            history.save(name, target, editor.request());
        }
    }

    /** The current request as boto3, AWS CLI and curl, for the active connection. */
    public InvocationSnippets snippets() {
        Connection target = connection();
        var request = editor.request();
        String bodyFile = editor.fileBody.get() != null ? editor.fileBodyName.get() : "request.json";
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
            return Path.of(localRoot.get()).resolve("endpoints").resolve(logStream.substring(6))
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

    /** Where Local endpoints keep their folders (and logs). */
    public void useLocalRoot(Supplier<String> root) {
        this.localRoot = root;
    }

    /** Opens the Metrics screen on an endpoint (wired by the window). */
    public void onShowMetrics(Consumer<String> opener) {
        this.showMetrics = opener;
    }

    public void showMetrics() {
        String name = editor.endpoint();
        if (!name.isEmpty()) {
            showMetrics.accept(name);
        }
    }

    // ---- what the view binds ------------------------------------------------------------------

    public RequestEditorModel editor() {
        return editor;
    }

    public ResponseModel response() {
        return response;
    }

    public HistoryModel history() {
        return history;
    }

    public LoadTestViewModel loadTest() {
        return loadTest;
    }

    public ObservableList<String> endpoints() {
        return endpoints;
    }

    public ObservableList<String> targetModels() {
        return targets.models();
    }

    public ReadOnlyStringProperty asyncOutputProperty() {
        return asyncOutput.getReadOnlyProperty();
    }

    public Jobs jobs() {
        return jobs;
    }
}
