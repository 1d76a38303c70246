package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.capture.CapturedData;
import com.endpointstudio.core.capture.CapturedRecord;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.endpoints.EndpointDetails;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.invoke.Payloads;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The captured data viewer of one endpoint: its capture files (newest first), the records of the
 * chosen file, the chosen record's request and response, and sending that request again to the
 * endpoint (to the variant that answered it) beside what it answered when it was captured.
 */
public final class CapturedDataViewModel implements AutoCloseable {

    private final Function<Connection, Hosting> hosting;
    private final Connection connection;
    private final EndpointDetails endpoint;
    private final Jobs jobs;
    private final JobSlot listing = new JobSlot();
    private final JobSlot reading = new JobSlot();
    private final JobSlot sending = new JobSlot();

    private final ObservableList<CapturedData.CaptureFile> files = FXCollections.observableArrayList();
    private final ObservableList<CapturedRecord> records = FXCollections.observableArrayList();
    private final ObjectProperty<CapturedData.CaptureFile> file = new SimpleObjectProperty<>();
    private final ObjectProperty<CapturedRecord> record = new SimpleObjectProperty<>();
    private final StringProperty recordText = new SimpleStringProperty("");
    private final StringProperty resent = new SimpleStringProperty("");
    private final StringProperty progress = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();

    /** @param hosting the hosting of a connection (called off the FX thread) */
    public CapturedDataViewModel(Function<Connection, Hosting> hosting, Connection connection, EndpointDetails endpoint,
                                 Jobs jobs) {
        this.hosting = hosting;
        this.connection = connection;
        this.endpoint = endpoint;
        this.jobs = jobs;
        file.addListener((obs, old, now) -> readRecords(now));
        record.addListener((obs, old, now) -> {
            recordText.set(now == null ? "" : describe(now));
            resent.set("");
        });
    }

    /** Lists the endpoint's capture files. */
    public void load() {
        String destination = endpoint.dataCaptureDestination();
        if (destination == null) {
            progress.set(endpoint.name() + " captures no data: its EndpointConfig has no DataCaptureConfig.");
            return;
        }
        busy.set(true);
        progress.set("Listing " + destination + "/" + endpoint.name() + "/…");
        listing.start(jobs.job("Captured data of " + endpoint.name(), job -> new CapturedData(
                hosting.apply(connection).modelData()).files(destination, endpoint.name())).onSuccess(found -> {
                    files.setAll(found);
                    progress.set(found.isEmpty() ? "Nothing captured yet under " + destination + "/" + endpoint.name()
                            + "/ (the sampled invocations appear there)." : found.size() + " capture file"
                            + (found.size() == 1 ? "" : "s") + " under " + destination + "/" + endpoint.name() + "/");
                    if (!found.isEmpty()) {
                        file.set(found.get(0));
                    }
                }).whenDone(() -> busy.set(false)));
    }

    private void readRecords(CapturedData.CaptureFile chosen) {
        records.clear();
        record.set(null);
        if (chosen == null) {
            return;
        }
        busy.set(true);
        reading.start(jobs.job("Read " + chosen.uri(), job -> new CapturedData(hosting.apply(connection).modelData())
                .records(chosen)).onSuccess(read -> {
                    records.setAll(read);
                    if (!read.isEmpty()) {
                        record.set(read.get(0));
                    }
                }).whenDone(() -> busy.set(false)));
    }

    /** Sends the chosen record's request again, to the variant of its file, and shows the answer. */
    public void sendAgain() {
        CapturedRecord chosen = record.get();
        CapturedData.CaptureFile from = file.get();
        if (chosen == null || chosen.input() == null) {
            resent.set("This record holds no request (the endpoint captures responses only).");
            return;
        }
        InvocationRequest request = new InvocationRequest(endpoint.name(), blankToNull(chosen.input()
                .observedContentType()), null, chosen.input().bytes(), from == null ? null : from.variant(), null, null,
                null, null);
        busy.set(true);
        resent.set("Sending to " + endpoint.name() + "…");
        sending.start(jobs.job("Send the captured request again to " + endpoint.name(),
                job -> hosting.apply(connection).runtime().invoke(request))
                .onSuccess(answer -> resent.set(describe(answer)))
                .onFailure(error -> {
                    resent.set("");
                    jobs.errors().report("Send the captured request again to " + endpoint.name(), error);
                })
                .whenDone(() -> busy.set(false)));
    }

    /** Whether Send again applies: real-time endpoints (an asynchronous one takes requests from the Console's async mode). */
    public boolean canSendAgain() {
        return endpoint.kind() != EndpointDetails.Kind.ASYNC;
    }

    static String describe(CapturedRecord record) {
        StringBuilder text = new StringBuilder();
        text.append("Event ").append(record.eventId());
        if (record.inferenceId() != null) {
            text.append(" · inference id ").append(record.inferenceId());
        }
        if (record.inferenceTime() != null) {
            text.append(" · ").append(record.inferenceTime());
        }
        text.append('\n');
        payload(text, "Request", record.input());
        payload(text, "Response", record.output());
        return text.toString();
    }

    private static void payload(StringBuilder text, String title, CapturedRecord.Payload payload) {
        text.append('\n').append(title);
        if (payload == null) {
            text.append(": not captured\n");
            return;
        }
        text.append(" (").append(payload.observedContentType()).append(", captured as ").append(payload.encoding())
                .append(")\n").append(shown(payload.bytes(), payload.observedContentType())).append('\n');
    }

    private static String describe(InvocationResult answer) {
        String head = answer.succeeded() ? answer.status() + " " + answer.contentType() + " from variant "
                + answer.invokedVariant() : answer.error().code() + " (" + answer.status() + ")";
        String body = answer.succeeded() ? shown(answer.body(), answer.contentType()) : answer.error().shownMessage();
        return head + String.format(Locale.ROOT, " in %.1f ms%n", answer.latency().toNanos() / 1e6) + body;
    }

    /** Text as text (JSON formatted); anything else as a hex preview. */
    private static String shown(byte[] bytes, String contentType) {
        Payloads.Kind kind = Payloads.kind(contentType, bytes);
        if (kind == Payloads.Kind.JSON) {
            return Payloads.prettyJson(bytes).orElse(new String(bytes, StandardCharsets.UTF_8));
        }
        if (kind == Payloads.Kind.TEXT || kind == Payloads.Kind.CSV) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return Payloads.size(bytes.length) + "\n" + Payloads.hexDump(bytes, 256);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    public String title() {
        return "Captured data of " + endpoint.name();
    }

    public ObservableList<CapturedData.CaptureFile> files() {
        return files;
    }

    public ObservableList<CapturedRecord> records() {
        return records;
    }

    public ObjectProperty<CapturedData.CaptureFile> fileProperty() {
        return file;
    }

    public ObjectProperty<CapturedRecord> recordProperty() {
        return record;
    }

    public StringProperty recordTextProperty() {
        return recordText;
    }

    public StringProperty resentProperty() {
        return resent;
    }

    public StringProperty progressProperty() {
        return progress;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** A record's time as the table shows it (its file names the day and hour). */
    static String when(Instant time) {
        return time == null ? "" : java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .withZone(java.time.ZoneOffset.UTC).format(time);
    }

    /** Stops what still runs (the viewer was closed). */
    @Override
    public void close() {
        listing.cancel();
        reading.cancel();
        sending.cancel();
    }
}
