package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.run.DeploymentJournal;
import com.endpointstudio.core.doctor.Forensics;
import com.endpointstudio.core.doctor.Reproduction;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Why an endpoint failed, from its failure reason and log; and, on request, the same model failing on this computer. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Say why an endpoint failed (or why its calls fail): its failure reason and its container's "
                + "log read for the last traceback and the known fatal lines, with what to do.",
                "With --reproduce, serve the same model (image behaviour, model data, environment) on this computer "
                + "and send it the payload: it fails the same way in seconds."})
public final class DiagnoseCommand implements Callable<Integer> {

    private final StudioServices services;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin
    EndpointTarget target;

    @Option(names = "--reproduce", description = "Serve the endpoint's model on the Local connection and call it.")
    boolean reproduce;

    @Option(names = "--body", paramLabel = "@FILE|TEXT", description = "With --reproduce: the request to send "
            + "(@FILE for a file's bytes).")
    String body;

    @Option(names = "--content-type", paramLabel = "TYPE", defaultValue = "application/json",
            description = "With --reproduce: the body's MIME type (default: ${DEFAULT-VALUE}).")
    String contentType;

    @Spec
    CommandSpec spec;

    public DiagnoseCommand(StudioServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (reproduce && target.isLocal()) {
            throw new ValidationException("--reproduce", "a Local endpoint already runs on this computer; diagnose it "
                    + "without --reproduce");
        }
        if (body != null && !reproduce) {
            throw new ValidationException("--body", "is sent by --reproduce only");
        }
        byte[] payload = body == null ? null : RequestBody.read(body);
        target.withHosting(services, hosting -> {
            var endpoint = hosting.control().describeEndpoint(name).orElseThrow(() ->
                    new StudioException("There is no endpoint " + name + "."));
            out.println(name + " is " + endpoint.status() + (endpoint.failureReason() == null ? ""
                    : ": " + endpoint.failureReason()));
            Forensics.Diagnosis found = Forensics.diagnose(endpoint.failureReason(), hosting.logs().read(name, null).lines());
            print(out, found);
            if (reproduce) {
                DeploymentSpec read = hosting.control().specOf(name);
                reproduce(out, read, hosting.modelData(), payload);
            }
            return found;
        });
        out.flush();
        return 0;
    }

    private void reproduce(PrintWriter out, DeploymentSpec read, com.endpointstudio.core.hosting.ModelDataStore source,
                           byte[] payload) {
        out.println();
        services.serveLocalEndpoints();
        try (HostingProvider.Session local = services.hostingProvider().open(Connection.local())) {
            Reproduction reproduction = new Reproduction(local.hosting(),
                    new DeploymentJournal(services.paths().dataDir().resolve("deployments")),
                    services.localRoot().resolve("reproductions"));
            Reproduction.Result result = reproduction.run(read, source, payload == null ? null
                    : new Reproduction.Payload(payload, contentType), line -> out.println("  " + line),
                    ProgressListener.NONE, CancelToken.none());
            out.println("On this computer " + result.endpointName() + " is " + result.status()
                    + (result.failureReason() == null ? "" : ": " + result.failureReason()));
            if (result.invocation() != null) {
                out.println("The payload got " + result.invocation().status() + ": "
                        + new String(result.invocation().body(), StandardCharsets.UTF_8).strip());
            }
            if (result.diagnosis() != null) {
                print(out, result.diagnosis());
            } else {
                out.println("It did not fail here: the difference lies in what SageMaker gives the container (the "
                        + "instance's memory or accelerator, the execution role, the network).");
            }
        }
    }

    static void print(PrintWriter out, Forensics.Diagnosis diagnosis) {
        out.println(diagnosis.text());
    }
}
