package com.endpointstudio.hosting.aws;

import com.endpointstudio.core.hosting.EndpointLogs;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** Reads an endpoint's container logs from CloudWatch Logs group /aws/sagemaker/Endpoints/NAME. */
final class AwsEndpointLogs implements EndpointLogs {

    private final CloudWatchLogsClient logs;

    AwsEndpointLogs(AwsSession session) {
        this.logs = session.client(CloudWatchLogsClient.builder());
    }

    static String group(String endpointName) {
        return "/aws/sagemaker/Endpoints/" + endpointName;
    }

    /** The token is the timestamp (ms) after which lines are new. */
    @Override
    public LogBatch read(String endpointName, String since) {
        long after = since == null ? 0 : Long.parseLong(since);
        List<String> lines = new ArrayList<>();
        long newest = after;
        try {
            String next = null;
            do {
                String token = next;
                FilterLogEventsResponse page = logs.filterLogEvents(r -> r.logGroupName(group(endpointName))
                        .startTime(after + 1).nextToken(token).limit(1000));
                for (var event : page.events()) {
                    lines.add(event.message());
                    newest = Math.max(newest, event.timestamp());
                }
                next = page.nextToken();
            } while (next != null && lines.size() < 5000);
        } catch (ResourceNotFoundException e) {
            return new LogBatch(List.of(), since); // the container has not written yet
        }
        return new LogBatch(lines, Long.toString(newest));
    }
}
