package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.hosting.SageMakerControl.ComponentDescription;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The inference components of an endpoint: list them, and set a component's copies. */
@Command(name = "components", mixinStandardHelpOptions = true,
        description = {"The inference components of an endpoint (AWS, or Local with --local).",
                "  components list ENDPOINT          each component: status, copies, variant and model",
                "  components copies COMPONENT N     UpdateInferenceComponentRuntimeConfig: N copies (0 scales to zero)"})
public final class ComponentsCommand implements Callable<Integer> {

    private final StudioServices services;

    @Parameters(index = "0", paramLabel = "list|copies")
    String action;

    @Parameters(index = "1..*", paramLabel = "ARG")
    List<String> arguments = new java.util.ArrayList<>();

    @Mixin
    EndpointTarget target;

    @Spec
    CommandSpec spec;

    public ComponentsCommand(StudioServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        switch (action) {
            case "list" -> {
                require(1);
                List<ComponentDescription> components = target.withHosting(services,
                        hosting -> hosting.control().listInferenceComponents(arguments.get(0)));
                if (components.isEmpty()) {
                    out.println(arguments.get(0) + " hosts no inference components.");
                }
                for (ComponentDescription c : components) {
                    out.println(c.name() + "  " + c.status() + "  copies " + (c.currentCopies() == null ? "?"
                            : c.currentCopies()) + " of " + (c.desiredCopies() == null ? "?" : c.desiredCopies())
                            + "  variant " + c.variantName() + "  model " + c.modelName()
                            + (c.failureReason() == null ? "" : "  (" + c.failureReason() + ")"));
                }
            }
            case "copies" -> {
                require(2);
                int copies;
                try {
                    copies = Integer.parseInt(arguments.get(1));
                } catch (NumberFormatException e) {
                    throw new ValidationException("N", "'" + arguments.get(1) + "' is not a number of copies");
                }
                if (copies < 0) {
                    throw new ValidationException("N", "is " + copies + "; the minimum is 0");
                }
                target.withHosting(services, hosting -> {
                    hosting.control().updateInferenceComponentCopies(arguments.get(0), copies);
                    return null;
                });
                out.println(arguments.get(0) + " runs " + copies + " cop" + (copies == 1 ? "y" : "ies") + " now"
                        + (copies == 0 ? " (scaled to zero)." : "."));
            }
            default -> throw new ValidationException("ACTION", "'" + action + "' is not list or copies");
        }
        out.flush();
        return 0;
    }

    private void require(int count) {
        if (arguments.size() != count) {
            throw new ValidationException("ARG", action + " takes " + count + " argument" + (count == 1 ? "" : "s"));
        }
    }
}
