package com.endpointstudio.cli;

import com.endpointstudio.app.StudioServices;
import com.endpointstudio.core.error.Validation;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.packaging.ArchivePaths;
import com.endpointstudio.core.packaging.BuildResult;
import com.endpointstudio.core.packaging.Compression;
import com.endpointstudio.core.packaging.EntryPoint;
import com.endpointstudio.core.packaging.Finding;
import com.endpointstudio.core.packaging.Fix;
import com.endpointstudio.core.packaging.Framework;
import com.endpointstudio.core.packaging.FrameworkLayout;
import com.endpointstudio.core.packaging.FrameworkVersion;
import com.endpointstudio.core.packaging.Inspection;
import com.endpointstudio.core.packaging.LayoutReport;
import com.endpointstudio.core.packaging.LayoutTarget;
import com.endpointstudio.core.packaging.LayoutValidator;
import com.endpointstudio.core.packaging.PackageTree;
import com.endpointstudio.core.packaging.Placement;
import com.endpointstudio.core.packaging.Severity;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Builds a validated model.tar.gz (or folder) from model files and code, or checks an existing one. */
@Command(name = "package", mixinStandardHelpOptions = true,
        description = {"Package model files and handler code into a model.tar.gz laid out for a SageMaker framework "
                + "container, or check an existing archive with --inspect. Code alone (--code without --model) makes "
                + "a code-only archive, for a model_fn that builds the model or a Hugging Face model from HF_MODEL_ID.",
                "Findings are printed, with what the container will make of the archive; the exit code is 1 when any "
                + "is an error, 2 for bad options."})
public final class PackageCommand implements Callable<Integer> {

    private final StudioServices services;

    @Spec
    CommandSpec spec;

    @Option(names = "--framework", required = true, paramLabel = "F",
            description = "pytorch, tensorflow, sklearn, mxnet, xgboost, huggingface or custom")
    String framework;

    @Option(names = "--framework-version", paramLabel = "V",
            description = "the framework version the container runs (its rules differ by version)")
    String frameworkVersion;

    @Option(names = "--model", paramLabel = "PATH", description = "model file or folder; repeat for several. A folder "
            + "keeps its name where the framework reads it (a TensorFlow Serving model folder such as "
            + "half_plus_three/00000123/); a folder of model files lands at the root")
    List<Path> models = new ArrayList<>();

    @Option(names = "--code", paramLabel = "PATH", description = "a script, or a folder whose contents go to code/; "
            + "repeat for several")
    List<Path> code = new ArrayList<>();

    @Option(names = "--entry-point", paramLabel = "NAME", defaultValue = EntryPoint.DEFAULT,
            description = "the script under code/ the container imports, as SAGEMAKER_PROGRAM names it "
                    + "(default: ${DEFAULT-VALUE})")
    String entryPoint;

    @Option(names = "--requirements", paramLabel = "FILE", description = "requirements.txt (goes to code/)")
    Path requirements;

    @Option(names = "--compression", paramLabel = "LEVEL", defaultValue = "fast",
            description = "fast, default or store (default: ${DEFAULT-VALUE})")
    String compression;

