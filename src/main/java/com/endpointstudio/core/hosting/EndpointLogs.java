package com.endpointstudio.core.hosting;

import java.util.List;

/** The log lines of an endpoint's containers (CloudWatch Logs on AWS, the process output locally). */
public interface EndpointLogs {

    /**
     * Lines since the last call for this endpoint.
     *
     * @param since the token returned by the previous call, or null to start from the beginning
     */
    LogBatch read(String endpointName, String since);

    record LogBatch(List<String> lines, String next) {
    }
}
