package com.endpointstudio.cli;

import com.endpointstudio.core.deploy.SpecClone;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.image.ImageCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A spec under a new endpoint name, optionally for another region. */
@Command(name = "clone", mixinStandardHelpOptions = true,
        description = {"Write a spec under a new endpoint name (its config and models named after it), optionally "
                + "for another region, where framework images are resolved again.",
                "What can't move by itself (model data, output paths and keys of the old region) is listed."})
public final class SpecCloneCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC.json")
    Path specFile;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The new endpoint's name.")
    String name;

    @Option(names = "--region", paramLabel = "REGION", description = "The region the copy deploys to.")
    String region;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.json")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path base = specFile.toAbsolutePath().getParent();
        SpecClone.Result clone = SpecClone.of(SpecFiles.withLocalPathsFrom(SpecFiles.read(specFile), base), name, region,
                ImageCatalog.load());
        new SpecValidator(base).inRegion(region).validate(clone.spec());
        SpecFiles.write(output, clone.spec());
        PrintWriter out = spec.commandLine().getOut();
        out.println("Wrote " + output + ": endpoint " + clone.spec().endpoint().name()
                + (region == null ? "" : " in " + region));
        clone.notes().forEach(note -> out.println("  to do: " + note));
        out.flush();
        return 0;
    }
}
