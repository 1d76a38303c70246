package com.endpointstudio.ui.metrics;

import java.util.List;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.chart.Axis;
import javafx.scene.chart.LineChart;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;

/**
 * A line chart that leaves missing data as gaps (a line is broken where two points lie further
 * apart than 2.5 times its usual spacing, instead of bridging an hour with a straight line) and
 * gives each series of a chart its own colour from a fixed palette, in its legend too.
 */
final class GappedLineChart extends LineChart<Number, Number> {

    /** Twelve colours distinct in the light and the dark theme (a chart has at most eleven series). */
    static final List<String> PALETTE = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#f0b400", "#00a087");

    GappedLineChart(Axis<Number> x, Axis<Number> y) {
        super(x, y);
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        ObservableList<Series<Number, Number>> all = getData();
        for (int i = 0; i < all.size(); i++) {
            Series<Number, Number> series = all.get(i);
            if (series.getNode() instanceof Path path) {
                path.setStyle("-fx-stroke: " + colour(i) + ";");
                breakGaps(series, path);
            }
        }
    }

    static String colour(int index) {
        return PALETTE.get(index % PALETTE.size());
    }

    /** Colours the legend's symbols like their lines. */
    void colourLegend() {
        List<Node> items = List.copyOf(lookupAll(".chart-legend-item"));
        for (Node item : items) {
            if (item instanceof javafx.scene.control.Label label && label.getGraphic() != null) {
                int index = indexOf(label.getText());
                if (index >= 0) {
                    label.getGraphic().setStyle("-fx-background-color: " + colour(index) + ", white;");
                }
            }
        }
    }

    private int indexOf(String name) {
        for (int i = 0; i < getData().size(); i++) {
            if (getData().get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Each data point is one element of the path (a move, then lines): a line across a gap becomes a move. */
    private static void breakGaps(Series<Number, Number> series, Path path) {
        var data = series.getData();
        ObservableList<PathElement> elements = path.getElements();
        if (data.size() < 3 || elements.size() != data.size()) {
            return;
        }
        double spacing = Double.MAX_VALUE;
        for (int i = 1; i < data.size(); i++) {
            double step = data.get(i).getXValue().doubleValue() - data.get(i - 1).getXValue().doubleValue();
            if (step > 0) {
                spacing = Math.min(spacing, step);
            }
        }
        for (int i = 1; i < data.size(); i++) {
            double step = data.get(i).getXValue().doubleValue() - data.get(i - 1).getXValue().doubleValue();
            if (step > 2.5 * spacing && elements.get(i) instanceof LineTo line) {
                elements.set(i, new MoveTo(line.getX(), line.getY()));
            }
        }
    }
}
