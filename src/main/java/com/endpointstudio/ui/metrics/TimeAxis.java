package com.endpointstudio.ui.metrics;

import java.time.ZoneId;
import java.util.List;
import javafx.scene.chart.ValueAxis;

/**
 * A time axis (epoch seconds) over exactly the range it is given, not the data's: ticks at round
 * local times, the date only where it changes (see {@link TimeTicks}).
 */
final class TimeAxis extends ValueAxis<Number> {

    private ZoneId zone = ZoneId.systemDefault();
    private List<Long> ticks = List.of();

    TimeAxis() {
        setAutoRanging(false);
        setMinorTickVisible(false);
        setAnimated(false);
    }

    void useZone(ZoneId zoneId) {
        this.zone = zoneId;
        invalidateRange();
        requestAxisLayout();
    }

    /** Spans [from, to] (epoch seconds). */
    void span(double from, double to) {
        setLowerBound(from);
        setUpperBound(Math.max(to, from + 60));
    }

    @Override
    protected List<Number> calculateMinorTickMarks() {
        return List.of();
    }

    @Override
    protected void setRange(Object range, boolean animate) {
        double[] bounds = (double[]) range;
        setLowerBound(bounds[0]);
        setUpperBound(bounds[1]);
        currentLowerBound.set(bounds[0]);
        setScale(bounds[2]);
    }

    @Override
    protected Object getRange() {
        double length = getSide() != null && getSide().isVertical() ? getHeight() : getWidth();
        return new double[] {getLowerBound(), getUpperBound(),
                calculateNewScale(length, getLowerBound(), getUpperBound())};
    }

    @Override
    protected List<Number> calculateTickValues(double length, Object range) {
        double[] bounds = (double[]) range;
        // about one label per 110 pixels, so "Nov 30 15:30" never runs into the next one
        int most = Math.max(2, (int) (length / 110));
        long step = TimeTicks.step(bounds[1] - bounds[0], most);
        double perSecond = length / Math.max(1, bounds[1] - bounds[0]);
        // a label centred on a tick at the very edge would be cut in half
        ticks = TimeTicks.ticks(bounds[0], bounds[1], step, zone).stream()
                .filter(t -> (t - bounds[0]) * perSecond >= 40 && (bounds[1] - t) * perSecond >= 40).toList();
        return List.copyOf(ticks);
    }

    @Override
    protected String getTickMarkLabel(Number value) {
        long tick = value.longValue();
        int at = ticks.indexOf(tick);
        return TimeTicks.label(tick, at > 0 ? ticks.get(at - 1) : null, zone);
    }
}
