package com.endpointstudio.core.byoc;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecDefaults;
import com.endpointstudio.core.deploy.SpecFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which images name a container folder, where its serve and requirements are, and how a spec's relative folder resolves. */
class ContainerFolderTest {

    @TempDir
    Path dir;

    @Test
    void theLayoutOfByocNewAndOfSageMakersExampleAreBothContainerFolders() throws Exception {
        ContainerTemplate.write(dir.resolve("spacy-container"), "spacy", false);
        ContainerFolder written = ContainerFolder.of("spacy-container", dir).orElseThrow();
        assertThat(written.serve()).isEqualTo(dir.resolve("spacy-container/program/serve"));
        assertThat(written.requirements()).isEqualTo(dir.resolve("spacy-container/requirements.txt"));

        // scikit_bring_your_own/container: Dockerfile beside decision_trees/ with serve, no requirements file
        Path example = Files.createDirectories(dir.resolve("container/decision_trees"));
        Files.writeString(example.resolve("serve"), "#!/usr/bin/env python\n");
        Files.writeString(dir.resolve("container/Dockerfile"), "FROM ubuntu:18.04\n");
        ContainerFolder sagemaker = ContainerFolder.of(dir.resolve("container").toString(), null).orElseThrow();
        assertThat(sagemaker.program()).isEqualTo(example);
        assertThat(sagemaker.requirements()).isNull();
        assertThat(ContainerFolder.of(example.toString(), null).orElseThrow().program()).isEqualTo(example);
    }

    @Test
    void imageReferencesAreNoFoldersAndAFolderWithoutServeSaysWhy() throws Exception {
        assertThat(ContainerFolder.namesFolder("123456789012.dkr.ecr.us-east-1.amazonaws.com/mine:1", dir)).isFalse();
        assertThat(ContainerFolder.namesFolder("python:3.11", dir)).isFalse();
        assertThat(ContainerFolder.namesFolder("./spacy-container", dir)).isTrue();
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(ContainerFolder.namesFolder("empty", dir)).isTrue();
        assertThat(ContainerFolder.of("empty", dir)).isEmpty();
        assertThat(ContainerFolder.whyNot("empty", dir)).isEqualTo("the folder " + empty + " has no serve program "
                + "(program/serve as `endpoint-studio byoc new` writes it, or serve beside predictor.py)");
    }

    @Test
    void aSpecsRelativeContainerFolderIsResolvedAgainstTheSpecsFolderLikeModelData() {
        ContainerTemplate.write(dir.resolve("spacy-container"), "spacy", false);
        DeploymentSpec spec = SpecDefaults.realTime("nlp").image("spacy-container").modelData("model")
                .instanceType("ml.m5.large").build();
        var container = SpecFiles.withLocalPathsFrom(spec, dir).models().get(0).containers().get(0);
        assertThat(container.image()).isEqualTo(dir.resolve("spacy-container").toString());
        assertThat(container.modelData().location()).isEqualTo(dir.resolve("model").toString());
    }
}
