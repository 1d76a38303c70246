package com.endpointstudio.core.loadtest;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.invoke.InvocationRequest;
import com.endpointstudio.core.task.CancelToken;
import java.util.function.Consumer;

/** Where a load test runs: in this JVM, or in a JVM of its own that reports back. */
@FunctionalInterface
public interface LoadGenerator {

    /**
     * Calls the endpoint as the plan says, a snapshot a second to {@code onSecond}; {@code stop}
     * ends it early, and the report then covers what was sent until then.
     */
    LoadTestReport run(Connection target, InvocationRequest request, LoadTestPlan plan,
                       Consumer<LoadTestSnapshot> onSecond, CancelToken stop);
}
