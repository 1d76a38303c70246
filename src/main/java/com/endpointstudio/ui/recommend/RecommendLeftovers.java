package com.endpointstudio.ui.recommend;

import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.recommend.Recommender;
import com.endpointstudio.ui.common.Jobs;
import com.endpointstudio.ui.common.Plural;
import java.time.Duration;
import java.util.List;

/**
 * When the studio opens a connection (at start and on every switch): deletes the temporary endpoints,
 * configs and models a right-sizing run left there when it was stopped hard — the window closed by
 * force, the computer turned off, a `recommend` on the command line killed — and says so in the status
 * line. Runs still alive elsewhere are left alone. Temporary endpoints bill by the hour, so this does
 * not wait for the next run.
 */
public final class RecommendLeftovers {

    private final HostingProvider hosting;
    private final DeploymentJournal journal;
    private final Jobs jobs;

    public RecommendLeftovers(HostingProvider hosting, DeploymentJournal journal, Jobs jobs) {
        this.hosting = hosting;
        this.journal = journal;
        this.jobs = jobs;
    }

    /** Looks in the journal (off the FX thread) and, if a stopped run left anything on the connection, deletes it. */
    public void cleanUp(Connection connection) {
        if (connection == null) {
            return;
        }
        String place = connection.place();
        jobs.job("Read the deployment journal", job -> Recommender.hasLeftovers(journal, place)).quietly()
                .onSuccess(found -> {
                    if (found) {
                        delete(connection);
                    }
                }).start();
    }

    private void delete(Connection connection) {
        jobs.job("Delete the temporary endpoints a stopped recommendation left on " + connection.label(), job -> {
            try (HostingProvider.Session session = hosting.open(connection)) {
                return Recommender.cleanUpLeftovers(journal, new DeploymentRunner(session.hosting(), journal,
                        Duration.ofSeconds(10), Duration.ofMinutes(60)), connection.place());
            }
        }).onSuccess(deleted -> say(deleted, connection)).start();
    }

    private void say(List<String> deleted, Connection connection) {
        if (!deleted.isEmpty()) {
            jobs.status().show("Deleted " + Plural.of(deleted.size(), "temporary endpoint") + " (" + String.join(", ",
                    deleted) + ") with " + (deleted.size() == 1 ? "its" : "their")
                    + " config and model, left on " + connection.label() + " by a recommendation that was stopped");
        }
    }
}
