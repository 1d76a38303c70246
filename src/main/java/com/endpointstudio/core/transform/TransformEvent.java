package com.endpointstudio.core.transform;

import java.time.Duration;

/**
 * One thing that happened in a batch transform run, for the screen's timeline and the command's lines.
 *
 * @param step  "Model churn", "Input", "CreateTransformJob churn-2026…", or null for the job's own events
 * @param done  / total: bytes uploaded, or input bytes transformed (PROGRESS events)
 */
public record TransformEvent(Kind kind, String step, String message, Duration elapsed, long done, long total) {

    public enum Kind { STEP_STARTED, STEP_FINISHED, STEP_FAILED, STATUS, LOG, PROGRESS }

    static TransformEvent of(Kind kind, String step, String message, Duration elapsed) {
        return new TransformEvent(kind, step, message, elapsed, 0, 0);
    }

    @Override
    public String toString() {
        long seconds = elapsed.toSeconds();
        String time = String.format("%02d:%02d", seconds / 60, seconds % 60);
        return time + "  " + (step == null ? "" : step + ": ") + message;
    }
}
