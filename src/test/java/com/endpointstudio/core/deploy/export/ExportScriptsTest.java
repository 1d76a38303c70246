package com.endpointstudio.core.deploy.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.SpecValidator;
import com.endpointstudio.core.deploy.StudioTags;
import com.endpointstudio.core.deploy.TestSpecs;
import com.endpointstudio.core.deploy.upload.ContentDigest;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.testing.TestArchives;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The boto3 script and the AWS CLI script, run with this machine's python3 and aws against the
 * moto server, create exactly the resources the spec describes — names, image, model data,
 * environment, variants, tags — and upload local model data first.
 */
@ExtendWith(MotoExtension.class)
class ExportScriptsTest {

    private static final String DEFAULT_BUCKET = "sagemaker-" + MotoServer.REGION + "-" + MotoServer.ACCOUNT;

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(value = ExportFormat.class, names = {"BOTO3", "CLI"})
    void aLocalArtifactIsUploadedToTheDefaultBucketAndHardValuesArriveUnchanged(ExportFormat format,
                                                                                MotoServer moto) throws IOException {
        Path folder = Files.createDirectories(work.resolve("my model's \"files\" $HOME"));
        Path archive = TestArchives.withBytes(folder.resolve("model.tar.gz"), "weights.bin", new byte[1234]);
        String name = "hard-" + format.id();
        DeploymentSpec spec = TestSpecs.hard(name, archive.toString());
        SpecValidator.forWorkingFolder().validate(spec);

        JsonNode deployed = runExport(format, spec, moto);

        String modelName = name + "-model";
        JsonNode model = deployed.path("models").path(modelName);
        JsonNode container = model.path("PrimaryContainer");
        String url = "s3://" + DEFAULT_BUCKET + "/endpoint-studio/" + TestArchives.sha256(archive) + "/model.tar.gz";
        assertThat(container.path("Image").asText()).isEqualTo(TestSpecs.IMAGE);
        assertThat(container.path("ModelDataUrl").asText()).isEqualTo(url);
        assertThat(deployed.path("objects").path(url).asLong()).isEqualTo(Files.size(archive));
        assertThat(map(container.path("Environment"))).isEqualTo(spec.models().get(0).containers().get(0).environment());
        assertThat(model.path("ExecutionRoleArn").asText()).isEqualTo(TestSpecs.ROLE);

        JsonNode variant = deployed.path("config").path("ProductionVariants").get(0);
        assertThat(deployed.path("config").path("EndpointConfigName").asText()).isEqualTo(name + "-config");
        assertThat(variant.path("VariantName").asText()).isEqualTo("AllTraffic");
        assertThat(variant.path("ModelName").asText()).isEqualTo(modelName);
        assertThat(variant.path("InstanceType").asText()).isEqualTo("ml.m5.large");
        assertThat(variant.path("InitialInstanceCount").asInt()).isEqualTo(1);
        assertThat(variant.path("InitialVariantWeight").asDouble()).isEqualTo(1.0);

        Map<String, String> expectedTags = StudioTags.forResources(spec);
        assertThat(expectedTags).containsAllEntriesOf(TestSpecs.HARD_TAGS)
                .containsEntry(StudioTags.MANAGED_KEY, "true").containsEntry(StudioTags.DEPLOYMENT_KEY, "dep-" + name);
        assertThat(map(model.path("Tags"))).isEqualTo(expectedTags);
        assertThat(map(deployed.path("config").path("Tags"))).isEqualTo(expectedTags);
        assertThat(map(deployed.path("endpoint").path("Tags"))).isEqualTo(expectedTags);
        assertThat(deployed.path("endpoint").path("EndpointStatus").asText()).isEqualTo("InService");
    }

