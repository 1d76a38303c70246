package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Reads an endpoint that exists (made by the studio or not) back as a deployment spec. */
@Command(name = "from-endpoint", mixinStandardHelpOptions = true,
        description = {"Write an existing endpoint as a deployment spec: its config, models, tags and autoscaling.",
                "Deploy it under another name, clone it to another region, or export it in any dialect."})
public final class SpecFromEndpointCommand implements Callable<Integer> {

    private final StudioServices services;

    @Parameters(index = "0", paramLabel = "NAME", description = "The endpoint's name.")
    String endpointName;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "SPEC.json", description = "Where to write the spec.")
    Path output;

    @Mixin
    EndpointTarget target;

    @Spec
    CommandSpec spec;

    public SpecFromEndpointCommand(StudioServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        DeploymentSpec read = target.withHosting(services, hosting -> hosting.control()
                .specOf(endpointName));
        SpecFiles.write(output, read);
        spec.commandLine().getOut().println("Wrote " + output + ": endpoint " + endpointName + ", "
                + read.models().size() + (read.models().size() == 1 ? " model, " : " models, ")
                + read.endpointConfig().variants().size()
                + (read.endpointConfig().variants().size() == 1 ? " variant" : " variants"));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
