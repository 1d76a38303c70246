package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.connection.Connection;
import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecFiles;
import com.endpointstudio.core.doctor.Doctor;
import com.endpointstudio.core.doctor.DoctorFinding;
import com.endpointstudio.core.doctor.DoctorReport;
import com.endpointstudio.core.doctor.DoctorTarget;
import com.endpointstudio.core.doctor.ImageFacts;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.hosting.HostingProvider;
import com.endpointstudio.core.hosting.ModelDataStore;
import com.endpointstudio.core.packaging.EntryPoint;
import com.endpointstudio.core.packaging.Framework;
import com.endpointstudio.core.packaging.FrameworkVersion;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The deploy doctor from the command line: what would make this model fail, before the ten-minute wait. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check a deployment spec, a model archive or folder, or model data in S3 before deploying it: "
                + "the layout its container reads, the handler script as Python parses it, imports that nothing "
                + "installs, the image against the instance type, the model's size against its memory, the payload "
                + "against its limit. Each finding names the rule's source and the fix.",
                "Exits with 1 when a finding is an error, 2 on bad input."})
public final class DoctorCommand implements Callable<Integer> {

    private final StudioServices services;

    @Parameters(index = "0", paramLabel = "SPEC|ARCHIVE|FOLDER|s3://…",
            description = "A deployment spec (JSON), a model.tar.gz, a model folder, an s3:// object or prefix.")
    String subject;

    @Option(names = "--framework", paramLabel = "F", description = "pytorch, tensorflow, sklearn, mxnet, xgboost, "
            + "huggingface or custom (for model data; a spec names its own).")
    String framework;

    @Option(names = "--framework-version", paramLabel = "V", description = "The framework (container) version.")
    String frameworkVersion;

    @Option(names = "--entry-point", paramLabel = "NAME", description = "The script in code/ (SAGEMAKER_PROGRAM); "
            + "default inference.py.")
    String entryPoint;

    @Option(names = "--image", paramLabel = "URI", description = "The image URI (its repository gives the framework).")
    String image;

    @Option(names = "--instance-type", paramLabel = "T", description = "The instance type it will run on.")
    String instanceType;

    @Option(names = "--serverless-memory", paramLabel = "MB", description = "Serverless memory size (1024 to 6144).")
    Integer serverlessMemory;

    @Option(names = "--multi-model", description = "The model data is a prefix of model archives (multi-model).")
    boolean multiModel;

    @Option(names = "--async", description = "It will be called asynchronously (payloads up to 1 GB).")
    boolean async;

    @Option(names = "--payload", paramLabel = "FILE", description = "A request body to check against the payload limit.")
    Path payload;

    @Option(names = "--local", description = "read s3:// model data as Local hosting does: from the local bucket "
            + "folder, else through the AWS options given (or the connection chosen in Settings › Local hosting)")
    boolean local;

    @Mixin
    AwsOptions aws;

    @Spec
    CommandSpec spec;

    public DoctorCommand(StudioServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Long payloadBytes = payloadSize();
        Doctor doctor = new Doctor(services.preflight());
        DeploymentSpec deployment = readSpec();
        List<DoctorReport> reports;
        ProgressListener progress = progress(err);
        if (deployment != null) {
            boolean s3 = Doctor.targets(deployment).stream().anyMatch(e -> e.location() != null
                    && e.location().startsWith("s3://"));
            reports = withStore(s3, store -> doctor.examine(deployment, store, payloadBytes, progress, CancelToken.none()));
        } else {
            DoctorTarget target = target();
            DoctorReport report = withStore(subject.startsWith("s3://"), store -> doctor.examine(subject, target, store,
                    payloadBytes, progress, CancelToken.none()));
            reports = List.of(report);
        }
        boolean errors = false;
        for (DoctorReport report : reports) {
            print(out, report);
            errors |= report.hasErrors();
        }
        out.flush();
        return errors ? Cli.FAILED : 0;
    }

    private <T> T withStore(boolean s3, Function<ModelDataStore, T> work) {
        if (!s3) {
            return work.apply(null);
        }
        Connection connection;
        if (local) {
            services.useS3ConnectionForLocal(aws.forLocalS3(services));
            connection = Connection.local();
        } else {
            connection = aws.connection();
        }
        try (HostingProvider.Session session = services.hostingProvider().open(connection)) {
            return work.apply(session.hosting().modelData());
        }
    }