    @Option(names = "--uncompressed", description = "write the layout as a folder (an S3 prefix with CompressionType None)")
    boolean uncompressed;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "the model.tar.gz (or folder) to write, or "
            + "s3://BUCKET/KEY to package straight into S3 (compressed and uploaded in one pass; a KEY ending with / "
            + "gets model.tar.gz)")
    String output;

    @Option(names = "--hash-first", description = "with -o s3://…: read the inputs for their SHA-256 before "
            + "uploading and record it in the object, so that a later run with the same inputs finds the object "
            + "and sends nothing (costs a read of the inputs while S3 waits)")
    boolean hashFirst;

    @Mixin
    AwsOptions aws;

    @Option(names = "--inspect", paramLabel = "ARCHIVE", description = "list and check an existing model.tar.gz")
    Path inspect;

    public PackageCommand(StudioServices services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        Framework chosen = Framework.fromCliName(framework, "--framework");
        FrameworkVersion version = frameworkVersion == null || frameworkVersion.isBlank()
                ? null : FrameworkVersion.of(frameworkVersion);
        String entry = EntryPoint.check(entryPoint, "--entry-point");
        if (!EntryPoint.readsProgram(chosen) && !entry.equals(EntryPoint.DEFAULT)) {
            throw new ValidationException("--entry-point", "the TensorFlow Serving container runs only code/inference.py "
                    + "(it reads no SAGEMAKER_PROGRAM); name the script inference.py");
        }
        LayoutTarget target = new LayoutTarget(chosen, version, entry);
        PrintWriter out = spec.commandLine().getOut();
        return inspect != null ? inspect(target, out) : build(target, out);
    }

    private int inspect(LayoutTarget target, PrintWriter out) {
        if (!models.isEmpty() || !code.isEmpty() || output != null) {
            throw new ValidationException("--inspect", "checks an existing archive; it can't be combined with "
                    + "--model, --code or -o");
        }
        Inspection inspection = services.packager().inspect(inspect);
        LayoutReport report = LayoutValidator.report(target, inspection.contents());
        out.println(inspect + " (" + inspection.contents().files().size() + " files), as the "
                + containerName(target.framework()) + " reads it:");
        list(inspection, report, out);
        List<Finding> findings = new ArrayList<>(inspection.problems());
        findings.addAll(report.findings());
        return report(findings, out);
    }

    /** The files with their sizes, each folder before its contents, and what the container makes of each. */
    private static void list(Inspection inspection, LayoutReport report, PrintWriter out) {
        Set<String> shown = new HashSet<>();
        inspection.contents().files().forEach((path, size) -> {
            List<String> folders = new ArrayList<>();
            for (String f = ArchivePaths.parent(path); !f.isEmpty();
                 f = ArchivePaths.parent(f)) {
                folders.add(0, f);
            }
            for (String folder : folders) {
                if (shown.add(folder)) {
                    out.printf(Locale.ROOT, "%14s  %s/%s%n", "", folder, role(report, folder));
                }
            }
            out.printf(Locale.ROOT, "%14d  %s%s%n", size, path, role(report, path));
        });
    }

    private static String role(LayoutReport report, String path) {
        return report.role(path).map(role -> "   (" + role + ")").orElse("");
    }

    private static String containerName(Framework framework) {
        return framework == Framework.TENSORFLOW ? "TensorFlow Serving container"
                : framework == Framework.CUSTOM ? "custom container" : framework.displayName() + " container";
    }

    private int build(LayoutTarget target, PrintWriter out) {
        Compression level = level();
        S3Output s3 = S3Output.parse(output, uncompressed);
        Validation checks = new Validation()
                .require(!models.isEmpty() || !code.isEmpty(), "--model",
                        "is required unless --code is given: a model file or folder")
                .require(output != null, "-o", "is required: where to write the model.tar.gz")
                .require(!hashFirst || output == null || s3 != null, "--hash-first", "applies to an upload "
                        + "(-o s3://…); a local archive is written without comparing it to anything");
        List<Path> inputs = new ArrayList<>(models);
        inputs.addAll(code);
        if (requirements != null) {
            inputs.add(requirements);
        }
        for (Path input : inputs) {
            checks.require(Files.exists(input), input.toString(), "does not exist");
        }
        checks.throwIfInvalid();
        try (S3Output.Opening opening = s3 == null ? null : s3.open(services, aws)) {
            return build(target, level, s3, opening, inputs, out);
        }
    }

    private int build(LayoutTarget target, Compression level, S3Output s3, S3Output.Opening opening, List<Path> inputs,
                      PrintWriter out) {
        PackageTree tree = assemble(target.framework());
        int exit = report(LayoutValidator.validate(target, tree.contents()), out);
        if (exit != 0) {
            out.println("Not built: fix the errors above.");
            return exit;
        }
        if (s3 != null) {
            s3.upload(opening, tree.toPlan(), level, hashFirst, out);
        } else {
            List<Path> folders = inputs.stream().filter(Files::isDirectory).toList();
            BuildResult result = services.packager().build(tree.toPlan(), folders, Path.of(output), level, uncompressed,
                    ProgressListener.NONE, CancelToken.none());
            out.println("Wrote " + result.output() + " (" + result.bytes() + " bytes, " + result.elapsed().toMillis()
                    + " ms)");
            out.println("SHA-256 " + result.sha256());
        }
        EntryPoint.program(target, tree.contents()).filter(program -> !program.equals(EntryPoint.DEFAULT)
                && EntryPoint.readsProgram(target.framework())).ifPresent(program -> out.println("The Model's "
                + "environment needs " + EntryPoint.VARIABLE + "=" + program + " ('spec new --entry-point " + program
                + "' sets it)."));
        return 0;
    }

    private PackageTree assemble(Framework target) {
        PackageTree tree = new PackageTree();
        place(tree, new Placement(target, new HashSet<>()).place(models));
        for (Path script : code) {
            if (Files.isDirectory(script)) {
                place(tree, new Placement(target, new HashSet<>(tree.paths())).placeCode(script));
            } else {
                place(tree, List.of(new Placement.Placed(FrameworkLayout.CODE_DIR + "/" + script.getFileName(),
                        sourceOf(target, script))), List.of());
            }
        }
        if (requirements != null) {
            place(tree, List.of(new Placement.Placed(FrameworkLayout.REQUIREMENTS, sourceOf(target, requirements))),
                    List.of());
        }
        return tree;
    }

    private static com.endpointstudio.core.packaging.FileSource sourceOf(Framework target, Path file) {
        Placement.Result result = new Placement(target, new HashSet<>()).place(List.of(file));
        if (result.files().isEmpty()) {
            throw new ValidationException(file.toString(), String.join("; ", result.problems()));
        }
        return result.files().get(0).source();
    }

    private static void place(PackageTree tree, Placement.Result result) {
        place(tree, result.files(), result.problems());
    }

    private static void place(PackageTree tree, List<Placement.Placed> files, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ValidationException("--model", String.join("; ", problems));
        }
        files.forEach(placed -> tree.put(placed.path(), placed.source()));
    }

    private Compression level() {
        for (Compression level : Compression.values()) {
            if (level.cliName().equalsIgnoreCase(compression)) {
                return level;
            }
        }
        throw new ValidationException("--compression", "'" + compression + "' is not a level; use fast, default or store");
    }

    private static int report(List<Finding> findings, PrintWriter out) {
        for (Finding finding : findings) {
            out.println(finding);
            finding.fix().filter(Fix.UseEntryPoint.class::isInstance).map(Fix.UseEntryPoint.class::cast)
                    .ifPresent(use -> out.println("      fix: --entry-point " + use.name()));
        }
        if (findings.stream().allMatch(f -> f.severity() == Severity.INFO)) {
            out.println("No errors or warnings: the layout is what the container expects.");
        }
        out.flush();
        return LayoutValidator.hasErrors(findings) ? Cli.FAILED : 0;
    }
}
