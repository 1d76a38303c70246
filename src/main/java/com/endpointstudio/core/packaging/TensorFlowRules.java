package com.endpointstudio.core.packaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * TensorFlow Serving's model discovery, as the container runs it (sagemaker-tensorflow-serving-container
 * tfs_utils.py:136-163 and serve.py:149-184): every saved_model.pb under /opt/ml/model whose folder
 * is a number is a version; the folder above it is a model, named after its last segment ("model"
 * for the archive root, as /opt/ml/model is named); every numbered entry of a model folder is
 * listed as a version, leading zeros dropped. {@code 1/} serves model {@code model};
 * {@code half_plus_three/00000123/} serves model {@code half_plus_three}, version 123; several
 * model folders serve several models, addressed by the tfs-model-name custom attribute.
 */
final class TensorFlowRules {

    /** One model the container configures: its name, folder ("" for the root) and versions. */
    record ServedModel(String name, String folder, List<String> versions) {
    }

    private static final Set<String> SAVED_MODEL_PARTS = Set.of("saved_model.pb", "variables", "assets",
            "fingerprint.pb", "keras_metadata.pb", "assets.extra");

    private TensorFlowRules() {
    }

    /** The models TensorFlow Serving will serve from these contents, in path order. */
    static List<ServedModel> models(ArchiveContents contents) {
        Map<String, ServedModel> models = new LinkedHashMap<>();
        for (String path : contents.files().keySet()) {
            String version = ArchivePaths.parent(path);
            // tfs_utils.py:141: at least <version>/saved_model.pb, the version all digits
            if (ArchivePaths.fileName(path).equals("saved_model.pb") && !version.isEmpty()
                    && FrameworkLayout.isVersionFolder(ArchivePaths.fileName(version))) {
                String folder = ArchivePaths.parent(version);
                models.computeIfAbsent(folder, f -> new ServedModel(name(f), f, versions(contents, f)));
            }
        }
        return List.copyOf(models.values());
    }

    private static String name(String folder) {
        return folder.isEmpty() ? "model" : ArchivePaths.fileName(folder);
    }

    /** tfs_utils.py:148-154: numbered entries of the model folder, leading zeros removed. */
    private static List<String> versions(ArchiveContents contents, String folder) {
        TreeSet<String> versions = new TreeSet<>(java.util.Comparator.comparingInt(String::length)
                .thenComparing(java.util.Comparator.naturalOrder()));
        for (String path : contents.files().keySet()) {
            String rest = relative(path, folder);
            String entry = rest == null ? "" : rest.split("/", 2)[0];
            if (FrameworkLayout.isVersionFolder(entry)) {
                versions.add(entry.substring(0, entry.length() - 1).replaceFirst("^0+", "") + entry.charAt(entry.length() - 1));
            }
        }
        return List.copyOf(versions);
    }

    static void check(ArchiveContents contents, LayoutNotes notes) {
        List<ServedModel> models = models(contents);
        boolean misplaced = unversioned(contents, notes);
        if (models.isEmpty() && misplaced) {
            return;
        }
        if (models.isEmpty()) {
            // serve.py:150-153: ValueError("no SavedModel bundles found!")
            boolean codeOnly = contents.files().keySet().stream()
                    .allMatch(p -> ArchivePaths.isWithin(p, FrameworkLayout.CODE_DIR) || FrameworkLayout.isJunk(p));
            notes.add(Finding.error("", (codeOnly ? "Code only is not enough: " : "No SavedModel: ") + "the TensorFlow "
                    + "Serving container refuses to start without one ('no SavedModel bundles found!'); add "
                    + FrameworkLayout.modelFileHint(Framework.TENSORFLOW) + "."));
            return;
        }
        Map<String, List<String>> byName = new TreeMap<>();
        for (ServedModel model : models) {
            byName.computeIfAbsent(model.name(), n -> new ArrayList<>()).add(model.folder());
            describe(contents, model, notes);
        }
        byName.forEach((name, folders) -> {
            if (folders.size() > 1) {
                notes.add(Finding.error(folders.get(1).isEmpty() ? folders.get(0) + "/" : folders.get(1) + "/",
                        "Several folders hold a model named " + name + " (" + String.join(", ", folders.stream()
                        .map(f -> f.isEmpty() ? "the root" : f + "/").toList()) + "); TensorFlow Serving refuses a "
                        + "configuration that lists one name twice. Rename one of them."));
            }
        });
        if (models.size() == 1) {
            notes.add(Finding.info(folderPath(models.get(0)), "Requests go to model `" + models.get(0).name()
                    + "` without naming it; the custom attribute tfs-model-name=" + models.get(0).name()
                    + " names it too."));
        } else {
            notes.add(Finding.info("", "Requests name their model with the custom attribute tfs-model-name=NAME "
                    + "(and a version with tfs-model-version=N); a request that names none goes to the model the "
                    + "container finds first, in file-system order, unless the Model's environment sets "
                    + "SAGEMAKER_TFS_DEFAULT_MODEL_NAME."));
        }
    }

