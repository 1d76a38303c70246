package com.endpointstudio.testing;

import com.endpointstudio.ui.common.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A scheduler for toolkit-free view model tests: time passes only when the test advances it. */
public final class ManualScheduler implements Scheduler {

    private final List<Task> tasks = new ArrayList<>();
    private Duration now = Duration.ZERO;

    private final class Task implements Timer {
        final Runnable action;
        final Duration period;
        Duration due;
        boolean closed;

        Task(Runnable action, Duration due, Duration period) {
            this.action = action;
            this.due = due;
            this.period = period;
        }

        @Override
        public void close() {
            closed = true;
            tasks.remove(this);
        }
    }

    @Override
    public Timer every(Duration period, Runnable action) {
        Task task = new Task(action, now.plus(period), period);
        tasks.add(task);
        return task;
    }

    @Override
    public Timer after(Duration delay, Runnable action) {
        Task task = new Task(action, now.plus(delay), null);
        tasks.add(task);
        return task;
    }

    /** Lets {@code time} pass, running what falls due, in order. */
    public void advance(Duration time) {
        Duration until = now.plus(time);
        while (true) {
            Task next = tasks.stream().filter(t -> t.due.compareTo(until) <= 0)
                    .min((a, b) -> a.due.compareTo(b.due)).orElse(null);
            if (next == null) {
                break;
            }
            now = next.due;
            if (next.period == null) {
                next.close();
            } else {
                next.due = next.due.plus(next.period);
            }
            next.action.run();
        }
        now = until;
    }

    /** How many timers are waiting (a poller of a hidden screen leaves none). */
    public int pending() {
        return tasks.size();
    }
}
