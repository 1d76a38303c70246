package com.endpointstudio.ui.metrics;

import com.endpointstudio.core.metrics.MetricSeries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * One chart of the Metrics screen: a line per series over time, hover values, a legend whose
 * items hide and show their series, zoom by dragging across the plot (double-click resets), a
 * message when there is nothing to draw, and PNG export. It draws what it is given; the caller
 * downsamples.
 */
public final class MetricChartView extends StackPane {

    private final TimeAxis time = new TimeAxis();
    private final NumberAxis values = new NumberAxis();
    private final GappedLineChart chart = new GappedLineChart(time, values);
    private final String unit;
    private double rangeFrom;
    private double rangeTo;
    private final Label empty = new Label();
    private final Label hover = new Label();
    private final Region zoomBox = new Region();
    private final Map<String, XYChart.Series<Number, Number>> byName = new LinkedHashMap<>();
    private ZoneId zone = ZoneId.systemDefault();
    private double dragStartX = Double.NaN;

    public MetricChartView(String title, String unit) {
        getStyleClass().add("metric-chart");
        chart.setTitle(title);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        this.unit = unit;
        values.setLabel(unit);
        values.setForceZeroInRange(true);
        empty.getStyleClass().add("chart-empty");
        empty.setWrapText(true);
        empty.setMaxWidth(420);
        empty.setText(MetricsViewModel.NOTHING_CHOSEN);
        // an axis with no data would count from 1970
        time.setTickLabelsVisible(false);
        hover.getStyleClass().add("chart-hover");
        hover.setVisible(false);
        hover.setMouseTransparent(true);
        zoomBox.getStyleClass().add("chart-zoom-box");
        zoomBox.setManaged(false);
        zoomBox.setVisible(false);
        zoomBox.setMouseTransparent(true);
        getChildren().addAll(chart, empty, hover, zoomBox);
        StackPane.setAlignment(hover, javafx.geometry.Pos.TOP_RIGHT);
        chart.addEventHandler(MouseEvent.MOUSE_MOVED, this::showValuesAt);
        chart.addEventHandler(MouseEvent.MOUSE_EXITED, event -> hover.setVisible(false));
        chart.addEventHandler(MouseEvent.MOUSE_PRESSED, this::startZoom);
        chart.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragZoom);
        chart.addEventHandler(MouseEvent.MOUSE_RELEASED, this::endZoom);
        chart.addEventHandler(MouseEvent.MOUSE_CLICKED, event -> {
            if (event.getClickCount() == 2) {
                resetZoom();
            }
        });
    }

    /** Replaces what is drawn; empty series lists show {@code emptyReason} instead. */
    public void show(Map<String, List<MetricSeries.Point>> series, String emptyReason) {
        List<XYChart.Series<Number, Number>> lines = new ArrayList<>();
        Map<String, Boolean> hidden = new LinkedHashMap<>();
        byName.forEach((name, line) -> hidden.put(name, line.getNode() != null && !line.getNode().isVisible()));
        byName.clear();
        boolean anything = false;
        for (var entry : series.entrySet()) {
            XYChart.Series<Number, Number> line = new XYChart.Series<>();
            line.setName(entry.getKey());
            List<XYChart.Data<Number, Number>> data = new ArrayList<>(entry.getValue().size());
            for (MetricSeries.Point point : entry.getValue()) {
                data.add(new XYChart.Data<>(point.time().getEpochSecond(), point.value()));
            }
            anything |= !data.isEmpty();
            line.getData().setAll(data);
            lines.add(line);
            byName.put(entry.getKey(), line);
        }
        chart.getData().setAll(lines);
        chart.colourLegend();
        time.setTickLabelsVisible(anything);
        // an empty chart keeps no scale of the lines it showed before
        values.setAutoRanging(anything);
        values.setTickLabelsVisible(anything);
        if (!anything) {
            values.setLowerBound(0);
            values.setUpperBound(1);
        }
        empty.setText(anything ? "" : emptyReason);
        empty.setVisible(!anything);
        hidden.forEach((name, wasHidden) -> {
            if (wasHidden && byName.containsKey(name)) {
                setSeriesVisible(name, false);
            }
        });
        installLegendToggles();
    }

    public void useZone(ZoneId zoneId) {
        this.zone = zoneId;
        time.useZone(zoneId);
    }

    /** The time range chosen above the charts (epoch seconds): the axis spans it, whatever the data covers. */
    public void showRange(double from, double to) {
        boolean zoomed = isZoomed();
        rangeFrom = from;
        rangeTo = to;
        if (!zoomed) {
            time.span(from, to);
        }
    }

    /** Legend items hide and show their series when clicked. */
    private void installLegendToggles() {
        for (Node item : chart.lookupAll(".chart-legend-item")) {
            if (item instanceof Label label) {
                label.setOnMouseClicked(event -> {
                    XYChart.Series<Number, Number> line = byName.get(label.getText());
                    if (line != null && line.getNode() != null) {
                        boolean show = !line.getNode().isVisible();
                        setSeriesVisible(label.getText(), show);
                    }
                });
            }
        }
    }

    public void setSeriesVisible(String name, boolean visible) {
        XYChart.Series<Number, Number> line = byName.get(name);
        if (line != null && line.getNode() != null) {
            line.getNode().setVisible(visible);
            chart.lookupAll(".chart-legend-item").stream().filter(n -> n instanceof Label l && l.getText().equals(name))
                    .forEach(n -> n.setOpacity(visible ? 1 : 0.4));
        }
    }

    public boolean isSeriesVisible(String name) {
        XYChart.Series<Number, Number> line = byName.get(name);
        return line != null && line.getNode() != null && line.getNode().isVisible();
    }

    private void showValuesAt(MouseEvent event) {
        Node plot = chart.lookup(".chart-plot-background");
        if (plot == null || byName.isEmpty()) {
            return;
        }
        Point2D inPlot = plot.sceneToLocal(event.getSceneX(), event.getSceneY());
        if (inPlot == null || !plot.getLayoutBounds().contains(inPlot)) {
            hover.setVisible(false);
            return;
        }
        double x = time.getValueForDisplay(time.sceneToLocal(event.getSceneX(), event.getSceneY()).getX()).doubleValue();
        StringBuilder text = new StringBuilder(format(x));
        for (var entry : byName.entrySet()) {
            if (entry.getValue().getNode() != null && !entry.getValue().getNode().isVisible()) {
                continue;
            }
            XYChart.Data<Number, Number> nearest = nearest(entry.getValue(), x);
            if (nearest != null) {
                text.append('\n').append(entry.getKey()).append(": ")
                        .append(String.format(Locale.ROOT, "%.2f %s", nearest.getYValue().doubleValue(), unit));
            }
        }
        hover.setText(text.toString());
        hover.setVisible(true);
    }

    /** The point of a series nearest in time, by binary search (points are in time order). */
    static XYChart.Data<Number, Number> nearest(XYChart.Series<Number, Number> series, double x) {
        var data = series.getData();
        if (data.isEmpty()) {
            return null;
        }
        int low = 0;
        int high = data.size() - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (data.get(mid).getXValue().doubleValue() < x) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        if (low > 0 && Math.abs(data.get(low - 1).getXValue().doubleValue() - x)
                < Math.abs(data.get(low).getXValue().doubleValue() - x)) {
            low--;
        }
        return data.get(low);
    }

    private void startZoom(MouseEvent event) {
        if (event.getButton() == MouseButton.PRIMARY) {
            dragStartX = event.getX();
        }
    }

    private void dragZoom(MouseEvent event) {
        if (Double.isNaN(dragStartX)) {
            return;
        }
        Bounds bounds = chart.getBoundsInParent();
        double left = Math.min(dragStartX, event.getX());
        zoomBox.resizeRelocate(left, bounds.getMinY() + 30, Math.abs(event.getX() - dragStartX), bounds.getHeight() - 70);
        zoomBox.setVisible(true);
    }

    private void endZoom(MouseEvent event) {
        if (Double.isNaN(dragStartX)) {
            return;
        }
        double from = dragStartX;
        dragStartX = Double.NaN;
        zoomBox.setVisible(false);
        if (Math.abs(event.getX() - from) < 8) {
            return;
        }
        double a = valueAtChartX(from);
        double b = valueAtChartX(event.getX());
        zoomTo(Math.min(a, b), Math.max(a, b));
    }

    private double valueAtChartX(double chartX) {
        Point2D scene = chart.localToScene(chartX, 0);
        return time.getValueForDisplay(time.sceneToLocal(scene).getX()).doubleValue();
    }

    /** Shows only [from, to] (epoch seconds). */
    public void zoomTo(double from, double to) {
        time.span(from, to);
    }

    public void resetZoom() {
        time.span(rangeFrom, rangeTo);
    }

    public boolean isZoomed() {
        return time.getLowerBound() != rangeFrom || time.getUpperBound() != Math.max(rangeTo, rangeFrom + 60);
    }

    public void exportPng(Path file) throws IOException {
        WritableImage image = snapshot(null, null);
        javax.imageio.ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }

    public LineChart<Number, Number> chart() {
        return chart;
    }

    public String emptyReason() {
        return empty.isVisible() ? empty.getText() : "";
    }

    private String format(double epochSeconds) {
        DateTimeFormatter pattern = DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ENGLISH).withZone(zone);
        return pattern.format(Instant.ofEpochSecond((long) epochSeconds));
    }
}