    @ParameterizedTest
    @EnumSource(value = ExportFormat.class, names = {"BOTO3", "CLI"})
    void twoModelsFromFoldersOneInANamedBucketOneAsLooseFiles(ExportFormat format, MotoServer moto)
            throws IOException {
        Path packed = Files.createDirectories(work.resolve("packed model/code"));
        Files.writeString(packed.resolve("inference.py"), "def model_fn(d):\n    return d\n");
        Files.write(packed.getParent().resolve("model.pth"), new byte[64]);
        Path loose = Files.createDirectories(work.resolve("loose/weights"));
        Files.write(loose.resolve("w.bin"), new byte[10]);
        Files.writeString(loose.getParent().resolve("config.json"), "{}");
        String name = "two-" + format.id();
        String bucket = "team-models-" + format.id();
        new AwsScripts(moto, work).run(work, "aws", "s3api", "create-bucket", "--bucket", bucket);
        DeploymentSpec spec = TestSpecs.twoModels(name, packed.getParent().toString(), loose.getParent().toString(),
                bucket);
        SpecValidator.forWorkingFolder().validate(spec);

        JsonNode deployed = runExport(format, spec, moto);

        JsonNode a = deployed.path("models").path(name + "-a");
        String packedUrl = "s3://" + bucket + "/models/" + name + "/"
                + ContentDigest.folder(packed.getParent(), CancelToken.none()) + "/model.tar.gz";
        assertThat(a.path("PrimaryContainer").path("ModelDataUrl").asText()).isEqualTo(packedUrl);
        assertThat(deployed.path("objects").path(packedUrl).asInt()).isPositive();
        assertThat(a.path("VpcConfig").path("Subnets")).extracting(JsonNode::asText)
                .containsExactly("subnet-0123abcd", "subnet-4567ef01");
        assertThat(a.path("VpcConfig").path("SecurityGroupIds").get(0).asText()).isEqualTo("sg-0123456789abcdef0");

        JsonNode b = deployed.path("models").path(name + "-b");
        String prefix = "s3://" + DEFAULT_BUCKET + "/endpoint-studio/"
                + ContentDigest.folder(loose.getParent(), CancelToken.none()) + "/";
        JsonNode source = b.path("PrimaryContainer").path("ModelDataSource").path("S3DataSource");
        assertThat(source.path("S3Uri").asText()).isEqualTo(prefix);
        assertThat(source.path("S3DataType").asText()).isEqualTo("S3Prefix");
        assertThat(source.path("CompressionType").asText()).isEqualTo("None");
        assertThat(deployed.path("objects").path(prefix + "weights/w.bin").asInt()).isEqualTo(10);
        assertThat(deployed.path("objects").has(prefix + "config.json")).isTrue();

        JsonNode variants = deployed.path("config").path("ProductionVariants");
        assertThat(variants).extracting(v -> v.path("VariantName").asText() + " " + v.path("ModelName").asText()
                        + " " + v.path("InstanceType").asText() + " x" + v.path("InitialInstanceCount").asInt()
                        + " w" + v.path("InitialVariantWeight").asDouble())
                .containsExactly("Blue " + name + "-a ml.c5.xlarge x2 w0.75", "Green " + name + "-b ml.m5.large x1 w0.25");
        assertThat(map(deployed.path("endpoint").path("Tags"))).containsEntry("stage", "test")
                .containsEntry(StudioTags.MANAGED_KEY, "true").containsEntry(StudioTags.DEPLOYMENT_KEY, name);
    }

    @ParameterizedTest
    @EnumSource(value = ExportFormat.class, names = {"BOTO3", "CLI"})
    void aPipelineModelIsCreatedWithItsContainersInOrder(ExportFormat format, MotoServer moto) throws IOException {
        String name = "pipe-" + format.id();
        DeploymentSpec spec = TestSpecs.pipeline(name);
        SpecValidator.forWorkingFolder().validate(spec);

        JsonNode deployed = runExport(format, spec, moto);

        JsonNode containers = deployed.path("models").path(name + "-model").path("Containers");
        assertThat(containers).extracting(c -> c.path("ContainerHostname").asText() + " "
                        + c.path("ModelDataUrl").asText() + " " + c.path("Environment").path("STAGE").asText())
                .containsExactly("preprocess s3://models-bucket/" + name + "/pre.tar.gz pre",
                        "predict s3://models-bucket/" + name + "/predict.tar.gz predict");
    }

    private JsonNode runExport(ExportFormat format, DeploymentSpec spec, MotoServer moto) throws IOException {
        SpecExport export = format.exporter();
        Path script = work.resolve(export.fileName(spec));
        Files.writeString(script, export.export(spec), StandardCharsets.UTF_8);
        AwsScripts scripts = new AwsScripts(moto, work);
        String interpreter = format == ExportFormat.BOTO3 ? AwsScripts.python() : "bash";
        String output = scripts.run(work, interpreter, script.toString());
        assertThat(output.toLowerCase(Locale.ROOT)).contains("is inservice");
        return scripts.describe(spec.endpoint().name());
    }

    private static Map<String, String> map(JsonNode object) {
        return new ObjectMapper().convertValue(object, new com.fasterxml.jackson.core.type.TypeReference<>() {
        });
    }

}