    private static void describe(ArchiveContents contents, ServedModel model, LayoutNotes notes) {
        notes.add(Finding.info(folderPath(model), "TensorFlow Serving will serve model `" + model.name() + "`, versions "
                + String.join(", ", model.versions()) + " (the newest unless a request names one)."));
        if (!model.folder().isEmpty()) {
            notes.role(model.folder(), "served as model `" + model.name() + "`");
        }
        Set<String> seen = new TreeSet<>();
        for (String path : contents.files().keySet()) {
            String rest = relative(path, model.folder());
            String entry = rest == null ? "" : rest.split("/", 2)[0];
            if (!FrameworkLayout.isVersionFolder(entry) || !rest.contains("/")) {
                continue;
            }
            String version = ArchivePaths.join(model.folder(), entry);
            String part = ArchivePaths.join(version, rest.substring(entry.length() + 1).split("/", 2)[0]);
            switch (ArchivePaths.fileName(part)) {
                case "saved_model.pb" -> notes.role(part, "SavedModel graph");
                case "variables" -> notes.role(part, "SavedModel weights");
                case "assets", "assets.extra" -> notes.role(part, "SavedModel assets");
                default -> { }
            }
            if (seen.add(version)) {
                version(contents, model, version, entry.replaceFirst("^0+(?=\\d)", ""), notes);
            }
        }
    }

    private static void version(ArchiveContents contents, ServedModel model, String version, String number,
                                LayoutNotes notes) {
        if (!contents.contains(ArchivePaths.join(version, "saved_model.pb"))) {
            notes.role(version, "version " + number + " without saved_model.pb");
            notes.add(Finding.warning(version + "/", "The container lists every numbered folder of model `"
                    + model.name() + "` as a version (tfs_utils.py:148-154), but this one holds no saved_model.pb, so "
                    + "version " + number + " never loads."));
            return;
        }
        notes.role(version, model.folder().isEmpty() ? "version " + number + " of model `model`" : "version " + number);
        if (!contents.hasFolder(ArchivePaths.join(version, "variables"))) {
            notes.add(Finding.error(version + "/variables/", "The SavedModel has no variables/ folder next to "
                    + "saved_model.pb; TensorFlow Serving can't load its weights."));
        }
    }

    /** {@code path} relative to {@code folder}, or null when it does not lie below it. */
    private static String relative(String path, String folder) {
        if (folder.isEmpty()) {
            return path;
        }
        return path.startsWith(folder + "/") ? path.substring(folder.length() + 1) : null;
    }

    /** saved_model.pb files TensorFlow Serving will not find: at the root, or in a folder that is not a number. */
    private static boolean unversioned(ArchiveContents contents, LayoutNotes notes) {
        Set<String> folders = new TreeSet<>();
        for (String path : contents.files().keySet()) {
            if (ArchivePaths.fileName(path).equals("saved_model.pb") && !ArchivePaths.isWithin(path, FrameworkLayout.CODE_DIR)) {
                folders.add(ArchivePaths.parent(path));
            }
        }
        for (String folder : folders) {
            if (folder.isEmpty()) {
                notes.add(Finding.error("saved_model.pb", "The SavedModel is at the archive root; TensorFlow Serving only "
                        + "loads it from a numbered version folder such as 1/ (served as model `model`).")
                        .withFix(new Fix.MoveInto(rootParts(contents), "1", "Move into 1/")));
            } else if (!FrameworkLayout.isVersionFolder(ArchivePaths.fileName(folder))) {
                String name = ArchivePaths.fileName(folder);
                String target = ArchivePaths.join(folder, "1");
                notes.add(Finding.error(folder + "/saved_model.pb", "The SavedModel is in '" + name + "/', which is not "
                        + "a version number; TensorFlow Serving only loads numbered folders. Moved into " + target
                        + "/, it is served as model `" + name + "`, version 1.")
                        .withFix(new Fix.MoveInto(children(contents, folder), target, "Move into " + target + "/")));
            }
        }
        return folders.stream().anyMatch(f -> f.isEmpty() || !FrameworkLayout.isVersionFolder(ArchivePaths.fileName(f)));
    }

    private static String folderPath(ServedModel model) {
        return model.folder().isEmpty() ? "" : model.folder() + "/";
    }

    private static List<String> rootParts(ArchiveContents contents) {
        Set<String> roots = new TreeSet<>();
        for (String path : contents.files().keySet()) {
            String top = path.split("/", 2)[0];
            if (SAVED_MODEL_PARTS.contains(top)) {
                roots.add(top);
            }
        }
        return List.copyOf(roots);
    }

    /** The files and folders directly in {@code folder}, as archive paths. */
    private static List<String> children(ArchiveContents contents, String folder) {
        Set<String> children = new TreeSet<>();
        for (String path : contents.files().keySet()) {
            if (path.startsWith(folder + "/")) {
                children.add(ArchivePaths.join(folder, path.substring(folder.length() + 1).split("/", 2)[0]));
            }
        }
        return List.copyOf(children);
    }
}
