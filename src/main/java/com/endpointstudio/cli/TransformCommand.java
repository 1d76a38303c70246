package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.deploy.export.TransformExport;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.hosting.BatchTransforms;
import com.endpointstudio.core.hosting.Hosting;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.instance.CostEstimate;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.transform.TransformCost;
import com.endpointstudio.core.transform.TransformEvent;
import com.endpointstudio.core.transform.TransformJobDescription;
import com.endpointstudio.core.transform.TransformJobSpec;
import com.endpointstudio.core.transform.TransformRun;
import com.endpointstudio.core.transform.TransformRunner;
import com.endpointstudio.core.transform.TransformSources;
import com.endpointstudio.core.transform.TransformValidator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A batch transform job: on AWS (CreateTransformJob), or on this computer with --local. */
@Command(name = "transform", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a data set with a spec's Model (or an existing Model) as a SageMaker batch transform job.",
                "With --local the job runs on this computer and the command returns when it is done: exit 0 when "
                        + "every record succeeded, 1 when a file failed. On AWS it exits once the job is created, or "
                        + "with --wait once it ended (0 when Completed)."})
public final class TransformCommand implements Callable<Integer> {

    private final StudioServices services;

    @Parameters(index = "0", paramLabel = "SPEC", description = "a spec file (its Model is created when missing), "
            + "the name of an existing Model, or a packaged model (a model.tar.gz or model folder, with --framework)")
    String source;

    @Option(names = "--input", required = true, paramLabel = "FILE|DIR|s3://…",
            description = "the records: a local file or folder (uploaded first on AWS), or an S3 prefix")
    String input;

    @Option(names = "--output", required = true, paramLabel = "DIR|s3://…", description = "where the results go")
    String output;

    @Option(names = "--content-type", required = true, paramLabel = "T") String contentType;

    @Option(names = "--split-type", required = true, paramLabel = "None|Line|RecordIO|TFRecord") String splitType;

    @Option(names = "--batch-strategy", required = true, paramLabel = "SingleRecord|MultiRecord")
    String batchStrategy;

    @Option(names = "--assemble-with", paramLabel = "None|Line") String assembleWith;

    @Option(names = "--accept", paramLabel = "A") String accept;

    @Option(names = "--max-payload-mb", paramLabel = "N") Integer maxPayloadMb;

    @Option(names = "--max-concurrent", paramLabel = "N", description = "MaxConcurrentTransforms")
    Integer maxConcurrent;

    @Option(names = "--input-filter", paramLabel = "P", description = "JSONPath, e.g. $[1:]") String inputFilter;

    @Option(names = "--join-source", paramLabel = "None|Input") String joinSource;

    @Option(names = "--output-filter", paramLabel = "P", description = "JSONPath, e.g. $[0,-1]") String outputFilter;

    @Option(names = "--instance-type", paramLabel = "T", defaultValue = "ml.m5.large",
            description = "(default: ${DEFAULT-VALUE})")
    String instanceType;

    @Option(names = "--instance-count", paramLabel = "N", defaultValue = "1") int instanceCount;

    @Option(names = "--local", description = "run on this computer, with the Model's serving personality")
    boolean local;

    @Mixin
    AwsOptions aws;

    @Option(names = "--wait", description = "on AWS, follow the job until it ends, with its log")
    boolean waitForEnd;

    @Option(names = "--job-name", paramLabel = "NAME", description = "(default: the Model's name and the time)")
    String jobName;

    @Option(names = "--model", paramLabel = "NAME", description = "which Model of the spec (default: the endpoint's)")
    String modelName;

    @Option(names = "--framework", paramLabel = "F", description = "with a packaged model: its framework (sklearn, "
            + "pytorch, tensorflow, xgboost, mxnet, huggingface…)")
    String framework;

    @Option(names = "--framework-version", paramLabel = "V", description = "with a packaged model: the framework "
            + "(container) version")
    String frameworkVersion;

    @Option(names = "--role", paramLabel = "ARN", description = "with a packaged model on AWS: the Model's execution "
            + "role")
    String role;

    @Option(names = "--compression", paramLabel = "None|Gzip") String compression;

    @Option(names = "--data-type", paramLabel = "S3Prefix|ManifestFile") String dataType;

