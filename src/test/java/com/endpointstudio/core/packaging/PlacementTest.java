package com.endpointstudio.core.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlacementTest {

    @TempDir
    Path dir;

    private Path file(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private static List<String> paths(Placement.Result result) {
        return result.files().stream().map(Placement.Placed::path).toList();
    }

    @Test
    void scriptsAndRequirementsGoUnderCode() throws IOException {
        Placement.Result result = new Placement(Framework.PYTORCH, Set.of()).place(List.of(
                file("inference.py", "def model_fn(d): pass"), file("requirements.txt", "numpy"), file("model.pth", "w")));
        assertThat(paths(result)).containsExactly("code/inference.py", "code/requirements.txt", "model.pth");
        assertThat(result.files().get(0).source()).isInstanceOf(FileSource.InMemory.class);
        assertThat(result.files().get(2).source()).isInstanceOf(FileSource.OnDisk.class);
    }

    @Test
    void savedModelFolderGoesUnderTheNextVersionNumber() throws IOException {
        file("export/saved_model.pb", "pb");
        file("export/variables/variables.index", "i");
        Placement.Result result = new Placement(Framework.TENSORFLOW, Set.of("1/saved_model.pb"))
                .place(List.of(dir.resolve("export")));
        assertThat(paths(result)).containsExactly("2/saved_model.pb", "2/variables/variables.index");
    }

    @Test
    void numberedSavedModelKeepsItsNumber() throws IOException {
        file("7/saved_model.pb", "pb");
        assertThat(paths(new Placement(Framework.TENSORFLOW, Set.of()).place(List.of(dir.resolve("7")))))
                .containsExactly("7/saved_model.pb");
    }

    @Test
    void tensorFlowModelFoldersKeepTheNameTensorFlowServingServesThemUnder() throws IOException {
        file("half_plus_three/00000123/saved_model.pb", "pb");
        file("half_plus_three/00000123/variables/variables.index", "i");
        file("models/model1/1/saved_model.pb", "pb");
        file("models/model2/1/saved_model.pb", "pb");
        Placement.Result result = new Placement(Framework.TENSORFLOW, Set.of())
                .place(List.of(dir.resolve("half_plus_three"), dir.resolve("models")));
        assertThat(paths(result)).containsExactly("half_plus_three/00000123/saved_model.pb",
                "half_plus_three/00000123/variables/variables.index", "models/model1/1/saved_model.pb",
                "models/model2/1/saved_model.pb");
    }

    @Test
    void aCodeFolderLandsInCodeWhateverItsName() throws IOException {
        file("src/predict.py", "def model_fn(d): pass");
        file("src/lib/helpers.py", "X = 1");
        Placement.Result result = new Placement(Framework.PYTORCH, Set.of()).placeCode(dir.resolve("src"));
        assertThat(paths(result)).containsExactly("code/lib/helpers.py", "code/predict.py");
    }

    @Test
    void aModelFolderIsUnpackedAtTheRootAndOtherFoldersKeepTheirName() throws IOException {
        file("bert/config.json", "{}");
        file("bert/model.safetensors", "w");
        file("assets/labels.csv", "a,b");
        Placement.Result result = new Placement(Framework.HUGGINGFACE, Set.of())
                .place(List.of(dir.resolve("bert"), dir.resolve("assets")));
        assertThat(paths(result)).containsExactly("config.json", "model.safetensors", "assets/labels.csv");
        assertThat(result.files().get(0).source()).as("config.json is read for the checks").isInstanceOf(FileSource.InMemory.class);
    }

    @Test
    void unreadableFilesAreReportedNotAdded() throws IOException {
        Path secret = file("secret.bin", "x");
        secret.toFile().setReadable(false);
        Placement.Result result = new Placement(Framework.CUSTOM, Set.of()).place(List.of(secret, dir.resolve("missing")));
        if (!Files.isReadable(secret)) { // root reads everything
            assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("secret.bin"));
        }
        assertThat(result.problems()).anySatisfy(p -> assertThat(p).contains("missing"));
    }
}
