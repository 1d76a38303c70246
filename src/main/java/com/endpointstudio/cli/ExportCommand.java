package com.endpointstudio.cli;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.deploy.export.ExportFormat;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes a saved deployment spec as a boto3 script, AWS CLI commands or a CloudFormation template. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a deployment spec as a boto3 script, AWS CLI commands (bash), a CloudFormation "
                + "template, a SageMaker Python SDK script, an AWS CDK app (TypeScript or Python) or Terraform, each "
                + "runnable as is. The spec is validated first.")
public final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC.json", description = "The deployment spec saved by the studio.")
    Path specFile;

    @Option(names = "--as", required = true, paramLabel = "FORMAT", converter = FormatConverter.class,
            completionCandidates = FormatIds.class, description = "boto3, cli, cloudformation, sagemaker-sdk, cdk-ts, cdk-py or terraform.")
    ExportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path base = specFile.toAbsolutePath().getParent();
        DeploymentSpec deployment = SpecFiles.withLocalPathsFrom(SpecFiles.read(specFile), base);
        new SpecValidator(base).validate(deployment);
        String text = format.exporter().export(deployment);
        if (output == null) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        } else {
            try {
                AtomicFiles.write(output, text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new StudioException("Could not write " + output + ": " + e.getMessage(), e);
            }
            spec.commandLine().getErr().println("Wrote " + format.title() + " to " + output);
        }
        return 0;
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<ExportFormat> {
        @Override
        public ExportFormat convert(String value) {
            try {
                return ExportFormat.fromId(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class FormatIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(ExportFormat.values()).map(ExportFormat::id).iterator();
        }
    }
}