    @Option(names = "--env", paramLabel = "KEY=VALUE", description = "a variable for the container (repeatable)")
    Map<String, String> environment = new LinkedHashMap<>();

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "a tag of the job (repeatable)")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--output-kms-key", paramLabel = "KEY") String outputKmsKey;

    @Option(names = "--volume-kms-key", paramLabel = "KEY") String volumeKmsKey;

    @Option(names = "--invocation-timeout", paramLabel = "SECONDS") Integer invocationTimeout;

    @Option(names = "--invocation-retries", paramLabel = "N") Integer invocationRetries;

    @Option(names = "--export", paramLabel = "boto3|cli", description = "print the job as a boto3 script or AWS CLI "
            + "commands instead of running it")
    String export;

    @Spec
    CommandSpec spec;

    public TransformCommand(StudioServices services) {
        this.services = services;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (local && (aws.profile != null || aws.region != null || aws.endpointUrl != null)) {
            throw new ValidationException("--local", "runs on this computer; --profile, --region and --endpoint-url "
                    + "apply to AWS");
        }
        ModelSpec model = null;
        String modelToUse;
        Path file = Path.of(source);
        if (Files.isRegularFile(file)) {
            DeploymentSpec deployment = SpecFiles.withLocalPathsFrom(SpecFiles.read(file),
                    file.toAbsolutePath().getParent());
            model = TransformSources.modelOf(deployment, modelName);
            modelToUse = model.name();
        } else if (Files.isDirectory(file) || source.endsWith(".tar.gz")) {
            model = archiveModel(file);
            modelToUse = model.name();
        } else if (source.matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}")) {
            modelToUse = source;
        } else {
            throw new ValidationException("SPEC", "'" + source + "' is neither a spec file nor the name of a Model");
        }
        TransformJobSpec job = job(modelToUse);
        if (export != null) {
            return printExport(job, model, out);
        }
        if (local) {
            return runLocally(job, model, out);
        }
        new TransformValidator(Path.of("")).inRegion(aws.region).validate(job, model);
        Connection connection = aws.connection();
        String region = services.sessions().resolveRegion(connection);
        try (HostingProvider.Session session = services.hostingProvider().open(connection)) {
            Hosting hosting = session.hosting();
            CostEstimate estimate = TransformCost.hourly(InstanceCatalog.load(), job.resources(), region);
            out.println("Cost: " + TransformCost.before(estimate));
            TransformRun run = new TransformRunner(hosting, Duration.ofSeconds(15)).run(job, model, waitForEnd,
                    new EventLines(out)::print, CancelToken.none());
            return report(run, hosting.transforms(), estimate, out);
        }
    }

    /** A packaged model as the job's Model: the framework's image for the region (none on Local), as the screen makes it. */
    private ModelSpec archiveModel(Path archive) {
        if (framework == null) {
            throw new ValidationException("--framework", "a packaged model needs its framework (and "
                    + "--framework-version) to know which container serves it");
        }
        if (!Files.exists(archive)) {
            throw new ValidationException("SPEC", archive + " does not exist");
        }
        String base = com.endpointstudio.core.deploy.EndpointNames.fromArtifact(archive);
        String name = modelName != null ? modelName : base.endsWith("model") ? base : base + "-model";
        String image = null;
        String region = null;
        if (!local) {
            region = services.sessions().resolveRegion(aws.connection());
            image = new com.endpointstudio.core.image.ImageUriResolver(com.endpointstudio.core.image.ImageCatalog.load())
                    .retrieve(new com.endpointstudio.core.image.ImageRequest(framework, frameworkVersion, null,
                            region, instanceType, null)).uri();
        }
        return TransformSources.archiveModel(name, archive.toAbsolutePath().toString(), framework, frameworkVersion,
                role, image, region);
    }

    private int printExport(TransformJobSpec job, ModelSpec model, PrintWriter out) {
        if (local) {
            throw new ValidationException("--export", "the exports run the job on AWS; leave out --local");
        }
        new TransformValidator(Path.of("")).inRegion(aws.region).validate(job, model);
        TransformExport scripts = new TransformExport(job, model);
        switch (export) {
            case "boto3" -> out.print(scripts.boto3());
            case "cli" -> out.print(scripts.awsCli());
            default -> throw new ValidationException("--export", "'" + export + "' is not an export of a transform job: "
                    + "use boto3 or cli (CloudFormation has no transform job resource)");
        }
        out.flush();
        return 0;
    }

    private int runLocally(TransformJobSpec job, ModelSpec model, PrintWriter out) {
        new TransformValidator(Path.of("")).forLocalHosting().validate(job, model);
        services.usePythonInterpreter(services.settingsStore().load().settings().pythonInterpreter());
        TransformJobSpec absolute = new TransformJobSpec(job.jobName(), job.modelName(),
                new TransformJobSpec.InputSpec(Path.of(job.input().location()).toAbsolutePath().toString(),
                        job.input().dataType(), job.input().contentType(), job.input().compressionType(),
                        job.input().splitType()), job.batchStrategy(), job.maxPayloadInMB(),
                job.maxConcurrentTransforms(), new TransformJobSpec.OutputSpec(Path.of(job.output().location())
                .toAbsolutePath().toString(), job.output().accept(), job.output().assembleWith(),
                job.output().kmsKeyId()), job.dataProcessing(), job.resources(), job.environment(), job.modelClient(),
                job.tags());
        Hosting hosting = services.hostingProvider().open(Connection.local()).hosting(); // Local's stays open
        out.println("Cost: runs on this computer; no instance is billed.");
        CancelToken cancel = new CancelToken();
        Thread stop = new Thread(cancel::cancel, "local-transform-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            TransformRun run = new TransformRunner(hosting, Duration.ofMillis(300)).run(absolute, model, true,
                    new EventLines(out)::print, cancel);
            return report(run, hosting.transforms(), null, out);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs already
            }
        }
    }

    private TransformJobSpec job(String model) {
        var processing = inputFilter == null && joinSource == null && outputFilter == null ? null
                : new TransformJobSpec.DataProcessingSpec(inputFilter, joinSource, outputFilter);
        var client = invocationTimeout == null && invocationRetries == null ? null
                : new TransformJobSpec.ModelClientSpec(invocationTimeout, invocationRetries);
        return new TransformJobSpec(jobName != null ? jobName : TransformSources.jobName(model, Instant.now()), model,
                new TransformJobSpec.InputSpec(input, dataType, contentType, compression, splitType), batchStrategy,
                maxPayloadMb, maxConcurrent, new TransformJobSpec.OutputSpec(output, accept, assembleWith, outputKmsKey),
                processing, new TransformJobSpec.ResourcesSpec(instanceType, instanceCount, volumeKmsKey), environment,
                client, tags);
    }

    private int report(TransformRun run, BatchTransforms transforms, CostEstimate estimate, PrintWriter out) {
        PrintWriter err = spec.commandLine().getErr();
        TransformJobDescription job = run.description();
        if (run.failure() != null && job == null) {
            err.println("error: " + run.failure());
            err.flush();
            return Cli.FAILED;
        }
        if (run.cancelled()) {
            out.println("Transform job " + run.job().jobName() + " was stopped; files it had not finished have no "
                    + "output.");
            out.flush();
            return Cli.FAILED;
        }
        if (job == null || !job.finished()) {
            out.println("Transform job " + run.job().jobName() + " is " + (job == null ? "created" : job.status())
                    + "; its results will be under " + run.job().output().location()
                    + " (use --wait to follow it).");
            out.flush();
            return 0;
        }
        if (estimate != null) {
            out.println("Cost: " + TransformCost.after(estimate, job));
        }
        var outputs = transforms.outputs(run.job().output().location());
        out.println("Output (" + outputs.size() + " object" + (outputs.size() == 1 ? "" : "s") + "):");
        outputs.forEach(object -> out.println("  " + object.location() + "  " + object.size() + " bytes"));
        if (!job.completed()) {
            err.println("error: transform job " + job.name() + " is " + job.status() + ": " + job.failureReason());
            err.flush();
            out.flush();
            return Cli.FAILED;
        }
        out.println("Transform job " + job.name() + " is Completed.");
        out.flush();
        return 0;
    }

    /** Prints events as lines; progress at most every 10 %. */
    private static final class EventLines {
        private final PrintWriter out;
        private long lastTenth = -1;

        EventLines(PrintWriter out) {
            this.out = out;
        }

        void print(TransformEvent event) {
            switch (event.kind()) {
                case PROGRESS -> {
                    long tenth = event.total() > 0 ? event.done() * 10 / event.total() : 0;
                    if (tenth == lastTenth) {
                        return;
                    }
                    lastTenth = tenth;
                    out.println((event.step() == null ? "" : event.step() + ": ") + tenth * 10 + " % of "
                            + event.total() + " bytes" + (event.step() == null ? " (" + event.message() + ")" : ""));
                }
                case LOG -> out.println("  | " + event.message());
                default -> out.println(event);
            }
            out.flush();
        }
    }
}
