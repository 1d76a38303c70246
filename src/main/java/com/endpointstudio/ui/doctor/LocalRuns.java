package com.endpointstudio.ui.doctor;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.doctor.Reproduction;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.hosting.ModelDataStore;
import com.endpointstudio.core.invoke.InvocationResult;
import com.endpointstudio.ui.common.Job;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Serves a spec's model on the Local connection for a screen's job — the wizard's "try it on this
 * computer first" and the Endpoints screen's "reproduce on this computer" — and says how it went.
 */
public final class LocalRuns {

    private final HostingProvider hosting;
    private final DeploymentJournal journal;
    private final Path downloads;

    /** @param downloads where model data from S3 is copied for Local to serve */
    public LocalRuns(HostingProvider hosting, DeploymentJournal journal, Path downloads) {
        this.hosting = hosting;
        this.journal = journal;
        this.downloads = downloads;
    }

    /**
     * @param source the connection the spec's S3 model data is read from (null or Local when it is on disk)
     * @param payload a request to send once it is InService, or null
     */
    Reproduction.Result run(DeploymentSpec spec, Connection source, Reproduction.Payload payload, Job.Context job) {
        try (HostingProvider.Session local = hosting.open(Connection.local())) {
            Reproduction reproduction = new Reproduction(local.hosting(), journal, downloads);
            if (source == null || source.isLocal()) {
                return reproduction.run(spec, null, payload, job::message, progress(job), job.cancelToken());
            }
            try (HostingProvider.Session aws = hosting.open(source)) {
                ModelDataStore store = aws.hosting().modelData();
                return reproduction.run(spec, store, payload, job::message, progress(job), job.cancelToken());
            }
        }
    }

    /** Reads the spec of an endpoint that exists (on an AWS connection), for its reproduction. */
    DeploymentSpec specOf(String endpoint, Connection connection) {
        try (HostingProvider.Session session = hosting.open(connection)) {
            return session.hosting().control().specOf(endpoint);
        }
    }

    private static com.endpointstudio.core.task.ProgressListener progress(Job.Context job) {
        return (done, total) -> job.progress(total > 0 ? (double) done / total : -1);
    }

    /** "On this computer churn-local is Failed." and the diagnosis, or what the payload got. */
    static String describe(Reproduction.Result result) {
        StringBuilder text = new StringBuilder("On this computer ").append(result.endpointName()).append(" is ")
                .append(result.status()).append('.');
        if (result.invocation() != null) {
            InvocationResult answer = result.invocation();
            String body = new String(answer.body(), StandardCharsets.UTF_8).strip();
            text.append(" The sample got ").append(answer.status()).append(": ")
                    .append(body.length() > 400 ? body.substring(0, 400) + "…" : body);
        }
        if (result.diagnosis() != null) {
            text.append("\n").append(result.diagnosis().text());
        }
        return text.toString();
    }
}
