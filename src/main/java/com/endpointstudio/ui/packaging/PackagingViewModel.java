package com.endpointstudio.ui.packaging;

import com.endpointstudio.ui.common.Plural;
import com.endpointstudio.core.error.ValidationException;
import com.endpointstudio.core.packaging.ArchiveContents;
import com.endpointstudio.core.packaging.ArchivePaths;
import com.endpointstudio.core.packaging.EntryPoint;
import com.endpointstudio.core.packaging.Finding;
import com.endpointstudio.core.packaging.Fix;
import com.endpointstudio.core.packaging.Framework;
import com.endpointstudio.core.packaging.FrameworkLayout;
import com.endpointstudio.core.packaging.FrameworkVersion;
import com.endpointstudio.core.packaging.HandlerTemplates;
import com.endpointstudio.core.packaging.Inspection;
import com.endpointstudio.core.packaging.KnownVersions;
import com.endpointstudio.core.packaging.LayoutReport;
import com.endpointstudio.core.packaging.LayoutTarget;
import com.endpointstudio.core.packaging.LayoutValidator;
import com.endpointstudio.core.packaging.ModelPackager;
import com.endpointstudio.core.packaging.PackageTree;
import com.endpointstudio.core.packaging.Placement;
import com.endpointstudio.core.packaging.SampleModel;
import com.endpointstudio.ui.common.Jobs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The packaging wizard's shared state: framework, version and entry point (step 1), the archive
 * tree with its live findings and the role of each path as the container reads it (step 2), and the
 * build (step 3, in {@link BuildModel}). Every edit re-validates at once; only disk reads and the
 * build run in the background.
 */
public final class PackagingViewModel {

    public enum Step { FRAMEWORK, CONTENTS, BUILD }

    private final ModelPackager packager;
    private final HandlerTemplates templates;
    private final Jobs jobs;

    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(Step.FRAMEWORK);
    private final ObjectProperty<Framework> framework = new SimpleObjectProperty<>(Framework.PYTORCH);
    private final StringProperty frameworkVersion = new SimpleStringProperty(KnownVersions.newest(Framework.PYTORCH));
    private final ObservableList<String> versions = FXCollections.observableArrayList(KnownVersions.of(Framework.PYTORCH));
    private final StringProperty entryPoint = new SimpleStringProperty(EntryPoint.DEFAULT);
    /** The scripts directly in code/, offered as entry points. */
    private final ObservableList<String> entryPoints = FXCollections.observableArrayList(EntryPoint.DEFAULT);
    private final ReadOnlyObjectWrapper<LayoutReport> report = new ReadOnlyObjectWrapper<>(
            new LayoutReport(List.of(), Map.of()));
    private final PackageTree tree = new PackageTree();
    private final IntegerProperty revision = new SimpleIntegerProperty();
    private final ReadOnlyObjectWrapper<Inspection> inspection = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<String> notices = FXCollections.observableArrayList();
    private final BooleanBinding hasErrors = Bindings.createBooleanBinding(
            () -> LayoutValidator.hasErrors(findings), findings);
    private final BuildModel build;
    /** Folders the user dropped: the output may not be written inside them. */
    private final java.util.Set<Path> folders = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public PackagingViewModel(ModelPackager packager, HandlerTemplates templates, Jobs jobs) {
        this.packager = packager;
        this.templates = templates;
        this.jobs = jobs;
        this.build = new BuildModel(this, packager, jobs);
        framework.addListener((obs, old, now) -> {
            versions.setAll(KnownVersions.of(now));
            frameworkVersion.set(KnownVersions.newest(now));
            if (!EntryPoint.readsProgram(now)) {
                entryPoint.set(EntryPoint.DEFAULT);
            }
            validate();
        });
        frameworkVersion.addListener((obs, old, now) -> validate());
        entryPoint.addListener((obs, old, now) -> validate());
        validate();
    }

    /** Files or folders dropped or browsed: a single .tar.gz is opened, anything else is added. */
    public void drop(List<Path> paths) {
        if (paths.size() == 1 && isArchive(paths.get(0))) {
            open(paths.get(0));
            return;
        }
        if (inspection.get() != null) {
            closeInspection();
        }
        Placement placement = new Placement(framework.get(), new HashSet<>(tree.paths()));
        jobs.job("Add files", job -> {
            folders.addAll(paths.stream().filter(java.nio.file.Files::isDirectory).toList());
            return placement.place(paths);
        }).describedAs("Reading " + Plural.of(paths.size(), "dropped item") + "…").onSuccess(result -> {
            result.files().forEach(placed -> tree.put(placed.path(), placed.source()));
            notices.setAll(result.problems());
            jobs.status().show("Added " + Plural.of(result.files().size(), "file") + " to the archive");
            step.set(Step.CONTENTS);
            changed();
        }).start();
    }

    /** Opens an existing model.tar.gz read-only: lists it and validates it against the framework. */
    public void open(Path archive) {
        jobs.job("Open " + archive.getFileName(), job -> packager.inspect(archive)).onSuccess(result -> {
            inspection.set(result);
            notices.clear();
            jobs.status().show("Opened " + archive + " (" + result.contents().files().size() + " files)");
            step.set(Step.CONTENTS);
            changed();
        }).start();
    }