    /** The spec, when the subject is one (a JSON file); null for model data. */
    private DeploymentSpec readSpec() {
        if (subject.startsWith("s3://") || !subject.toLowerCase(Locale.ROOT).endsWith(".json")
                || !Files.isRegularFile(Path.of(subject))) {
            return null;
        }
        if (framework != null || frameworkVersion != null || image != null || entryPoint != null) {
            throw new ValidationException("--framework", "a spec names its own framework, image and entry point; give "
                    + "these options with model data only");
        }
        DeploymentSpec read = SpecFiles.read(Path.of(subject));
        if (instanceType == null && serverlessMemory == null) {
            return read;
        }
        throw new ValidationException("--instance-type", "a spec names its own instance type or serverless memory");
    }

    private DoctorTarget target() {
        if (framework == null && image == null) {
            throw new ValidationException("--framework", "is required for model data (or give --image); e.g. "
                    + "--framework pytorch --framework-version 2.1");
        }
        String name = framework != null ? framework : ImageFacts.of(image).framework();
        Framework chosen = name == null ? Framework.CUSTOM : Framework.fromCliName(name, "--framework");
        String versionText = frameworkVersion != null ? frameworkVersion
                : image != null && chosen != Framework.CUSTOM ? ImageFacts.of(image).version() : null;
        FrameworkVersion version = versionText == null || versionText.isBlank() ? null : FrameworkVersion.of(versionText);
        if (entryPoint != null) {
            EntryPoint.check(entryPoint, "--entry-point");
        }
        if (instanceType != null && serverlessMemory != null) {
            throw new ValidationException("--serverless-memory", "a serverless endpoint has no instance type; give one "
                    + "of --instance-type and --serverless-memory");
        }
        if (serverlessMemory != null && (serverlessMemory < 1024 || serverlessMemory > 6144 || serverlessMemory % 1024 != 0)) {
            throw new ValidationException("--serverless-memory", serverlessMemory + " is not a serverless memory size; "
                    + "use 1024, 2048, 3072, 4096, 5120 or 6144");
        }
        if (instanceType != null && !com.endpointstudio.core.instance.InstanceTypes.load().isKnown(instanceType)) {
            throw new ValidationException("--instance-type", "'" + instanceType + "' is not an endpoint instance type "
                    + "(e.g. ml.m5.large)");
        }
        DoctorTarget target = DoctorTarget.of(chosen, version).withEntryPoint(entryPoint).withImage(image)
                .multiModel(multiModel).async(async);
        if (serverlessMemory != null) {
            target = target.serverless(serverlessMemory);
        } else if (instanceType != null) {
            target = target.on(instanceType);
        }
        return target;
    }

    private Long payloadSize() {
        if (payload == null) {
            return null;
        }
        try {
            return Files.size(payload);
        } catch (IOException e) {
            throw new ValidationException("--payload", "can't read " + payload + ": " + e.getMessage());
        }
    }

    /** A line on standard error every 10 % of a long read. */
    private static ProgressListener progress(PrintWriter err) {
        int[] last = {-1};
        return (done, total) -> {
            if (total <= 0 || total < 8L * 1024 * 1024) {
                return;
            }
            int tenth = (int) (done * 10 / total);
            if (tenth != last[0]) {
                last[0] = tenth;
                err.printf(Locale.ROOT, "  read %d %% (%,d of %,d bytes)%n", tenth * 10, done, total);
                err.flush();
            }
        };
    }

    static void print(PrintWriter out, DoctorReport report) {
        out.println("Examined " + report.subject());
        for (DoctorFinding finding : report.findings()) {
            out.println(String.format(Locale.ROOT, "  %-8s %-9s %s", finding.severity().name(), finding.check().label(),
                    (finding.subject().isEmpty() ? "" : finding.subject() + ": ") + finding.message()));
            if (!finding.source().isEmpty()) {
                out.println("                     rule: " + finding.source());
            }
            if (!finding.fix().isEmpty()) {
                out.println("                     fix:  " + finding.fix());
            }
        }
        out.println(report.summary());
    }
}
