package com.endpointstudio.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.error.StudioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFilesTest {

    @TempDir
    Path dir;

    @Test
    void aSavedSpecLoadsBackEqualIncludingHardValues() {
        DeploymentSpec spec = TestSpecs.twoModels("round-trip", "s3://b/a.tar.gz", "s3://b/loose/", "team-bucket");
        DeploymentSpec hard = TestSpecs.hard("hard", "s3://b/model.tar.gz");
        Path file = dir.resolve("specs/round-trip.json");

        SpecFiles.write(file, spec);
        assertThat(SpecFiles.read(file)).isEqualTo(spec);

        SpecFiles.write(file, hard);
        assertThat(SpecFiles.read(file)).isEqualTo(hard);
        assertThat(dir.resolve("specs").toFile().list()).containsExactly("round-trip.json");
    }

    @Test
    void theFileIsStableJsonWithMapsSortedByKey() throws IOException {
        Path file = dir.resolve("spec.json");
        SpecFiles.write(file, TestSpecs.simple("stable"));
        String text = Files.readString(file);

        assertThat(text).startsWith("{\n  \"specVersion\" : 1,");
        assertThat(text.indexOf("SAGEMAKER_CONTAINER_LOG_LEVEL")).isLessThan(text.indexOf("SAGEMAKER_PROGRAM"));
        SpecFiles.write(file, SpecFiles.read(file));
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void malformedJsonNamesTheFileAndTheLine() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.json"), "{\n  \"specVersion\": 1,\n  \"models\": [\n}\n");

        assertThatThrownBy(() -> SpecFiles.read(file)).isInstanceOf(StudioException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("is not valid JSON")
                .hasMessageContaining("line 4");
    }

    @Test
    void anUnknownFieldIsNamedWithItsPathInsteadOfBeingDropped() {
        String json = SpecFiles.toJson(TestSpecs.simple("typo")).replace("\"instanceType\"", "\"instanceTyp\"");

        assertThatThrownBy(() -> SpecFiles.fromJson(json, "typo.json")).isInstanceOf(StudioException.class)
                .hasMessageStartingWith("typo.json (line ")
                .hasMessageContaining("field endpointConfig.variants[0].instanceTyp");
    }

    @Test
    void aWrongTypeIsNamedWithItsPath() {
        String json = SpecFiles.toJson(TestSpecs.simple("types"))
                .replace("\"initialInstanceCount\" : 1", "\"initialInstanceCount\" : \"two\"");

        assertThatThrownBy(() -> SpecFiles.fromJson(json, "types.json"))
                .hasMessageContaining("field endpointConfig.variants[0].initialInstanceCount");
    }

    @Test
    void aNewerFormatVersionIsRefusedWithBothVersions() {
        String json = SpecFiles.toJson(TestSpecs.simple("future")).replace("\"specVersion\" : 1", "\"specVersion\" : 7");

        assertThatThrownBy(() -> SpecFiles.fromJson(json, "future.json"))
                .hasMessageContaining("future.json is a deployment spec of format version 7")
                .hasMessageContaining("this studio reads version 1");
    }

    @Test
    void aJsonFileThatIsNoSpecSaysSo() {
        assertThatThrownBy(() -> SpecFiles.fromJson("{\"theme\": \"dark\"}", "settings.json"))
                .hasMessageContaining("settings.json has no \"specVersion\"");
        assertThatThrownBy(() -> SpecFiles.fromJson("[1, 2]", "list.json"))
                .hasMessageContaining("list.json does not hold a deployment spec");
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> SpecFiles.read(missing)).isInstanceOf(StudioException.class)
                .hasMessageContaining(missing + " does not exist");
    }

    @Test
    void relativeLocalModelDataIsResolvedAgainstTheSpecFolder() {
        DeploymentSpec spec = TestSpecs.hard("relative", "artifacts/model.tar.gz");

        DeploymentSpec resolved = SpecFiles.withLocalPathsFrom(spec, dir);

        assertThat(resolved.models().get(0).containers().get(0).modelData().location())
                .isEqualTo(dir.resolve("artifacts/model.tar.gz").toString());
        DeploymentSpec s3 = TestSpecs.simple("remote");
        assertThat(SpecFiles.withLocalPathsFrom(s3, dir)).isEqualTo(s3);
    }
}
