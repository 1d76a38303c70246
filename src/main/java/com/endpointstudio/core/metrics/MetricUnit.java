package com.endpointstudio.core.metrics;

/** How a metric's raw values are shown: SageMaker reports latencies in microseconds, the studio shows ms. */
public enum MetricUnit {
    MICROSECONDS("ms") {
        @Override
        public double display(double raw) {
            return raw / 1000.0;
        }
    },
    COUNT("count"),
    PERCENT("%");

    private final String label;

    MetricUnit(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The value as the chart and the exports show it. */
    public double display(double raw) {
        return raw;
    }
}