    /**
     * Fills the wizard with the sample model that ships with the studio (a linear model that needs
     * only Python's standard library), so a first deployment needs no files of one's own.
     */
    public void loadSample() {
        if (inspection.get() != null) {
            closeInspection();
        }
        framework.set(Framework.CUSTOM);
        entryPoint.set(EntryPoint.DEFAULT);
        edit(() -> {
            tree.clear();
            PackageTree sample = SampleModel.tree();
            sample.paths().forEach(path -> tree.put(path, sample.source(path)));
        }, "Sample model");
        step.set(Step.CONTENTS);
        // built as houses.tar.gz, it deploys as the endpoint houses that the README's first steps call
        String output = build.outputProperty().get();
        if (output != null && java.nio.file.Path.of(output).getFileName().toString().equals("model.tar.gz")) {
            build.outputProperty().set(java.nio.file.Path.of(output).resolveSibling("houses.tar.gz").toString());
        }
        jobs.status().show("Loaded the sample model: a linear model served by code/inference.py");
    }

    /** Leaves the read-only view of an opened archive and returns to the tree being assembled. */
    public void closeInspection() {
        inspection.set(null);
        changed();
    }

    public void remove(String path) {
        edit(() -> tree.remove(path), "Remove");
    }

    public void rename(String path, String newName) {
        edit(() -> tree.rename(path, newName), "Rename");
    }

    public void move(String path, String newPath) {
        edit(() -> tree.move(path, newPath), "Move");
    }

    public void applyFix(Finding finding) {
        finding.fix().ifPresent(fix -> {
            if (fix instanceof Fix.UseEntryPoint use) {
                entryPoint.set(use.name());
            } else {
                edit(() -> tree.apply(fix, templates), fix.label());
            }
        });
    }

    /** Writes the framework's handler template as the entry point. */
    public void generateScript() {
        edit(() -> tree.putText(target().script(), templates.script(framework.get())), "Generate " + target().script());
    }

    /** What the archive is checked against; an entry point that is not a valid script name counts as the default. */
    public LayoutTarget target() {
        String name;
        try {
            name = EntryPoint.check(entryPoint.get(), "Entry point");
        } catch (ValidationException e) {
            name = EntryPoint.DEFAULT;
        }
        return new LayoutTarget(framework.get(), version(), name);
    }

    /** The SAGEMAKER_PROGRAM the built archive needs: its entry point, or none when it holds no script to run. */
    public Optional<String> program() {
        return EntryPoint.program(target(), tree.contents());
    }

    public void createRequirements() {
        if (!tree.contains(FrameworkLayout.REQUIREMENTS)) {
            edit(() -> tree.putText(FrameworkLayout.REQUIREMENTS, templates.requirements()), "Add requirements.txt");
        }
    }

    /** Replaces a text file's content with what the user typed (the file on disk is not touched). */
    public void setText(String path, String text) {
        if (inspection.get() == null && tree.contains(path) && !text.equals(tree.text(path))) {
            tree.putText(path, text);
            validate(); // the paths are unchanged, so the tree view keeps its state
        }
    }

    public void clear() {
        edit(tree::clear, "Clear");
        folders.clear();
    }

    public java.util.Set<Path> inputFolders() {
        return java.util.Set.copyOf(folders);
    }

    private void edit(Runnable change, String title) {
        if (inspection.get() != null) {
            return;
        }
        try {
            change.run();
            changed();
        } catch (RuntimeException e) {
            jobs.errors().report(title, e);
        }
    }

    private void changed() {
        revision.set(revision.get() + 1);
        validate();
    }

    private FrameworkVersion version() {
        return frameworkVersion.get() == null || frameworkVersion.get().isBlank()
                ? null : FrameworkVersion.of(frameworkVersion.get());
    }

    private void validate() {
        Inspection opened = inspection.get();
        ArchiveContents contents = opened != null ? opened.contents() : tree.contents();
        List<Finding> found = new ArrayList<>(opened != null ? opened.problems() : List.of());
        try {
            EntryPoint.check(entryPoint.get(), "Entry point");
        } catch (ValidationException e) {
            found.add(Finding.error("", e.getMessage()));
        }
        LayoutReport read = LayoutValidator.report(target(), contents);
        found.addAll(read.findings());
        report.set(read);
        findings.setAll(found);
        TreeSet<String> scripts = new TreeSet<>(List.of(target().entryPoint()));
        contents.files().keySet().stream().filter(p -> ArchivePaths.parent(p).equals(FrameworkLayout.CODE_DIR)
                && p.endsWith(".py")).map(ArchivePaths::fileName).forEach(scripts::add);
        if (!entryPoints.equals(List.copyOf(scripts))) {
            entryPoints.setAll(scripts);
        }
    }

    private static boolean isArchive(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar");
    }

    public PackageTree tree() {
        return tree;
    }

    public ObjectProperty<Step> stepProperty() {
        return step;
    }

    public ObjectProperty<Framework> frameworkProperty() {
        return framework;
    }

    public StringProperty frameworkVersionProperty() {
        return frameworkVersion;
    }

    public ObservableList<String> versions() {
        return versions;
    }

    /** The script under code/ the container imports, as SAGEMAKER_PROGRAM will name it. */
    public StringProperty entryPointProperty() {
        return entryPoint;
    }

    public ObservableList<String> entryPoints() {
        return entryPoints;
    }

    /** The archive as its container reads it: findings and the role of each path. */
    public ReadOnlyObjectProperty<LayoutReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** Bumped on every change of the tree (or of the opened archive), so views rebuild. */
    public IntegerProperty revisionProperty() {
        return revision;
    }

    public ReadOnlyObjectProperty<Inspection> inspectionProperty() {
        return inspection.getReadOnlyProperty();
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    /** Things the last drop could not add (unreadable files, sockets, …). */
    public ObservableList<String> notices() {
        return notices;
    }

    public BooleanBinding hasErrorsProperty() {
        return hasErrors;
    }

    public BuildModel build() {
        return build;
    }
}
