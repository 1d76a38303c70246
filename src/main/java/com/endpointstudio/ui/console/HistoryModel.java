package com.endpointstudio.ui.console;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.core.invoke.history.HistoryEntry;
import com.endpointstudio.core.invoke.history.InvocationHistory;
import com.endpointstudio.core.invoke.history.SavedRequest;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The console's history and saved requests. Every entry carries its connection: the list shows
 * the active connection's calls (or every connection's, each named), searched by text; saved
 * requests belong to one endpoint of one connection. The history file is read in the background
 * at start-up; everything here waits for it off the FX thread.
 */
public final class HistoryModel {

    /** Whose calls the list shows. */
    public enum Scope {
        CONNECTION("This connection"), ALL("All connections");

        private final String label;

        Scope(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Jobs jobs;
    private final CompletableFuture<InvocationHistory> history;
    private final Function<String, String> connectionLabels;
    private final JobSlot searching = new JobSlot();
    private final JobSlot listingSaved = new JobSlot();
    final StringProperty search = new SimpleStringProperty("");
    final ObjectProperty<Scope> scope = new SimpleObjectProperty<>(Scope.CONNECTION);
    private final ObservableList<HistoryEntry> shown = FXCollections.observableArrayList();
    private final ObservableList<SavedRequest> saved = FXCollections.observableArrayList();
    private String connectionId;

    /**
     * @param history          the history, once read
     * @param connectionLabels a connection's name for its id, as the connection column shows it
     */
    public HistoryModel(Jobs jobs, CompletableFuture<InvocationHistory> history,
                        Function<String, String> connectionLabels) {
        this.jobs = jobs;
        this.history = history;
        this.connectionLabels = connectionLabels;
        search.addListener((obs, old, now) -> refresh());
        scope.addListener((obs, old, now) -> refresh());
    }

    /** Shows the calls of another connection (and forgets the saved requests of the one before). */
    void useConnection(Connection connection) {
        connectionId = connection == null ? null : connection.id();
        saved.clear();
        refresh();
    }

    void refresh() {
        String text = search.get();
        String only = scope.get() == Scope.CONNECTION ? connectionId : null;
        if (connectionId == null) { // no connection active (or the studio is closing)
            searching.cancel();
            shown.clear();
            return;
        }
        searching.start(jobs.job("Search the console history", job -> history.join().search(text).stream()
                .filter(entry -> only == null || only.equals(entry.connectionId())).toList())
                .quietly().onSuccess(shown::setAll));
    }

    /** Lists the saved requests of an endpoint of the active connection. */
    void showSaved(String endpoint) {
        String target = connectionId;
        if (target == null || endpoint == null || endpoint.isBlank()) {
            listingSaved.cancel();
            saved.clear();
            return;
        }
        listingSaved.start(jobs.job("List saved requests", job -> history.join().saved(target, endpoint))
                .quietly().onSuccess(saved::setAll));
    }

    /** Keeps a call in the history. */
    void record(Connection target, InvocationRequest request, InvocationResult answered) {
        HistoryEntry entry = HistoryEntry.of(target.id(), request, answered);
        jobs.job("Save the console history", job -> {
            history.join().add(entry);
            return entry;
        }).quietly().onSuccess(added -> refresh()).start();
    }

    void save(String name, Connection target, InvocationRequest request) {
        jobs.job("Save request", job -> {
            history.join().save(new SavedRequest(name.strip(), target.id(), request));
            return name.strip();
        }).onSuccess(done -> {
            showSaved(request.endpointName());
            jobs.status().show("Saved the request as “" + done + "”");
        }).start();
    }

    /** Forgets the calls the list shows: the active connection's, or every connection's. */
    public void clear() {
        String only = scope.get() == Scope.CONNECTION ? connectionId : null;
        jobs.job("Clear history", job -> {
            if (only == null) {
                history.join().clear();
            } else {
                history.join().clear(only);
            }
            return true;
        }).onSuccess(done -> refresh()).start();
    }

    /** The name of the connection an entry was sent on (its id when the connection is gone). */
    public String connectionOf(HistoryEntry entry) {
        String label = connectionLabels.apply(entry.connectionId());
        return label == null ? entry.connectionId() : label;
    }

    public ObservableList<HistoryEntry> entries() {
        return shown;
    }

    public ObservableList<SavedRequest> saved() {
        return saved;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<Scope> scopeProperty() {
        return scope;
    }

    static List<Scope> scopes() {
        return List.of(Scope.values());
    }
}
