package com.endpointstudio.ui.metrics;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.hosting.MetricsSource;
import com.endpointstudio.core.hosting.SageMakerControl.EndpointDescription;
import com.endpointstudio.core.invoke.history.HistoryEntry;
import com.endpointstudio.core.io.AtomicFiles;
import com.endpointstudio.core.metrics.Lttb;
import com.endpointstudio.core.metrics.MetricChart;
import com.endpointstudio.core.metrics.MetricQuery;
import com.endpointstudio.core.metrics.MetricSeries;
import com.endpointstudio.core.metrics.MetricsData;
import com.endpointstudio.core.metrics.TimeRange;
import com.endpointstudio.ui.common.Background;
import com.endpointstudio.ui.common.ConnectionSession;
import com.endpointstudio.ui.common.ErrorReporter;
import com.endpointstudio.ui.common.StatusModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
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
 * swaps in a few hundred points a line. Exports keep every point.
 */
public final class MetricsViewModel {

    public static final String ALL_VARIANTS = "All variants";
    /** Points drawn per line at most: about one per two pixels of a wide chart. */
    public static final int DRAWN_POINTS = 600;

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

    private final ConnectionSession sessions;
    private final Supplier<Connection> connection;
    private final Supplier<List<HistoryEntry>> consoleHistory;
    private Supplier<List<MetricSeries.Point>> loadTestLatency = List::of;
    private final Background background;
    private final ErrorReporter errors;
    private final StatusModel status;

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
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty summary = new SimpleStringProperty("");
    private final Timeline ticker = new Timeline();
    private MetricsData data;
    private Map<MetricChart, List<MetricQuery>> charts = Map.of();
    private String dataKey = "";

    public MetricsViewModel(HostingProvider hosting, Supplier<Connection> connection,
                            Supplier<List<HistoryEntry>> consoleHistory, Background background, ErrorReporter errors,
                            StatusModel status) {
        this.sessions = new ConnectionSession(hosting);
        this.connection = connection;
        this.consoleHistory = consoleHistory;
        this.background = background;
        this.errors = errors;
        this.status = status;
        ticker.setCycleCount(Timeline.INDEFINITE);
        refresh.addListener((obs, old, now) -> schedule(now));
        for (javafx.beans.Observable input : List.<javafx.beans.Observable>of(endpointName, variant, preset, customRange)) {
            input.addListener(obs -> data = null);
        }
    }

    private void schedule(Refresh every) {
        ticker.stop();
        if (every != null && every.every != null) {
            ticker.getKeyFrames().setAll(new KeyFrame(javafx.util.Duration.millis(every.every.toMillis()),
                    event -> refresh()));
            ticker.play();
        }
    }

    /** Lists the endpoints of the active connection. */
    public void listEndpoints() {
        Connection target = connection.get();
        if (target == null) {
            return;
        }
        background.run(() -> session(target).hosting().control().listEndpoints(), found -> {
            endpoints.setAll(found.stream().map(EndpointDescription::name).sorted().toList());
            if (endpointName.get().isBlank() && !endpoints.isEmpty()) {
                endpointName.set(endpoints.get(0));
            }
        }, error -> errors.report("List endpoints", error));
    }

    /** Opens the screen on an endpoint (from the console or the endpoints table). */
    public void useEndpoint(String name) {
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
        Connection target = connection.get();
        String endpoint = endpointName.get() == null ? "" : endpointName.get().strip();
        if (target == null || endpoint.isEmpty() || loading.get()) {
            return;
        }
        loading.set(true);
        Instant now = Instant.now();
        TimeRange range = range(now);
        String chosenVariant = variant.get();
        boolean overlay = overlayClientLatency.get();
        MetricsData held = data;
        Map<MetricChart, List<MetricQuery>> heldCharts = charts;
        String key = target.id() + "|" + endpoint + "|" + chosenVariant + "|" + range.span() + "|" + customRange.get();
        boolean fresh = held == null || !key.equals(dataKey);
        Runnable done = status.begin("Reading the metrics of " + endpoint + "…");
        background.run(() -> {
            MetricsSource source = session(target).hosting().metrics();
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
            Map<MetricChart, ChartData> charts = draw(into, built, target.isLocal(), overlay ? clientLatency(endpoint,
                    range) : List.of(), overlay ? inRange(loadTestLatency.get(), range) : List.of());
            return new Refreshed(names, built, into, charts, period, key);
        }, refreshed -> {
            done.run();
            loading.set(false);
            variants.setAll(ALL_VARIANTS);
            variants.addAll(refreshed.variants());
            charts = refreshed.charts();
            data = refreshed.data();
            dataKey = refreshed.key();
            drawn.set(refreshed.drawn());
            summary.set(endpoint + " · " + range.span().toMinutes() + " min at " + refreshed.period() + " s · "
                    + (utc.get() ? "UTC" : ZoneId.systemDefault().getId()));
        }, error -> {
            done.run();
            loading.set(false);
            errors.report("Metrics of " + endpoint, error);
        });
    }

