package com.endpointstudio.core.doctor;

import com.endpointstudio.core.doctor.DoctorFinding.Check;
import com.endpointstudio.core.packaging.Finding;
import com.endpointstudio.core.packaging.Fix;
import com.endpointstudio.core.packaging.Framework;
import com.endpointstudio.core.packaging.FrameworkLayout;
import com.endpointstudio.core.packaging.LayoutValidator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The archive layout, checked by the packager's own rules (core/packaging's LayoutValidator): the same
 * findings the Package screen shows, with the container source each rule reproduces and its fix as a
 * sentence. One more thing only an archive made elsewhere gets wrong: everything inside one folder.
 */
final class LayoutCheck {

    /** The SageMaker page that says model.tar.gz is unpacked into /opt/ml/model. */
    static final String UNPACKED = "SageMaker Developer Guide, your-algorithms-inference-code.html "
            + "(\"How SageMaker AI Loads Your Model Artifacts\": model.tar.gz is extracted to /opt/ml/model)";

    private LayoutCheck() {
    }

    /** @param prefix put before each path, e.g. "a.tar.gz: " for one model of a multi-model prefix */
    static void check(DoctorTarget target, ModelContents model, String prefix, List<DoctorFinding> out) {
        for (Finding problem : model.problems()) {
            out.add(new DoctorFinding(problem.severity(), Check.DATA, prefix + problem.path(), problem.message(),
                    "endpoint-studio archive reader (core/packaging/archive/EntryRules)", ""));
        }
        if (wrapped(target.framework(), model, prefix, out)) {
            return;
        }
        for (Finding finding : LayoutValidator.report(target.layoutTarget(), model.contents()).findings()) {
            out.add(new DoctorFinding(finding.severity(), Check.LAYOUT, prefix + finding.path(), finding.message(),
                    finding.source() != null ? finding.source() : containerSource(target.framework()),
                    finding.fix().map(LayoutCheck::describe).orElse("")));
        }
    }

    /**
     * An archive made with "tar -czf model.tar.gz model/" holds model/… instead of the model's files:
     * SageMaker unpacks it into /opt/ml/model/model/, where no container looks. (A single TensorFlow
     * Serving model folder is the one layout where one top folder is right.)
     */
    private static boolean wrapped(Framework framework, ModelContents model, String prefix, List<DoctorFinding> out) {
        Set<String> tops = new TreeSet<>();
        for (String path : model.contents().files().keySet()) {
            int slash = path.indexOf('/');
            tops.add(slash < 0 ? "" : path.substring(0, slash));
        }
        if (tops.size() != 1 || tops.contains("") || tops.contains(FrameworkLayout.CODE_DIR)
                || framework == Framework.CUSTOM || FrameworkLayout.isVersionFolder(tops.iterator().next())) {
            return false;
        }
        String top = tops.iterator().next();
        boolean codeInside = model.contents().hasFolder(top + "/" + FrameworkLayout.CODE_DIR);
        boolean tfsModel = framework == Framework.TENSORFLOW && !codeInside;
        if (tfsModel) {
            return false;
        }
        out.add(DoctorFinding.error(Check.LAYOUT, prefix + top + "/", "Every file of the archive is inside " + top
                + "/, so SageMaker unpacks them into /opt/ml/model/" + top + "/, where the container does not look"
                + (codeInside ? " (its code/ folder included)" : "") + ".", UNPACKED, "Pack the folder's contents, not "
                + "the folder: tar -czf model.tar.gz -C " + top + " . (or endpoint-studio package)."));
        return true;
    }

    static String describe(Fix fix) {
        if (fix instanceof Fix.Move move) {
            return "Move " + move.from() + " to " + move.to() + ".";
        }
        if (fix instanceof Fix.MoveInto into) {
            return "Move " + String.join(", ", into.paths()) + " into " + into.folder() + "/.";
        }
        if (fix instanceof Fix.Remove remove) {
            return "Remove " + remove.path() + " from the archive.";
        }
        if (fix instanceof Fix.GenerateScript script) {
            return "Add " + script.path() + " (endpoint-studio package writes a template with the handlers, as does "
                    + "the Package screen's New script button).";
        }
        Fix.UseEntryPoint use = (Fix.UseEntryPoint) fix;
        return "Set SAGEMAKER_PROGRAM=" + use.name() + " in the Model's environment.";
    }

    /** The container whose layout rules a finding without its own citation comes from. */
    static String containerSource(Framework framework) {
        return switch (framework) {
            case PYTORCH -> "aws/sagemaker-pytorch-inference-toolkit src/sagemaker_pytorch_serving_container/"
                    + "default_pytorch_inference_handler.py, handler_service.py";
            case TENSORFLOW -> "aws/sagemaker-tensorflow-serving-container docker/build_artifacts/sagemaker/"
                    + "tfs_utils.py:136-163, serve.py:149-184";
            case SKLEARN -> "aws/sagemaker-scikit-learn-container src/sagemaker_sklearn_container/serving.py";
            case MXNET -> "aws/sagemaker-mxnet-inference-toolkit default_inference_handler.py:35-40, 59-78";
            case XGBOOST -> "aws/sagemaker-xgboost-container src/sagemaker_xgboost_container/serving.py";
            case HUGGINGFACE -> "aws/sagemaker-huggingface-inference-toolkit handler_service.py:108-134, "
                    + "transformers_utils.py:84-98";
            case CUSTOM -> "your image";
        };
    }

}
