package com.endpointstudio.cli;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.FrameworkRef;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.image.ImageCatalog;
import com.endpointstudio.core.image.ImageRequest;
import com.endpointstudio.core.image.ImageUri;
import com.endpointstudio.core.image.ImageUriResolver;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.packaging.EntryPoint;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Option(names = "--entry-point", paramLabel = "NAME", description = "the script under the archive's code/ that the "
            + "container imports: sets SAGEMAKER_PROGRAM (default: inference.py)")
    String entryPoint;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "SPEC.json")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ImageUri image = new ImageUriResolver(ImageCatalog.load()).retrieve(
                new ImageRequest(framework, version, pyVersion, region, instanceType, baseFrameworkVersion));
        String program = entryPoint == null ? null : entryPoint();
        DeploymentSpec deployment = SpecDefaults.realTime(name)
                .image(image.uri())
                .framework(new FrameworkRef(framework, version, pyVersion))
                .modelData(modelData.contains("://") ? modelData : Path.of(modelData).toAbsolutePath().toString())
                .executionRole(role)
                .instanceType(instanceType)
                .region(region)
                .build();
        if (program != null) {
            deployment = withProgram(deployment, program);
        }
        SpecValidator.forWorkingFolder().inRegion(region).validate(deployment);
        SpecFiles.write(output, deployment);
        spec.commandLine().getOut().println("Wrote " + output + " (endpoint " + deployment.endpoint().name()
                + ", image " + image.uri() + ")");
        spec.commandLine().getOut().flush();
        return 0;
    }

    private String entryPoint() {
        String name = EntryPoint.check(entryPoint, "--entry-point");
        if (framework.equalsIgnoreCase("tensorflow") && !name.equals(EntryPoint.DEFAULT)) {
            throw new ValidationException("--entry-point", "the TensorFlow Serving container runs only code/inference.py "
                    + "(it reads no SAGEMAKER_PROGRAM)");
        }
        return name;
    }

    /** The spec with the container's SAGEMAKER_PROGRAM naming the archive's entry point. */
    private static DeploymentSpec withProgram(DeploymentSpec deployment, String program) {
        ModelSpec model = deployment.models().get(0);
        ContainerSpec container = model.containers().get(0);
        Map<String, String> environment = new LinkedHashMap<>(container.environment());
        environment.put(EntryPoint.VARIABLE, program);
        ContainerSpec changed = new ContainerSpec(container.image(), container.framework(), container.modelData(),
                environment, container.hostname(), container.mode());
        ModelSpec withContainer = new ModelSpec(model.name(), model.executionRoleArn(), List.of(changed),
                model.inferenceExecutionMode(), model.vpc(), model.networkIsolation());
        return new DeploymentSpec(deployment.specVersion(), List.of(withContainer), deployment.endpointConfig(),
                deployment.endpoint());
    }
}