    private record Refreshed(List<String> variants, Map<MetricChart, List<MetricQuery>> charts, MetricsData data,
                             Map<MetricChart, ChartData> drawn, int period, String key) {
    }

    /** Downsamples every line for drawing and says why an empty chart is empty. */
    static Map<MetricChart, ChartData> draw(MetricsData data, Map<MetricChart, List<MetricQuery>> charts, boolean local,
                                            List<MetricSeries.Point> clientLatency) {
        return draw(data, charts, local, clientLatency, List.of());
    }

    static Map<MetricChart, ChartData> draw(MetricsData data, Map<MetricChart, List<MetricQuery>> charts, boolean local,
                                            List<MetricSeries.Point> clientLatency,
                                            List<MetricSeries.Point> loadTestLatency) {
        Map<MetricChart, ChartData> drawn = new EnumMap<>(MetricChart.class);
        boolean anyInvocations = charts.getOrDefault(MetricChart.TRAFFIC, List.of()).stream()
                .filter(q -> q.metricName().equals("Invocations")).anyMatch(q -> !data.points(q.id()).isEmpty());
        charts.forEach((chart, queries) -> {
            Map<String, List<MetricSeries.Point>> lines = new LinkedHashMap<>();
            for (MetricQuery query : queries) {
                lines.put(query.label(), Lttb.downsample(data.points(query.id()), DRAWN_POINTS));
            }
            if (chart == MetricChart.LATENCY && !clientLatency.isEmpty()) {
                lines.put("client latency (console)", Lttb.downsample(clientLatency, DRAWN_POINTS));
            }
            if (chart == MetricChart.LATENCY && !loadTestLatency.isEmpty()) {
                lines.put("client p50 (load test)", Lttb.downsample(loadTestLatency, DRAWN_POINTS));
            }
            drawn.put(chart, new ChartData(lines, emptyReason(chart, local, anyInvocations)));
        });
        return drawn;
    }

    static String emptyReason(MetricChart chart, boolean local, boolean anyInvocations) {
        if (chart == MetricChart.UTILIZATION) {
            return local ? "Local endpoints record no instance utilization; AWS endpoints report it per instance."
                    : "No utilization data: the variant has no instances in this range (serverless endpoints have "
                    + "none), or the endpoint is not InService.";
        }
        return anyInvocations ? "No datapoints for these series in this range."
                : "No invocations in this range yet. Send some from the Console; metrics arrive about a minute "
                + "after the traffic.";
    }

    /** The load tester's per-second p50 (the last run), to lay over ModelLatency. */
    public void useLoadTestLatency(Supplier<List<MetricSeries.Point>> latency) {
        this.loadTestLatency = latency;
    }

    private static List<MetricSeries.Point> inRange(List<MetricSeries.Point> points, TimeRange range) {
        return points.stream().filter(p -> !p.time().isBefore(range.start()) && p.time().isBefore(range.end())).toList();
    }

    /** The console's own measurements of this endpoint in the range, in ms. */
    private List<MetricSeries.Point> clientLatency(String endpoint, TimeRange range) {
        List<MetricSeries.Point> points = new ArrayList<>();
        for (HistoryEntry entry : consoleHistory.get()) {
            if (entry.request().endpointName().equals(endpoint) && !entry.at().isBefore(range.start())
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
        background.run(() -> {
            AtomicFiles.write(file, held.toCsv(queries, zone).getBytes(StandardCharsets.UTF_8));
            return file;
        }, saved -> status.show("Saved " + saved), error -> errors.report("Export CSV", error));
    }

    HostingProvider.Session session(Connection target) {
        return sessions.of(target);
    }

    public synchronized void close() {
        ticker.stop();
        sessions.close();
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

    public BooleanProperty loadingProperty() {
        return loading;
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
