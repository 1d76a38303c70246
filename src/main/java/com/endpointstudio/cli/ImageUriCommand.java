package com.endpointstudio.cli;

import com.endpointstudio.core.image.ImageCatalog;
import com.endpointstudio.core.image.ImageRequest;
import com.endpointstudio.core.image.ImageUriResolver;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints a framework's inference image URI, as the SageMaker Python SDK's image_uris.retrieve does. */
@Command(name = "image-uri", mixinStandardHelpOptions = true,
        description = "Print the inference container image URI of a framework version for a region and instance type.")
public final class ImageUriCommand implements Callable<Integer> {

    @Option(names = "--framework", required = true, paramLabel = "F",
            description = "pytorch, tensorflow, sklearn, mxnet, xgboost or huggingface")
    String framework;

    @Option(names = "--framework-version", paramLabel = "V", description = "e.g. 2.1 (kept as typed in the tag); "
            + "default: the newest")
    String version;

    @Option(names = "--py-version", paramLabel = "P", description = "e.g. py310; needed when the version has several")
    String pyVersion;

    @Option(names = "--region", required = true, paramLabel = "R", description = "the region that pulls the image")
    String region;

    @Option(names = "--instance-type", paramLabel = "T", description = "e.g. ml.g5.xlarge: picks cpu, gpu, "
            + "Inferentia (inf2) or Graviton images")
    String instanceType;

    @Option(names = "--base-framework-version", paramLabel = "B",
            description = "Hugging Face only: the base framework, e.g. pytorch2.1")
    String baseFrameworkVersion;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var uri = new ImageUriResolver(ImageCatalog.load()).retrieve(
                new ImageRequest(framework, version, pyVersion, region, instanceType, baseFrameworkVersion));
        spec.commandLine().getOut().println(uri.uri());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
