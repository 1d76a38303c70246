package com.endpointstudio.ui.endpoints;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.endpoints.EndpointCosts;
import com.endpointstudio.core.endpoints.EndpointDetails;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.hosting.SageMakerControl.EndpointDescription;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.instance.Quantities;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.ui.common.Job;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import com.endpointstudio.ui.common.Plural;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The endpoints table: the list first, then each endpoint's details filled in as they are read
 * (four at a time), then one metrics call for their invocations; what they cost, which are idle,
 * and the filters. A new load supersedes the one running; nothing of a load for another
 * connection arrives.
 */
public final class EndpointsTableModel implements AutoCloseable {

    public static final String ANY = "All";

    private final Jobs jobs;
    private final Function<Connection, Hosting> hosting;
    private final CompletableFuture<InstanceCatalog> catalog;
    private final JobSlot loading = new JobSlot();
    private final ObservableList<EndpointRow> rows = FXCollections.observableArrayList(
            row -> new javafx.beans.Observable[] {row.details, row.calls, row.status});
    private final FilteredList<EndpointRow> shown = new FilteredList<>(rows);
    final StringProperty search = new SimpleStringProperty("");
    final StringProperty statusFilter = new SimpleStringProperty(ANY);
    final StringProperty kindFilter = new SimpleStringProperty(ANY);
    final ObjectProperty<Duration> idleWindow = new SimpleObjectProperty<>(Duration.ofHours(24));
    private final StringProperty totals = new SimpleStringProperty("");
    private final javafx.beans.property.BooleanProperty local = new javafx.beans.property.SimpleBooleanProperty();

    /**
     * @param hosting the hosting of a connection (called off the FX thread)
     * @param catalog the instance catalog, for prices (read in the background at start-up)
     */
    public EndpointsTableModel(Jobs jobs, Function<Connection, Hosting> hosting,
                               CompletableFuture<InstanceCatalog> catalog) {
        this.jobs = jobs;
        this.hosting = hosting;
        this.catalog = catalog;
        for (javafx.beans.Observable input : List.<javafx.beans.Observable>of(search, statusFilter, kindFilter)) {
            input.addListener(obs -> shown.setPredicate(this::matches));
        }
    }

    private boolean matches(EndpointRow row) {
        String text = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        if (!text.isEmpty() && !row.name().toLowerCase(Locale.ROOT).contains(text)
                && !row.capacity().toLowerCase(Locale.ROOT).contains(text)) {
            return false;
        }
        if (!ANY.equals(statusFilter.get()) && !statusFilter.get().equals(row.status.get())) {
            return false;
        }
        return ANY.equals(kindFilter.get()) || kindFilter.get().equals(row.kind());
    }

    /** Lists the endpoints (paginated), then describes them four at a time, then reads their invocations. */
    public void load(Connection target) {
        if (target == null) {
            return;
        }
        local.set(target.isLocal());
        loading.start(jobs.job("List the endpoints of " + target.label(),
                job -> hosting.apply(target).control().listEndpoints()).onSuccess(listed -> {
                    merge(listed);
                    describeAll(target);
                }));
    }

    private void merge(List<EndpointDescription> listed) {
        Map<String, EndpointRow> existing = new HashMap<>();
        rows.forEach(row -> existing.put(row.name(), row));
        List<EndpointRow> next = new ArrayList<>(listed.size());
        for (EndpointDescription endpoint : listed) {
            EndpointRow row = existing.getOrDefault(endpoint.name(), new EndpointRow(endpoint.name(), endpoint.createdAt()));
            row.status.set(endpoint.status());
            next.add(row);
        }
        rows.setAll(next);
    }

    /** Four DescribeEndpoint calls at a time on the jobs' executor; each row fills in as its answer comes. */
    private void describeAll(Connection target) {
        List<EndpointRow> todo = List.copyOf(rows);
        loading.start(jobs.job("Describe the endpoints of " + target.label(), job -> {
            Hosting ports = hosting.apply(target);
            CancelToken token = job.cancelToken();
            Semaphore four = new Semaphore(4);
            List<CompletableFuture<Void>> described = new ArrayList<>();
            for (EndpointRow row : todo) {
                four.acquire();
                described.add(CompletableFuture.supplyAsync(() -> {
                    try (CancelToken.Scope scope = token.enter()) {
                        return ports.inventory().describe(row.name());
                    } finally {
                        four.release();
                    }
                }, jobs.io()).thenAcceptAsync(found -> {
                    if (!token.isCancelled()) {
                        found.ifPresent(row.details::set);
                    }
                }, jobs.fx()));
            }
            CompletableFuture.allOf(described.toArray(CompletableFuture[]::new)).join();
            return todo;
        }).onSuccess(described -> readInvocations(target)));
    }

