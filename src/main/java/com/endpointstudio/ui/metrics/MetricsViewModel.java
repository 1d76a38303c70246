package com.endpointstudio.ui.metrics;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.hosting.MetricsSource;
import com.endpointstudio.core.hosting.SageMakerControl.EndpointDescription;
import com.endpointstudio.core.invoke.history.HistoryEntry;
import com.endpointstudio.core.io.AtomicFiles;
import com.endpointstudio.core.metrics.MetricChart;
import com.endpointstudio.core.metrics.MetricQuery;
import com.endpointstudio.core.metrics.MetricSeries;
import com.endpointstudio.core.metrics.MetricsData;
import com.endpointstudio.core.metrics.TimeRange;
import com.endpointstudio.ui.common.ConnectedScreenModel;
import com.endpointstudio.ui.common.JobSlot;
import com.endpointstudio.ui.common.Jobs;
import com.endpointstudio.ui.common.RecentEndpoints;
import com.endpointstudio.ui.common.Poller;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
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
 * The Metrics screen: an endpoint and one or all of its variants over a time range; every chart's
 * series fetched in one call per refresh off the FX thread, merged into what is held (a refresh
 * fetches only the new window) and downsampled for drawing there too, so the FX thread only
 * swaps in a few hundred points a line. Exports keep every point. Auto-refresh runs only while
 * the screen is shown; the client latencies laid over are those of the same endpoint on the
 * same connection.
 */
public final class MetricsViewModel extends ConnectedScreenModel {

    public static final String ALL_VARIANTS = "All variants";
    /** What the charts say before an endpoint is chosen. */
    public static final String NOTHING_CHOSEN = "Choose an endpoint above to chart its metrics.";

    /** Auto-refresh choices. */
    public enum Refresh {
        OFF("Off", null), S10("10 s", Duration.ofSeconds(10)), S30("30 s", Duration.ofSeconds(30)),
        M1("1 min", Duration.ofMinutes(1));

        private final String label;
        private final Duration every;

