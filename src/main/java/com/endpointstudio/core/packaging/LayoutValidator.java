package com.endpointstudio.core.packaging;

import java.util.Comparator;
import java.util.List;

/**
 * Checks an archive against what its framework's container will look for, before anything is
 * built or uploaded, and says in the framework's own terms what the container will make of it.
 * Findings are sorted errors first; each names its path and, where the fix is mechanical, carries it.
 */
public final class LayoutValidator {

    private LayoutValidator() {
    }

    /** The findings for the default entry point, inference.py. */
    public static List<Finding> validate(Framework framework, FrameworkVersion version, ArchiveContents contents) {
        return validate(LayoutTarget.of(framework, version), contents);
    }

    public static List<Finding> validate(LayoutTarget target, ArchiveContents contents) {
        return report(target, contents).findings();
    }

    /** The findings and the role of each path, as the target's container reads these contents. */
    public static LayoutReport report(LayoutTarget target, ArchiveContents contents) {
        LayoutNotes notes = new LayoutNotes();
        Framework framework = target.framework();
        if (contents.isEmpty()) {
            notes.add(Finding.error("", "The archive is empty: add " + FrameworkLayout.modelFileHint(framework)
                    + (framework == Framework.CUSTOM || framework == Framework.TENSORFLOW ? "" : ", or only code with a "
                    + "model_fn that builds the model") + "."));
            return new LayoutReport(notes.findings, notes.roles);
        }
        junk(contents, notes);
        misplacedCode(target, contents, notes);
        requirements(target, contents, notes);
        Script script = EntryPointRules.check(target, contents, notes);
        switch (framework) {
            case TENSORFLOW -> TensorFlowRules.check(contents, notes);
            case MXNET -> MxnetRules.check(contents, script, notes);
            case HUGGINGFACE -> HuggingFaceRules.check(contents, script, notes);
            case CUSTOM -> { }
            default -> ModelFileRules.check(target, contents, script, notes);
        }
        notes.findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::path));
        return new LayoutReport(notes.findings, notes.roles);
    }

    /** True when any finding stops the build. */
    public static boolean hasErrors(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    private static void junk(ArchiveContents contents, LayoutNotes notes) {
        for (String path : contents.files().keySet()) {
            if (FrameworkLayout.isJunk(path)) {
                notes.add(Finding.warning(path, "This file is an editor or cache leftover that the container never reads.")
                        .withFix(new Fix.Remove(path, "Remove")));
            }
        }
    }

    private static void misplacedCode(LayoutTarget target, ArchiveContents contents, LayoutNotes notes) {
        for (String path : contents.files().keySet()) {
            String name = ArchivePaths.fileName(path);
            boolean script = name.endsWith(".py") && !FrameworkLayout.isJunk(path);
            boolean requirements = name.equals("requirements.txt");
            if (ArchivePaths.parent(path).isEmpty() && (script || requirements)) {
                String moved = ArchivePaths.join(FrameworkLayout.CODE_DIR, name);
                String message = "Containers load handler code and requirements.txt only from code/, "
                        + "so this file would be ignored here.";
                boolean lostScript = moved.equals(target.script()) && !contents.contains(target.script());
                Finding finding = lostScript ? Finding.error(path, message) : Finding.warning(path, message);
                notes.add(contents.contains(moved) ? finding : finding.withFix(new Fix.Move(path, moved, "Move to code/")));
            }
        }
    }

    private static void requirements(LayoutTarget target, ArchiveContents contents, LayoutNotes notes) {
        if (!contents.contains(FrameworkLayout.REQUIREMENTS)) {
            return;
        }
        Framework framework = target.framework();
        if (framework == Framework.CUSTOM) {
            notes.add(Finding.info(FrameworkLayout.REQUIREMENTS,
                    "A custom image installs requirements.txt only if its own start-up does so."));
        } else if (!FrameworkLayout.honoursRequirements(framework, target.version())) {
            notes.role(FrameworkLayout.REQUIREMENTS, "ignored by this version");
            notes.add(Finding.warning(FrameworkLayout.REQUIREMENTS, framework.displayName() + " " + target.version()
                    + " ignores requirements.txt (it is installed from " + FrameworkLayout.requirementsSince(framework)
                    + " on); the packages it lists will not be there.")
                    .withFix(new Fix.Remove(FrameworkLayout.REQUIREMENTS, "Remove requirements.txt")));
        } else if (framework == Framework.TENSORFLOW && contents.hasFolder("code/lib")) {
            // serve.py:202-209: with code/lib the container skips pip
            notes.role(FrameworkLayout.REQUIREMENTS, "not installed, as code/lib exists");
            notes.add(Finding.warning(FrameworkLayout.REQUIREMENTS, "The TensorFlow Serving container puts code/lib on "
                    + "the Python path and then ignores requirements.txt; ship the packages in code/lib or drop lib/."));
        }
    }
}
