package com.endpointstudio.core.deploy.run;

import java.time.Duration;

/**
 * One thing that happened in a deployment, for the timeline.
 *
 * @param elapsed time since the run started
 * @param step    the step's title ("CreateModel churn-model"), or null for run-wide events
 */
public record DeploymentEvent(Kind kind, String step, String message, Duration elapsed, long done, long total) {

    public enum Kind { STEP_STARTED, STEP_FINISHED, STEP_FAILED, STATUS, LOG, PROGRESS, ROLLBACK }

    static DeploymentEvent of(Kind kind, String step, String message, Duration elapsed) {
        return new DeploymentEvent(kind, step, message, elapsed, 0, 0);
    }

    @Override
    public String toString() {
        long seconds = elapsed.toSeconds();
        String time = String.format("%02d:%02d", seconds / 60, seconds % 60);
        return time + "  " + (step == null ? "" : step + ": ") + message;
    }
}
