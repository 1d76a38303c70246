package com.endpointstudio.cli;

import com.endpointstudio.core.byoc.ContainerTemplate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Bring your own container: a container folder for a library SageMaker has no image for. */
@Command(name = "byoc", mixinStandardHelpOptions = true,
        description = "Bring your own container: write an inference container for a library SageMaker has no "
                + "image for.", subcommands = {ByocCommand.New.class})
public final class ByocCommand {

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {"Write a container folder in the layout of SageMaker's own example: Dockerfile, "
                    + "requirements.txt and program/ with nginx.conf, serve, wsgi.py, predictor.py, scoring.py "
                    + "(and train with --train).",
                "Deploy it on this computer with its folder as the image (no Docker needed), or build and push it."})
    public static final class New implements Callable<Integer> {

        @Option(names = "--library", required = true, paramLabel = "NAME",
                description = "The pip package the model runs on (spacy, scikit-learn, lightgbm, …).")
        String library;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "An empty folder.")
        Path output;

        @Option(names = "--train", description = "Also write program/train (spaCy and scikit-learn).")
        boolean train;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<String> written = ContainerTemplate.write(output, library, train);
            PrintWriter out = spec.commandLine().getOut();
            out.println("Wrote a container for " + library + " in " + output + ":");
            written.forEach(file -> out.println("  " + file));
            out.flush();
            return 0;
        }
    }
}
