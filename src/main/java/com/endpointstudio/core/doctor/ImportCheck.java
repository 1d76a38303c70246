package com.endpointstudio.core.doctor;

import com.endpointstudio.core.doctor.DoctorFinding.Check;
import com.endpointstudio.core.doctor.ImagePackages.ImageModules;
import com.endpointstudio.core.doctor.ImagePackages.Requirements;
import com.endpointstudio.core.doctor.ScriptAnalyzer.Analysis;
import com.endpointstudio.core.doctor.ScriptAnalyzer.ImportFacts;
import com.endpointstudio.core.doctor.ScriptAnalyzer.ScriptFacts;
import com.endpointstudio.core.packaging.ArchiveContents;
import com.endpointstudio.core.packaging.Framework;
import com.endpointstudio.core.packaging.FrameworkLayout;
import com.endpointstudio.core.packaging.Sources;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Imports in code/ that nothing provides: not the standard library, not a module of code/ itself (or
 * code/lib on TensorFlow Serving), not a package of the image (the dated lists of ImagePackages), not
 * a requirement the container installs. Such an import fails with ModuleNotFoundError when it runs —
 * at start-up for the entry point's module-level imports, the commonest endpoint that never passes
 * its ping health check.
 */
final class ImportCheck {

    private ImportCheck() {
    }

    static void check(DoctorTarget target, ModelContents model, Analysis analysis, ImagePackages packages,
                      List<DoctorFinding> out) {
        Framework framework = target.framework();
        if (analysis == null || framework == Framework.CUSTOM) {
            return;
        }
        Optional<ImageModules> image = packages.of(framework, target.version());
        if (image.isEmpty()) {
            if (!analysis.scripts().isEmpty()) {
                out.add(DoctorFinding.info(Check.IMPORTS, "", "The studio has no package list for the "
                        + framework.displayName() + " image" + (target.version() == null ? "" : " " + target.version())
                        + ", so imports in code/ were not checked against it.", "doctor/image-packages.json"));
            }
            return;
        }
        ArchiveContents contents = model.contents();
        Requirements requirements = requirements(target, contents, packages);
        Set<String> local = localModules(framework, contents);
        String entry = target.layoutTarget().script();
        Set<String> reported = new HashSet<>();
        for (Map.Entry<String, ScriptFacts> script : analysis.scripts().entrySet()) {
            for (ImportFacts found : script.getValue().imports()) {
                String module = found.topModule();
                if (found.guarded() || analysis.stdlib().contains(module) || local.contains(module)
                        || image.get().modules().contains(module) || requirements.provides(module)
                        || !reported.add(module)) {
                    continue;
                }
                boolean atStart = found.topLevel() && script.getKey().equals(entry);
                String when = atStart ? "when the container imports the entry point, so the endpoint never passes its "
                        + "ping health check" : "when this line runs";
                String message = "Line " + found.line() + " imports " + module + ", which the "
                        + framework.displayName() + " image does not install" + (requirements.opaque()
                        ? " and requirements.txt may not provide (it names other files or URLs)"
                        : contents.contains(FrameworkLayout.REQUIREMENTS) ? " and code/requirements.txt does not list"
                        : " and no code/requirements.txt lists") + ": ModuleNotFoundError " + when + ".";
                String fix = "Add " + packages.distributionFor(module) + " to code/requirements.txt"
                        + (framework == Framework.TENSORFLOW && contents.hasFolder("code/lib") ? " (or its files to code/lib/)"
                        : "") + ", or, if " + module + " is your own module, put " + module + ".py in code/.";
                out.add(requirements.opaque() ? DoctorFinding.info(Check.IMPORTS, script.getKey(), message,
                        image.get().source()) : DoctorFinding.warning(Check.IMPORTS, script.getKey(), message,
                        image.get().source() + "; " + Sources.TOOLKIT + "model_server.py:84-85", fix));
            }
        }
    }

    /** What requirements.txt adds, when this container version installs it at all. */
    private static Requirements requirements(DoctorTarget target, ArchiveContents contents, ImagePackages packages) {
        boolean tfsLib = target.framework() == Framework.TENSORFLOW && contents.hasFolder("code/lib");
        if (!FrameworkLayout.honoursRequirements(target.framework(), target.version()) || tfsLib) {
            return Requirements.NONE;
        }
        return contents.text(FrameworkLayout.REQUIREMENTS).map(packages::requirements).orElse(Requirements.NONE);
    }

    /** Modules importable from code/ (on the Python path) and, on TensorFlow Serving, code/lib/. */
    private static Set<String> localModules(Framework framework, ArchiveContents contents) {
        Set<String> names = new HashSet<>();
        for (String path : contents.files().keySet()) {
            for (String root : List.of("code/", "code/lib/")) {
                if (!path.startsWith(root) || root.equals("code/lib/") && framework != Framework.TENSORFLOW) {
                    continue;
                }
                String rest = path.substring(root.length());
                int slash = rest.indexOf('/');
                String first = slash < 0 ? rest : rest.substring(0, slash);
                names.add(first.endsWith(".py") ? first.substring(0, first.length() - 3) : first.replaceAll("\\..*$", ""));
            }
        }
        return names;
    }
}
