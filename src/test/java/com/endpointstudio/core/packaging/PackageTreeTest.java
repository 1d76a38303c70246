package com.endpointstudio.core.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.error.ValidationException;
import org.junit.jupiter.api.Test;

class PackageTreeTest {

    @Test
    void movesAndRenamesFoldersWithEverythingInThem() {
        PackageTree tree = new PackageTree();
        tree.putText("export/saved_model.pb", "pb");
        tree.putText("export/variables/variables.index", "i");
        tree.rename("export", "1");
        assertThat(tree.paths()).containsExactly("1/saved_model.pb", "1/variables/variables.index");
        assertThat(tree.folders()).containsExactly("1", "1/variables");
        tree.move("1/variables/variables.index", "1/variables/renamed.index");
        assertThat(tree.paths()).contains("1/variables/renamed.index");
    }

    @Test
    void refusesPathsThatEscapeTheArchiveAndClashes() {
        PackageTree tree = new PackageTree();
        assertThatThrownBy(() -> tree.putText("../etc/passwd", "x")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("Path").hasMessageContaining("..");
        assertThatThrownBy(() -> tree.putText("/abs", "x")).hasMessageContaining("absolute");
        tree.putText("code/inference.py", "x");
        tree.putText("model.pth", "x");
        assertThatThrownBy(() -> tree.move("model.pth", "code/inference.py")).hasMessageContaining("already exists");
        assertThatThrownBy(() -> tree.putText("model.pth/inner", "x")).hasMessageContaining("is a file");
        assertThatThrownBy(() -> tree.move("code", "code/sub")).hasMessageContaining("inside");
        assertThat(tree.paths()).containsExactly("code/inference.py", "model.pth");
    }

    @Test
    void removingAFolderRemovesOnlyIt() {
        PackageTree tree = new PackageTree();
        tree.putText("code/inference.py", "x");
        tree.putText("codebook.txt", "x");
        tree.remove("code");
        assertThat(tree.paths()).containsExactly("codebook.txt");
    }

    @Test
    void planIsSortedAndKeepsSources() {
        PackageTree tree = new PackageTree();
        tree.putText("z.txt", "zz");
        tree.putText("a/b.txt", "b");
        assertThat(tree.toPlan().files()).extracting(PlannedFile::path).containsExactly("a/b.txt", "z.txt");
        assertThat(tree.toPlan().totalBytes()).isEqualTo(3);
    }
}