        Refresh(String label, Duration every) {
            this.label = label;
            this.every = every;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** What one chart draws: its lines, already downsampled, and why it is empty if it is. */
    public record ChartData(Map<String, List<MetricSeries.Point>> lines, String emptyReason) {
    }

    private final Supplier<List<HistoryEntry>> consoleHistory;
    private BiFunction<String, String, List<MetricSeries.Point>> loadTestLatency = (connection, endpoint) -> List.of();
    private final Jobs jobs;
    private final JobSlot listing = new JobSlot();
    private final JobSlot refreshing = new JobSlot();
    private final JobSlot exporting = new JobSlot();
    private final Poller poller;

    final StringProperty endpointName = new SimpleStringProperty("");
    final StringProperty variant = new SimpleStringProperty(ALL_VARIANTS);
    final ObjectProperty<TimeRange.Preset> preset = new SimpleObjectProperty<>(TimeRange.Preset.HOUR_1);
    final ObjectProperty<TimeRange> customRange = new SimpleObjectProperty<>();
    final BooleanProperty utc = new SimpleBooleanProperty();
    final BooleanProperty overlayClientLatency = new SimpleBooleanProperty(true);
    final ObjectProperty<Refresh> refresh = new SimpleObjectProperty<>(Refresh.OFF);
    private final ObservableList<String> endpoints = FXCollections.observableArrayList();
    private final ObservableList<String> variants = FXCollections.observableArrayList(ALL_VARIANTS);
    private final ObjectProperty<Map<MetricChart, ChartData>> drawn = new SimpleObjectProperty<>(Map.of());
    private final StringProperty summary = new SimpleStringProperty("");
    private MetricsData data;
    private Map<MetricChart, List<MetricQuery>> charts = Map.of();
    private String dataKey = "";

    /** @param consoleHistory the console's calls (read off the FX thread), whose latencies are laid over */
    private RecentEndpoints recent = new RecentEndpoints();

    public MetricsViewModel(HostingProvider hosting, Supplier<List<HistoryEntry>> consoleHistory, Jobs jobs) {
        super(hosting);
        this.consoleHistory = consoleHistory;
        this.jobs = jobs;
        this.poller = poll(jobs.scheduler(), () -> {
            if (!refreshing.isRunning()) {
                refresh();
            }
        });
        refresh.addListener((obs, old, now) -> poller.every(now == null ? null : now.every));
        for (javafx.beans.Observable input : List.<javafx.beans.Observable>of(endpointName, variant, preset, customRange)) {
            input.addListener(obs -> data = null);
        }
    }

    /** Where the endpoint last deployed, called or charted is kept: the screen opens on it. */
    public void useRecent(RecentEndpoints endpoints) {
        this.recent = endpoints;
    }

    @Override
    protected void clear() {
        listing.cancel();
        refreshing.cancel();
        endpoints.clear();
        endpointName.set("");
        variants.setAll(ALL_VARIANTS);
        variant.set(ALL_VARIANTS);
        data = null;
        charts = Map.of();
        dataKey = "";
        drawn.set(Map.of());
        summary.set("");
    }

    @Override
    protected void reload() {
        listEndpoints();
    }

    /** Lists the endpoints of the active connection. */
    public void listEndpoints() {
        Connection target = connection();
        if (target == null) {
            return;
        }
        listing.start(jobs.job("List the endpoints of " + target.label(),
                job -> hosting(target).control().listEndpoints()).onSuccess(found -> {
                    String current = endpointName.get() == null ? "" : endpointName.get();
                    List<String> names = found.stream().map(EndpointDescription::name).sorted().toList();
                    if (!endpoints.equals(names)) {
                        endpoints.setAll(names); // an editable combo box forgets its value when its items change
                    }
                    String recent = this.recent.of(target);
                    endpointName.set(!current.isBlank() ? current : recent != null && endpoints.contains(recent) ? recent
                            : endpoints.isEmpty() ? "" : endpoints.get(0));
                    refresh(); // the chosen endpoint is charted at once
                }));
    }

    /** Opens the screen on an endpoint (from the console or the endpoints table). */
    public void useEndpoint(String name) {
        recent.remember(connection(), name);
        if (!endpoints.contains(name)) {
            endpoints.add(name);
        }
        endpointName.set(name);
        refresh();
    }

    public TimeRange range(Instant now) {
        TimeRange custom = customRange.get();
        return custom != null ? custom : preset.get().endingAt(now);
    }

    /** Fetches what is new (everything, after a change of endpoint, variant or range) and redraws. */
    public void refresh() {
        Connection target = connection();
        String endpoint = endpointName.get() == null ? "" : endpointName.get().strip();
        if (target == null || endpoint.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        TimeRange range = range(now);
        String chosenVariant = variant.get();
        boolean overlay = overlayClientLatency.get();
        MetricsData held = data;
        Map<MetricChart, List<MetricQuery>> heldCharts = charts;
        String key = target.id() + "|" + endpoint + "|" + chosenVariant + "|" + range.span() + "|" + customRange.get();
        boolean fresh = held == null || !key.equals(dataKey);
        refreshing.start(jobs.job("Read the metrics of " + endpoint, job -> {
            MetricsSource source = hosting(target).metrics();
            List<MetricsSource.Variant> known = source.variants(endpoint);
            List<String> names = known.stream().map(MetricsSource.Variant::name).toList();
            List<String> chosen = ALL_VARIANTS.equals(chosenVariant) || chosenVariant == null ? names
                    : List.of(chosenVariant);
            boolean serverless = known.stream().anyMatch(v -> v.serverless() && chosen.contains(v.name()));
            Map<MetricChart, List<MetricQuery>> built = fresh ? MetricChart.queries(endpoint, chosen, serverless)
                    : heldCharts;
            List<MetricQuery> all = new ArrayList<>();
            built.values().forEach(all::addAll);
            MetricsData into = fresh ? new MetricsData(all) : held;
            int period = range.periodSeconds(now, all.size());
            TimeRange aligned = range.aligned(period);
            Instant from = into.refreshFrom(aligned.start(), period);
            into.merge(source.fetch(all, from, aligned.end(), period), aligned.end());
            into.trim(aligned.start());
            Map<MetricChart, ChartData> charts = ChartDrawing.draw(into, built, target.isLocal(), overlay
                    ? clientLatency(target, endpoint, range) : List.of(), overlay
                    ? inRange(loadTestLatency.apply(target.id(), endpoint), range) : List.of());
            return new Refreshed(names, built, into, charts, period, key);
        }).onSuccess(refreshed -> {
            useVariants(refreshed.variants());
            charts = refreshed.charts();
            data = refreshed.data();
            dataKey = refreshed.key();
            drawn.set(refreshed.drawn());
            summary.set(endpoint + " · " + range.span().toMinutes() + " min at " + refreshed.period() + " s · "
                    + (utc.get() ? "UTC" : ZoneId.systemDefault().getId()));
        }));
    }

    /** Changes the variant list in place, so the choice shown (a combo box's selection) stays. */
    private void useVariants(List<String> names) {
        List<String> next = new ArrayList<>(List.of(ALL_VARIANTS));
        next.addAll(names);
        variants.removeIf(name -> !next.contains(name));
        for (int i = 0; i < next.size(); i++) {
            if (!variants.contains(next.get(i))) {
                variants.add(i, next.get(i));
            }
        }
    }

    private record Refreshed(List<String> variants, Map<MetricChart, List<MetricQuery>> charts, MetricsData data,
                             Map<MetricChart, ChartData> drawn, int period, String key) {
    }

    /** The load tester's per-second p50 of its last run, for a connection id and endpoint, to lay over ModelLatency. */
    public void useLoadTestLatency(BiFunction<String, String, List<MetricSeries.Point>> latency) {
        this.loadTestLatency = latency;
    }

    private static List<MetricSeries.Point> inRange(List<MetricSeries.Point> points, TimeRange range) {
        return points.stream().filter(p -> !p.time().isBefore(range.start()) && p.time().isBefore(range.end())).toList();
    }

    /** The console's own measurements of this endpoint of this connection in the range, in ms. */
    private List<MetricSeries.Point> clientLatency(Connection target, String endpoint, TimeRange range) {
        List<MetricSeries.Point> points = new ArrayList<>();
        for (HistoryEntry entry : consoleHistory.get()) {
            if (target.id().equals(entry.connectionId()) && entry.request().endpointName().equals(endpoint)
                    && !entry.at().isBefore(range.start())
                    && entry.at().isBefore(range.end()) && entry.succeeded()) {
                points.add(new MetricSeries.Point(entry.at(), entry.latencyMs()));
            }
        }
        points.sort(java.util.Comparator.comparing(MetricSeries.Point::time));
        return points;
    }

    /** Writes every point of a chart (not the downsampled ones) as CSV. */
    public void exportCsv(MetricChart chart, Path file) {
        MetricsData held = data;
        List<MetricQuery> queries = charts.get(chart);
        if (held == null || queries == null) {
            return;
        }
        ZoneId zone = utc.get() ? ZoneOffset.UTC : ZoneId.systemDefault();
        exporting.start(jobs.job("Export CSV", job -> {
            AtomicFiles.write(file, held.toCsv(queries, zone).getBytes(StandardCharsets.UTF_8));
            return file;
        }).onSuccess(saved -> jobs.status().show("Saved " + saved)));
    }



    public ObservableList<String> endpoints() {
        return endpoints;
    }

    public ObservableList<String> variants() {
        return variants;
    }

    public ObjectProperty<Map<MetricChart, ChartData>> drawnProperty() {
        return drawn;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return refreshing.runningProperty();
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty endpointNameProperty() {
        return endpointName;
    }

    public ObjectProperty<TimeRange.Preset> presetProperty() {
        return preset;
    }

    public ObjectProperty<Refresh> refreshProperty() {
        return refresh;
    }

    public BooleanProperty utcProperty() {
        return utc;
    }

    public ObjectProperty<TimeRange> customRangeProperty() {
        return customRange;
    }
}
