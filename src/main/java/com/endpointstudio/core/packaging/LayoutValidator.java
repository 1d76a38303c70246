package com.endpointstudio.core.packaging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Checks an archive against what its framework's container will look for, before anything is
 * built or uploaded. Findings are sorted errors first; each names its path and, where the fix
 * is mechanical, carries it.
 */
public final class LayoutValidator {

    private LayoutValidator() {
    }

    public static List<Finding> validate(Framework framework, FrameworkVersion version, ArchiveContents contents) {
        List<Finding> findings = new ArrayList<>();
        if (contents.isEmpty()) {
            findings.add(Finding.error("", "The archive is empty: add " + FrameworkLayout.modelFileHint(framework) + "."));
            return findings;
        }
        junk(contents, findings);
        misplacedCode(contents, findings);
        requirements(framework, version, contents, findings);
        script(framework, contents, findings);
        switch (framework) {
            case TENSORFLOW -> TensorFlowRules.check(contents, findings);
            case MXNET -> mxnet(contents, findings);
            case CUSTOM -> { }
            default -> modelFiles(framework, contents, findings);
        }
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::path));
        return findings;
    }

    /** True when any finding stops the build. */
    public static boolean hasErrors(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    private static void junk(ArchiveContents contents, List<Finding> findings) {
        for (String path : contents.files().keySet()) {
            if (FrameworkLayout.isJunk(path)) {
                findings.add(Finding.warning(path, "This file is an editor or cache leftover that the container never reads.")
                        .withFix(new Fix.Remove(path, "Remove")));
            }
        }
    }

    private static void misplacedCode(ArchiveContents contents, List<Finding> findings) {
        for (String path : contents.files().keySet()) {
            String name = ArchivePaths.fileName(path);
            boolean inCode = ArchivePaths.parent(path).equals(FrameworkLayout.CODE_DIR);
            boolean script = name.endsWith(".py") && !FrameworkLayout.isJunk(path);
            boolean requirements = name.equals("requirements.txt");
            if (!inCode && ArchivePaths.parent(path).isEmpty() && (script || requirements)) {
                String target = ArchivePaths.join(FrameworkLayout.CODE_DIR, name);
                String message = "Containers load handler code and requirements.txt only from code/, "
                        + "so this file would be ignored here.";
                boolean lostScript = name.equals("inference.py") && !contents.contains(FrameworkLayout.SCRIPT);
                Finding finding = lostScript ? Finding.error(path, message) : Finding.warning(path, message);
                findings.add(contents.contains(target) ? finding
                        : finding.withFix(new Fix.Move(path, target, "Move to code/")));
            }
        }
    }

    private static void requirements(Framework framework, FrameworkVersion version, ArchiveContents contents,
                                     List<Finding> findings) {
        if (!contents.contains(FrameworkLayout.REQUIREMENTS)) {
            return;
        }
        if (framework == Framework.CUSTOM) {
            findings.add(Finding.info(FrameworkLayout.REQUIREMENTS,
                    "A custom image installs requirements.txt only if its own start-up does so."));
        } else if (!FrameworkLayout.honoursRequirements(framework, version)) {
            findings.add(Finding.warning(FrameworkLayout.REQUIREMENTS, framework.displayName() + " " + version
                    + " ignores requirements.txt (it is installed from " + FrameworkLayout.requirementsSince(framework)
                    + " on); the packages it lists will not be there.")
                    .withFix(new Fix.Remove(FrameworkLayout.REQUIREMENTS, "Remove requirements.txt")));
        }
    }

    private static void script(Framework framework, ArchiveContents contents, List<Finding> findings) {
        if (framework == Framework.CUSTOM) {
            return;
        }
        var source = contents.text(FrameworkLayout.SCRIPT);
        if (source.isEmpty()) {
            if (contents.contains(FrameworkLayout.SCRIPT) || contents.contains("inference.py")) {
                return; // too large to scan, or misplaced (reported with its fix above)
            }
            HandlerRules.missingScript(framework, contents, findings);
            return;
        }
        Set<String> handlers = FrameworkLayout.handlers(framework);
        Set<String> defined = HandlerScanner.definedFunctions(source.get());
        if (defined.stream().noneMatch(handlers::contains)) {
            findings.add(Finding.error(FrameworkLayout.SCRIPT, "Defines none of " + String.join(", ",
                    handlers.stream().sorted().toList()) + "; the container would run its defaults and ignore this script."));
        } else {
            HandlerRules.checkDefined(framework, defined, findings);
        }
    }

    private static void modelFiles(Framework framework, ArchiveContents contents, List<Finding> findings) {
        List<String> atRoot = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        for (String path : contents.files().keySet()) {
            if (FrameworkLayout.isModelFile(framework, ArchivePaths.fileName(path)) && !path.startsWith("code/")) {
                (ArchivePaths.parent(path).isEmpty() ? atRoot : elsewhere).add(path);
            }
        }
        if (framework == Framework.HUGGINGFACE) {
            HandlerRules.huggingFace(contents, findings);
            return;
        }
        for (String path : elsewhere) {
            String target = ArchivePaths.fileName(path);
            Finding finding = Finding.warning(path, "Model files are read from the archive root (/opt/ml/model), not from "
                    + ArchivePaths.parent(path) + "/.");
            findings.add(contents.contains(target) ? finding : finding.withFix(new Fix.Move(path, target, "Move to root")));
        }
        if (atRoot.isEmpty() && elsewhere.isEmpty()) {
            findings.add(Finding.error("", "No model file: add " + FrameworkLayout.modelFileHint(framework) + "."));
        }
    }

    private static void mxnet(ArchiveContents contents, List<Finding> findings) {
        List<String> symbols = contents.files().keySet().stream()
                .filter(p -> ArchivePaths.parent(p).isEmpty() && p.endsWith("-symbol.json")).toList();
        if (symbols.isEmpty()) {
            findings.add(Finding.error("", "No model file: add " + FrameworkLayout.modelFileHint(Framework.MXNET) + "."));
            return;
        }
        for (String symbol : symbols) {
            String prefix = symbol.substring(0, symbol.length() - "-symbol.json".length());
            boolean params = contents.files().keySet().stream().anyMatch(p -> p.matches("\\Q" + prefix + "\\E-\\d{4}\\.params"));
            if (!params) {
                findings.add(Finding.error(symbol, "MXNet files incomplete: " + prefix + "-0000.params (the weights) is missing."));
            }
            if (!contents.contains(prefix + "-shapes.json")) {
                findings.add(Finding.error(symbol, "MXNet files incomplete: " + prefix
                        + "-shapes.json (the input shapes the default model_fn binds) is missing."));
            }
        }
    }
}
