package com.endpointstudio.core.doctor;

import com.endpointstudio.core.doctor.DoctorFinding.Check;
import com.endpointstudio.core.doctor.ScriptAnalyzer.Analysis;
import com.endpointstudio.core.error.StudioException;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.packaging.ArchivePaths;
import com.endpointstudio.core.packaging.FrameworkLayout;
import com.endpointstudio.core.task.CancelToken;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deploy doctor's checks before anything is deployed: the layout (the packager's own rules), the
 * handler scripts as Python parses them, their imports against the image and requirements.txt, the
 * image against the instance, the model's size against its memory, the payload against its limit.
 * Each finding names the rule's source and what to do.
 */
public final class Preflight {

    private final InstanceCatalog instances;
    private final ImagePackages packages;
    private final ScriptAnalyzer analyzer;

    /** @param analyzer Python's parser, or null to skip the checks that need it (said in a note) */
    public Preflight(InstanceCatalog instances, ImagePackages packages, ScriptAnalyzer analyzer) {
        this.instances = instances;
        this.packages = packages;
        this.analyzer = analyzer;
    }

    /**
     * @param models       one model, or each model of a multi-model prefix
     * @param payloadBytes the size of a request to send, or null
     */
    public DoctorReport examine(DoctorTarget target, List<ModelContents> models, Long payloadBytes) {
        List<DoctorFinding> findings = new ArrayList<>();
        boolean several = models.size() > 1 || target.multiModel();
        long largest = 0;
        String pythonProblem = null;
        for (ModelContents model : models) {
            CancelToken.current().throwIfCancelled();
            String prefix = several ? ArchivePaths.fileName(model.label()) + ": " : "";
            List<DoctorFinding> own = new ArrayList<>();
            LayoutCheck.check(target, model, prefix, own);
            Analysis analysis = null;
            Map<String, String> scripts = scripts(model);
            if (!scripts.isEmpty() && analyzer != null && pythonProblem == null) {
                try {
                    analysis = analyzer.analyze(scripts);
                } catch (StudioException e) {
                    pythonProblem = e.getMessage();
                }
            }
            List<DoctorFinding> code = new ArrayList<>();
            HandlerCheck.check(target, model, analysis, code);
            ImportCheck.check(target, model, analysis, packages, code);
            code.forEach(f -> own.add(prefix.isEmpty() ? f : new DoctorFinding(f.severity(), f.check(),
                    prefix + f.subject(), f.message(), f.source(), f.fix())));
            findings.addAll(own);
            largest = Math.max(largest, model.unpackedBytes());
        }
        if (pythonProblem != null || analyzer == null) {
            findings.add(DoctorFinding.info(Check.HANDLERS, "", "Handler signatures and imports were not checked: "
                    + (pythonProblem != null ? pythonProblem : "no Python was given to parse the scripts."),
                    "Settings › Local hosting › Python"));
        }
        HostingCheck.check(target, instances, largest, payloadBytes, findings);
        String what = models.size() == 1 ? models.get(0).label() : models.size() + " models";
        return new DoctorReport(what + " for " + target.describe(), findings);
    }

    /** The Python files of code/ the scripts' checks read. */
    private static Map<String, String> scripts(ModelContents model) {
        Map<String, String> scripts = new LinkedHashMap<>();
        model.contents().texts().forEach((path, text) -> {
            if (path.endsWith(".py") && ArchivePaths.isWithin(path, FrameworkLayout.CODE_DIR)
                    && !FrameworkLayout.isJunk(path) && !ArchivePaths.isWithin(path, "code/lib")) {
                scripts.put(path, text);
            }
        });
        return new java.util.TreeMap<>(scripts);
    }
}
