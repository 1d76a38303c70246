package com.endpointstudio.ui.packaging;

import com.endpointstudio.ui.common.Plural;
import com.endpointstudio.core.packaging.ArchiveContents;
import com.endpointstudio.core.packaging.Finding;
import com.endpointstudio.core.packaging.Inspection;
import com.endpointstudio.core.packaging.LayoutValidator;
import com.endpointstudio.core.packaging.Severity;
import com.endpointstudio.ui.packaging.ArchiveTreeItems.Entry;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

/**
 * The Contents step's archive tree (each path with what the container makes of it), the editor of
 * the selected text file, and the findings list whose rows select their path.
 */
final class ArchiveEditor {

    private final PackagingViewModel model;
    private final TreeView<Entry> tree;
    private final TextArea editor;
    private final Label title;
    private final Label hint;
    private String editing;

    ArchiveEditor(PackagingViewModel model, TreeView<Entry> tree, TextArea editor, Label title, Label hint) {
        this.model = model;
        this.tree = tree;
        this.editor = editor;
        this.title = title;
        this.hint = hint;
        tree.setCellFactory(view -> new ArchiveTreeCell());
        model.revisionProperty().addListener((obs, old, now) -> rebuild());
        // a new reading (framework, version, entry point, an edited script) renames roles without rebuilding
        model.reportProperty().addListener((obs, old, now) -> {
            if (tree.getRoot() != null) {
                ArchiveTreeItems.updateRoles(tree.getRoot(), now.roles());
            }
        });
        tree.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> show(now == null ? null
                : now.getValue()));
        editor.textProperty().addListener((obs, old, now) -> {
            if (editing != null && !editor.isDisable() && editor.isEditable()) {
                model.setText(editing, now);
            }
        });
        rebuild();
    }

    void bindFindings(ListView<Finding> list, Label summary) {
        list.setItems(model.findings());
        list.setCellFactory(view -> new FindingCell(model::applyFix, () -> model.inspectionProperty().get() == null));
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                select(now.path().endsWith("/") ? now.path().substring(0, now.path().length() - 1) : now.path());
            }
        });
        summary.textProperty().bind(Bindings.createStringBinding(this::summary, model.findings()));
    }

    private String summary() {
        long errors = model.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = model.findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
        if (errors + warnings == 0) {
            return "Checks: the layout is ready for " + model.frameworkProperty().get().displayName();
        }
        return "Checks: " + Plural.of(errors, "error") + ", " + Plural.of(warnings, "warning")
                + (LayoutValidator.hasErrors(model.findings()) ? " — fix the errors to build" : "");
    }

    void rebuild() {
        Inspection inspection = model.inspectionProperty().get();
        ArchiveContents contents = inspection != null ? inspection.contents() : model.tree().contents();
        String rootName = inspection != null ? inspection.archive().getFileName().toString() : "model.tar.gz";
        String keep = editing;
        tree.setRoot(ArchiveTreeItems.build(rootName, contents.files(), model.reportProperty().get().roles()));
        if (keep != null) {
            select(keep);
        }
        if (tree.getSelectionModel().getSelectedItem() == null) {
            show(null);
        }
    }

    void select(String path) {
        TreeItem<Entry> item = tree.getRoot() == null ? null : ArchiveTreeItems.find(tree.getRoot(), path);
        if (item != null) {
            tree.getSelectionModel().select(item);
        }
    }

    /** The selected file or folder, not the archive's root row. */
    Entry selected() {
        TreeItem<Entry> item = tree.getSelectionModel().getSelectedItem();
        return item == null || item.getValue().path().isEmpty() ? null : item.getValue();
    }

    private void show(Entry entry) {
        editing = null;
        Inspection inspection = model.inspectionProperty().get();
        Optional<String> text = entry == null || entry.folder() ? Optional.empty()
                : inspection != null ? inspection.contents().text(entry.path())
                : Optional.ofNullable(model.tree().text(entry.path()));
        title.setText(entry == null || entry.path().isEmpty() ? "Select a file" : entry.path());
        editor.setEditable(inspection == null && text.isPresent());
        editor.setDisable(text.isEmpty());
        editor.setText(text.orElse(""));
        hint.setText(text.isPresent() ? (editor.isEditable()
                ? "Edits change the archive only; your file on disk stays as it is." : "Read-only")
                : entry == null || entry.folder() ? "" : Sizes.human(entry.size()) + " — not a text file the studio edits");
        editing = entry == null ? null : entry.path();
    }
}
