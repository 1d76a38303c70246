package com.endpointstudio.core.loadtest;

import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.error.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How hard and how long to call an endpoint.
 *
 * @param concurrency   requests in flight at once (one worker each)
 * @param requests      stop after this many (null: run for {@code duration})
 * @param duration      stop after this long (null: run for {@code requests})
 * @param ratePerSecond the target rate (null: as fast as the workers go); latencies are then measured from
 *                      each request's intended start, correcting coordinated omission
 * @param warmup        calls made first and left out of the figures (connections, caches, the model's first
 *                      calls), or null
 */
public record LoadTestPlan(int concurrency, Integer requests, Duration duration, Double ratePerSecond,
                           Duration warmup) {

    public LoadTestPlan(int concurrency, Integer requests, Duration duration, Double ratePerSecond) {
        this(concurrency, requests, duration, ratePerSecond, null);
    }

    public static final int MAX_CONCURRENCY = 1024;

    public List<FieldError> errors() {
        List<FieldError> errors = new ArrayList<>();
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            errors.add(new FieldError("Concurrency", "must be between 1 and " + MAX_CONCURRENCY));
        }
        if (requests == null && duration == null) {
            errors.add(new FieldError("Requests", "give a number of requests or a duration"));
        }
        if (requests != null && requests < 1) {
            errors.add(new FieldError("Requests", "must be at least 1"));
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            errors.add(new FieldError("Duration", "must be longer than zero"));
        }
        if (warmup != null && warmup.isNegative()) {
            errors.add(new FieldError("Warm-up", "can't be negative"));
        }
        if (ratePerSecond != null && !(ratePerSecond > 0)) {
            errors.add(new FieldError("Target rate", "must be more than 0 requests a second"));
        }
        return errors;
    }

    public void validate() {
        if (!errors().isEmpty()) {
            throw new ValidationException(errors());
        }
    }

    /** How many requests the plan will send at most, when that is known up front. */
    public long plannedRequests() {
        boolean warms = warmup != null && !warmup.isZero();
        if (ratePerSecond == null) {
            return requests != null && !warms ? requests : -1;
        }
        long warming = warms ? (long) Math.ceil(ratePerSecond * warmup.toMillis() / 1000.0) : 0;
        return warming + (requests != null ? requests : (long) Math.ceil(ratePerSecond * duration.toMillis() / 1000.0));
    }
}
