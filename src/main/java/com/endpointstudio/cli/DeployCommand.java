package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.deploy.run.DeploymentEvent;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.deploy.run.DeploymentRecord;
import com.endpointstudio.core.deploy.run.DeploymentRunner;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.task.CancelToken;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Applies a deployment spec: upload, CreateModel, CreateEndpointConfig, CreateEndpoint, optionally wait. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploy a spec saved by the studio (or written by 'spec new') to SageMaker.",
                "Prints the timeline; exits 0 when created (InService with --wait), 1 when a step failed."})
public final class DeployCommand implements Callable<Integer> {

    private final StudioServices services;

    @Parameters(index = "0", paramLabel = "SPEC.json")
    Path specFile;

    @Mixin
    AwsOptions aws;

    @Option(names = "--wait", description = "wait until the endpoint is InService (or Failed), tailing its log")
    boolean waitInService;

    @Option(names = "--rollback-on-failure", description = "on failure, delete what this run created")
    boolean rollbackOnFailure;

    @Option(names = "--local", description = "deploy on this computer (Local hosting) and serve the endpoint until "
            + "this command is stopped (Ctrl+C); the studio starts it again at its next start. With AWS options, s3:// "
            + "model data missing from the local bucket folder is downloaded through them")
    boolean local;

    @Spec
    CommandSpec spec;

    public DeployCommand(StudioServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        Path base = specFile.toAbsolutePath().getParent();
        DeploymentSpec deployment = SpecFiles.withLocalPathsFrom(SpecFiles.read(specFile), base);
        PrintWriter out = spec.commandLine().getOut();
        if (local) {
            return deployLocally(deployment, out);
        }
        new SpecValidator(base).inRegion(aws.region).validate(deployment);
        try (HostingProvider.Session session = services.hostingProvider().open(aws.connection())) {
            DeploymentRunner runner = new DeploymentRunner(session.hosting(),
                    new DeploymentJournal(services.paths().dataDir().resolve("deployments")), Duration.ofSeconds(15),
                    Duration.ofMinutes(60));
            DeploymentRecord record = runner.plan(deployment, "command line", waitInService);
            out.println("Deployment " + record.runId() + " of endpoint " + deployment.endpoint().name());
            ProgressLines progress = new ProgressLines(out);
            record = runner.run(record, progress::print, CancelToken.none());
            if (record.state() == DeploymentRecord.State.SUCCEEDED) {
                out.println(waitInService ? "Endpoint " + deployment.endpoint().name() + " is InService."
                        : "Endpoint " + deployment.endpoint().name() + " is being created (use --wait to follow it).");
                out.flush();
                return 0;
            }
            spec.commandLine().getErr().println("error: " + record.failure());
            if (rollbackOnFailure) {
                runner.rollback(record, progress::print);
                out.println("Rolled back: what this run created was deleted.");
            } else {
                out.println("Resources created so far were kept; the journal " + record.runId() + " lists them.");
            }
            out.flush();
            return Cli.FAILED;
        }
    }

    private int deployLocally(DeploymentSpec deployment, PrintWriter out) {
        new SpecValidator(Path.of("")).forLocalHosting().validate(deployment);
        services.useS3ConnectionForLocal(aws.forLocalS3(services));
        services.serveLocalEndpoints();
        HostingProvider.Session session = services.hostingProvider().open(
                com.endpointstudio.core.connection.Connection.local()); // local hosting stays open while serving
        DeploymentRunner runner = new DeploymentRunner(session.hosting(),
                new DeploymentJournal(services.paths().dataDir().resolve("deployments")), Duration.ofMillis(200),
                Duration.ofMinutes(10));
        DeploymentRecord record = runner.plan(deployment, com.endpointstudio.core.connection.Connection.LOCAL_ID, true);
        record = runner.run(record, new ProgressLines(out)::print, CancelToken.none());
        if (record.state() != DeploymentRecord.State.SUCCEEDED) {
            spec.commandLine().getErr().println("error: " + record.failure());
            if (rollbackOnFailure) {
                runner.rollback(record, event -> { });
                out.println("Rolled back: what this run created was deleted.");
            }
            out.flush();
            return Cli.FAILED;
        }
        String url = services.localRuntime().url();
        out.println("Serving " + deployment.endpoint().name() + " at " + url + "/endpoints/"
                + deployment.endpoint().name() + "/invocations until this command is stopped (Ctrl+C)"
                + com.endpointstudio.core.hosting.LocalRuntimePort.movedNote(url) + ".");
        out.flush();
        Thread shutdown = new Thread(services::close, "local-endpoints-stop");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            Thread.currentThread().join(); // serve until the process is stopped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Prints events as lines, upload progress at most every 10 %. */
    private static final class ProgressLines {
        private final PrintWriter out;
        private long lastTenth = -1;

        ProgressLines(PrintWriter out) {
            this.out = out;
        }

        void print(DeploymentEvent event) {
            if (event.kind() == DeploymentEvent.Kind.PROGRESS) {
                long tenth = event.total() > 0 ? event.done() * 10 / event.total() : 0;
                if (tenth == lastTenth) {
                    return;
                }
                lastTenth = tenth;
                out.println(event.step() + ": " + tenth * 10 + " % of " + event.total() + " bytes");
            } else {
                out.println(event);
            }
            out.flush();
        }
    }
}
