package com.endpointstudio.cli;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.image.ImageCatalog;
import com.endpointstudio.core.image.ImageRequest;
import com.endpointstudio.core.image.ImageUri;
import com.endpointstudio.core.image.ImageUriResolver;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes the deployment spec of the simple real-time case: one model, one variant, one endpoint. */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Write a deployment spec for a real-time endpoint from a framework image, model data, a role "
                + "and an instance type. Apply it with 'deploy', or export it with 'export'.")
public final class SpecNewCommand implements Callable<Integer> {

    @Option(names = "--framework", required = true, paramLabel = "F",
            description = "pytorch, tensorflow, sklearn, mxnet, xgboost or huggingface")
    String framework;

    @Option(names = "--framework-version", required = true, paramLabel = "V")
    String version;

    @Option(names = "--py-version", paramLabel = "P")
    String pyVersion;

    @Option(names = "--base-framework-version", paramLabel = "B", description = "Hugging Face only, e.g. pytorch2.1")
    String baseFrameworkVersion;

    @Option(names = "--model-data", required = true, paramLabel = "PATH_OR_S3",
            description = "a model.tar.gz or model folder (uploaded at deploy), or an s3:// URI")
    String modelData;

    @Option(names = "--role", required = true, paramLabel = "ARN", description = "the execution role SageMaker assumes")
    String role;

    @Option(names = "--instance-type", required = true, paramLabel = "T")
    String instanceType;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "the endpoint name; the Model and EndpointConfig are named after it")
    String name;

    @Option(names = "--region", paramLabel = "R", defaultValue = "us-east-1",
            description = "the region of the image and of SAGEMAKER_REGION (default: ${DEFAULT-VALUE})")
    String region;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "SPEC.json")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ImageUri image = new ImageUriResolver(ImageCatalog.load()).retrieve(
                new ImageRequest(framework, version, pyVersion, region, instanceType, baseFrameworkVersion));
        DeploymentSpec deployment = SpecDefaults.realTime(name)
                .image(image.uri())
                .framework(new FrameworkRef(framework, version, pyVersion))
                .modelData(modelData.contains("://") ? modelData : Path.of(modelData).toAbsolutePath().toString())
                .executionRole(role)
                .instanceType(instanceType)
                .region(region)
                .build();
        SpecValidator.forWorkingFolder().inRegion(region).validate(deployment);
        SpecFiles.write(output, deployment);
        spec.commandLine().getOut().println("Wrote " + output + " (endpoint " + deployment.endpoint().name()
                + ", image " + image.uri() + ")");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
