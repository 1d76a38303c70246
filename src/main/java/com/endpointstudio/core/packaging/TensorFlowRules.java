package com.endpointstudio.core.packaging;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * TensorFlow Serving loads SavedModels from numbered version folders: {@code 1/saved_model.pb}
 * with {@code 1/variables/}, or {@code name/1/...} when the archive holds several models.
 */
final class TensorFlowRules {

    private TensorFlowRules() {
    }

    private static final Set<String> SAVED_MODEL_PARTS = Set.of("saved_model.pb", "variables", "assets",
            "fingerprint.pb", "keras_metadata.pb");

    private static List<String> rootSavedModel(ArchiveContents contents) {
        Set<String> roots = new TreeSet<>();
        for (String path : contents.files().keySet()) {
            String top = path.split("/", 2)[0];
            if (SAVED_MODEL_PARTS.contains(top)) {
                roots.add(top);
            }
        }
        return List.copyOf(roots);
    }

    static void check(ArchiveContents contents, List<Finding> findings) {
        Set<String> modelFolders = new TreeSet<>();
        for (String path : contents.files().keySet()) {
            if (ArchivePaths.fileName(path).equals("saved_model.pb") && !path.startsWith("code/")) {
                modelFolders.add(ArchivePaths.parent(path));
            }
        }
        if (modelFolders.isEmpty()) {
            findings.add(Finding.error("", "No SavedModel: add " + FrameworkLayout.modelFileHint(Framework.TENSORFLOW) + "."));
            return;
        }
        for (String folder : modelFolders) {
            String name = ArchivePaths.fileName(folder);
            if (folder.isEmpty()) {
                findings.add(Finding.error("saved_model.pb", "The SavedModel is at the archive root; TensorFlow Serving only "
                        + "loads it from a numbered version folder such as 1/.").withFix(new Fix.MoveInto(rootSavedModel(contents), "1", "Move into 1/")));
                continue;
            }
            if (!FrameworkLayout.isVersionFolder(name)) {
                String target = ArchivePaths.join(ArchivePaths.parent(folder), "1");
                Finding finding = Finding.error(folder + "/saved_model.pb", "The SavedModel is in '" + name + "/', which is not "
                        + "a version number; TensorFlow Serving only loads numbered folders such as 1/.");
                findings.add(contents.hasFolder(target) || contents.contains(target) ? finding
                        : finding.withFix(new Fix.Move(folder, target, "Rename folder to " + target + "/")));
            }
            if (!contents.hasFolder(ArchivePaths.join(folder, "variables"))) {
                findings.add(Finding.error(folder + "/variables/", "The SavedModel has no variables/ folder next to "
                        + "saved_model.pb; TensorFlow Serving can't load its weights."));
            }
        }
    }
}
