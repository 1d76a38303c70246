package com.endpointstudio.ui.console;

import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.Payloads;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The console's request being written: the endpoint, headers and targets, the body typed or a
 * dropped file's bytes, how it is sent, and its check against the runtime API's limits.
 */
public final class RequestEditorModel {

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

    private final Jobs jobs;
    private final JobSlot reading = new JobSlot();

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
    private final StringProperty problem = new SimpleStringProperty("");
    private final StringBinding bodySummary;

    public RequestEditorModel(Jobs jobs) {
        this.jobs = jobs;
        bodySummary = Bindings.createStringBinding(this::describeBody, bodyText, fileBody, fileBodyName, contentType);
    }

    /** The body to send: a dropped file's bytes, else the text typed. */
    byte[] body() {
        return fileBody.get() != null ? fileBody.get() : bodyText.get().getBytes(StandardCharsets.UTF_8);
    }

    public String endpoint() {
        return endpointName.get() == null ? "" : endpointName.get().strip();
    }

    public InvocationRequest request() {
        return new InvocationRequest(endpoint(), blank(contentType), blank(accept), body(), blank(targetVariant),
                blank(targetModel), blank(targetContainer), blank(inferenceId), blank(customAttributes),
                blank(inferenceComponent));
    }

    /**
     * What is wrong with the request as it would be sent, each naming its field; shown, and empty
     * when it may go.
     *
     * @param asyncOutput the chosen endpoint's async output path, null when it answers in real time
     * @param known       whether the chosen endpoint's config was read (so its mode can be checked)
     */
    public List<FieldError> check(String asyncOutput, boolean known) {
        InvocationRequest request = request();
        List<FieldError> problems = new ArrayList<>(request.errors());
        if (mode.get() == Mode.ASYNC && (asyncInputPrefix.get() == null || !asyncInputPrefix.get().startsWith("s3://"))) {
            problems.add(new FieldError("Async input location", "an s3://bucket/prefix the input is uploaded to"));
        }
        if (known && (mode.get() == Mode.ASYNC) != (asyncOutput != null)) {
            problems.add(new FieldError("Mode", asyncOutput == null
                    ? request.endpointName() + " has no asynchronous inference config: send it real-time or streamed"
                    : request.endpointName() + " is asynchronous: SageMaker accepts only InvokeEndpointAsync for it"));
        }
        problem.set(String.join("; ", problems.stream().map(FieldError::toString).toList()));
        return problems;
    }

    /** Shows why the request can't go, when the reason is not a field. */
    public void refuse(String reason) {
        problem.set(reason);
    }

    /** Sends a file's bytes as the body (an image, a CSV, an .npy array); its type is guessed from its name. */
    public void useFile(Path file) {
        reading.start(jobs.job("Read " + file.getFileName(), job -> Files.readAllBytes(file)).onSuccess(bytes -> {
            fileBody.set(bytes);
            fileBodyName.set(file.getFileName().toString());
            contentType.set(Payloads.contentTypeOf(file.getFileName().toString()));
            if (Payloads.isText(bytes) && bytes.length <= 1024 * 1024) {
                // text stays editable
                bodyText.set(new String(bytes, StandardCharsets.UTF_8));
                clearFile();
            }
        }));
    }

    public void clearFile() {
        fileBody.set(null);
        fileBodyName.set("");
    }

    /** Formats the JSON body, or says where it is broken. */
    public void formatJson() {
        String text = bodyText.get();
        Optional<String> broken = Payloads.jsonProblem(text);
        if (broken.isPresent()) {
            problem.set("Body: not valid JSON: " + broken.get());
            return;
        }
        Payloads.prettyJson(text.getBytes(StandardCharsets.UTF_8)).ifPresent(bodyText::set);
        problem.set("");
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
            clearFile();
            bodyText.set(new String(request.body(), StandardCharsets.UTF_8));
        } else {
            fileBody.set(request.body());
            fileBodyName.set("earlier binary body");
        }
    }

    /** Empties the endpoint's own fields (another connection's endpoints are not this one's). */
    void forgetEndpoint() {
        endpointName.set("");
        targetModel.set("");
        asyncInputPrefix.set("");
        problem.set("");
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

    private static String blank(StringProperty property) {
        String value = property.get();
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String nullToBlank(String text) {
        return text == null ? "" : text;
    }

    public StringProperty problemProperty() {
        return problem;
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

    public StringProperty asyncInputPrefixProperty() {
        return asyncInputPrefix;
    }
}