    /** What the invocations job reads off the FX thread: the calls, and the region's prices (the catalog may still be loading). */
    private record Invocations(Map<String, Double> calls, EndpointCosts costs) {
    }

    private void readInvocations(Connection target) {
        List<EndpointRow> current = List.copyOf(rows);
        List<EndpointDetails> details = current.stream().map(row -> row.details.get()).filter(Objects::nonNull).toList();
        Duration window = idleWindow.get();
        Job<Invocations> job = jobs.job("Read the invocations of " + target.label(), context -> {
            EndpointCosts costs = costs(target);
            var metrics = hosting.apply(target).metrics();
            return new Invocations(metrics == null ? Map.of()
                    : EndpointCosts.invocations(metrics, details, window, Instant.now()), costs);
        });
        loading.start(job.onSuccess(read -> {
            EndpointCosts costs = read.costs();
            Instant now = Instant.now();
            for (EndpointRow row : current) {
                EndpointDetails d = row.details.get();
                Double n = read.calls().get(row.name());
                row.calls.set(n);
                row.hourly.set(d == null || target.isLocal() ? null : costs.hourly(d));
                row.idle.set(d != null && n != null && costs.idle(d, n, window, now));
                row.idleCost.set(row.idle.get() ? costs.idleCost(d, window) : null);
            }
            refreshTotals(target, costs);
            jobs.status().show(Plural.of(rows.size(), "endpoint") + " on " + target.label());
        }).onFailure(error -> {
            // the FX thread never waits for the catalog: without it the totals give the count alone
            refreshTotals(target, catalog.isDone() && !catalog.isCompletedExceptionally() ? costs(target) : null);
            jobs.status().show("Invocations could not be read: " + error.getMessage());
        }));
    }

    /** Prices of the connection's region; Local shows what us-east-1 would charge. Waits for the catalog. */
    private EndpointCosts costs(Connection target) {
        String region = target.isLocal() || target.region() == null ? "us-east-1" : target.region();
        return new EndpointCosts(catalog.join(), region);
    }

    private void refreshTotals(Connection target, EndpointCosts costs) {
        String count = Plural.of(rows.size(), "endpoint");
        if (target.isLocal()) {
            totals.set(count + " on this computer · no charge");
            return;
        }
        if (costs == null) {
            totals.set(count);
            return;
        }
        List<EndpointDetails> running = rows.stream().map(row -> row.details.get()).filter(Objects::nonNull)
                .filter(d -> "InService".equals(d.status()) || "Updating".equals(d.status())).toList();
        double hourly = costs.totalHourly(running);
        long idle = rows.stream().filter(row -> row.idle.get()).count();
        double idleCost = rows.stream().map(row -> row.idleCost.get()).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).sum();
        totals.set(count + " · running cost " + Quantities.usd(hourly) + " an hour, "
                + Quantities.usd(hourly * 24) + " a day" + (idle == 0 ? "" : " · " + idle + " idle for "
                + Plural.of(idleWindow.get().toHours(), "hour") + ", costing " + Quantities.usd(idleCost)
                + " meanwhile"));
    }

    /** Takes a deleted endpoint out at once (the next load confirms it). */
    void remove(EndpointRow row) {
        rows.remove(row);
    }

    /** Drops every row (the connection changed) and stops a load in progress. */
    void clear() {
        loading.cancel();
        rows.clear();
        totals.set("");
    }

    /** The statuses and kinds the filters offer. */
    public static List<String> statuses() {
        return List.of(ANY, "InService", "Creating", "Updating", "SystemUpdating", "RollingBack", "OutOfService",
                "Deleting", "Failed");
    }

    public static List<String> kinds() {
        return List.of(ANY, "instances", "serverless", "async");
    }

    public ObservableList<EndpointRow> rows() {
        return rows;
    }

    public FilteredList<EndpointRow> shown() {
        return shown;
    }

    public StringProperty totalsProperty() {
        return totals;
    }

    /** Whether the rows are this computer's endpoints (no instances, no price). */
    public javafx.beans.property.ReadOnlyBooleanProperty localProperty() {
        return local;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.runningProperty();
    }

    public StringProperty searchProperty() {
        return search;
    }

    @Override
    public void close() {
        loading.cancel();
    }
}
