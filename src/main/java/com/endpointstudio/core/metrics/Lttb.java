package com.endpointstudio.core.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Largest-triangle-three-buckets downsampling: keeps the points that shape a line (peaks,
 * troughs, steps), so a week of minutes draws as fast as a few hundred points and still looks
 * the same. Only what is drawn is reduced; exports keep every point.
 */
public final class Lttb {

    private Lttb() {
    }

    public static List<MetricSeries.Point> downsample(List<MetricSeries.Point> points, int threshold) {
        int n = points.size();
        if (threshold >= n || threshold < 3) {
            return points;
        }
        List<MetricSeries.Point> sampled = new ArrayList<>(threshold);
        double every = (double) (n - 2) / (threshold - 2);
        int a = 0;
        sampled.add(points.get(0));
        for (int i = 0; i < threshold - 2; i++) {
            int avgStart = (int) Math.floor((i + 1) * every) + 1;
            int avgEnd = Math.min((int) Math.floor((i + 2) * every) + 1, n);
            double avgX = 0;
            double avgY = 0;
            for (int j = avgStart; j < avgEnd; j++) {
                avgX += x(points.get(j));
                avgY += points.get(j).value();
            }
            int avgCount = Math.max(1, avgEnd - avgStart);
            avgX /= avgCount;
            avgY /= avgCount;
            int rangeStart = (int) Math.floor(i * every) + 1;
            int rangeEnd = (int) Math.floor((i + 1) * every) + 1;
            double ax = x(points.get(a));
            double ay = points.get(a).value();
            double maxArea = -1;
            int chosen = rangeStart;
            for (int j = rangeStart; j < rangeEnd; j++) {
                double area = Math.abs((ax - avgX) * (points.get(j).value() - ay)
                        - (ax - x(points.get(j))) * (avgY - ay));
                if (area > maxArea) {
                    maxArea = area;
                    chosen = j;
                }
            }
            sampled.add(points.get(chosen));
            a = chosen;
        }
        sampled.add(points.get(n - 1));
        return sampled;
    }

    private static double x(MetricSeries.Point point) {
        return point.time().getEpochSecond();
    }
}
