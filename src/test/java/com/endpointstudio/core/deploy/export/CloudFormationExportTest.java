package com.endpointstudio.core.deploy.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec;
import com.endpointstudio.core.deploy.StudioTags;
import com.endpointstudio.core.deploy.TestSpecs;
import com.endpointstudio.testing.TestArchives;
import com.endpointstudio.testing.MotoExtension;
import com.endpointstudio.testing.MotoServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(MotoExtension.class)
class CloudFormationExportTest {

    @TempDir
    Path work;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theTemplateHoldsTheThreeResourcesChainedAndTagged() throws IOException {
        DeploymentSpec spec = TestSpecs.hard("cfn-demo", "s3://models-bucket/cfn-demo/model.tar.gz");

        JsonNode template = json.readTree(new CloudFormationExport().export(spec));

        JsonNode resources = template.path("Resources");
        assertThat(resources.properties()).extracting(e -> e.getKey() + " " + e.getValue().path("Type").asText())
                .containsExactly("Model AWS::SageMaker::Model", "EndpointConfig AWS::SageMaker::EndpointConfig",
                        "Endpoint AWS::SageMaker::Endpoint");
        JsonNode model = resources.path("Model").path("Properties");
        assertThat(model.path("ModelName").asText()).isEqualTo("cfn-demo-model");
        assertThat(model.path("ExecutionRoleArn").asText()).isEqualTo(TestSpecs.ROLE);
        assertThat(model.path("PrimaryContainer").path("Image").asText()).isEqualTo(TestSpecs.IMAGE);
        assertThat(model.path("PrimaryContainer").path("ModelDataUrl").asText())
                .isEqualTo("s3://models-bucket/cfn-demo/model.tar.gz");
        assertThat(model.path("PrimaryContainer").path("Environment").path("GREETING").asText())
                .isEqualTo(TestSpecs.HARD_ENV.get("GREETING"));

        JsonNode config = resources.path("EndpointConfig");
        assertThat(config.path("Properties").path("ProductionVariants").get(0).path("ModelName").path("Fn::GetAtt")
                .get(0).asText()).isEqualTo("Model");
        JsonNode variant = config.path("Properties").path("ProductionVariants").get(0);
        assertThat(variant.path("ModelName").toString()).isEqualTo("{\"Fn::GetAtt\":[\"Model\",\"ModelName\"]}");
        assertThat(variant.path("InstanceType").asText()).isEqualTo("ml.m5.large");
        assertThat(variant.path("InitialInstanceCount").asInt()).isEqualTo(1);

        JsonNode endpoint = resources.path("Endpoint");
        assertThat(endpoint.path("Properties").path("EndpointConfigName").path("Fn::GetAtt").get(0).asText())
                .isEqualTo("EndpointConfig");
        assertThat(endpoint.path("Properties").path("EndpointName").asText()).isEqualTo("cfn-demo");
        for (String id : new String[] {"Model", "EndpointConfig", "Endpoint"}) {
            JsonNode tags = resources.path(id).path("Properties").path("Tags");
            assertThat(tags).extracting(t -> t.path("Key").asText() + "=" + t.path("Value").asText())
                    .contains("cost center=Ünïcode 日本 team", StudioTags.MANAGED_KEY + "=true",
                            StudioTags.DEPLOYMENT_KEY + "=dep-cfn-demo");
        }
        assertThat(template.has("Metadata")).isFalse();
    }

    @Test
    void localModelDataPointsAtItsContentKeyInTheStacksDefaultBucketAndSaysHowToUploadIt() throws Exception {
        Path archive = TestArchives.model(work.resolve("model.tar.gz"), "cfn");
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(archive)));
        DeploymentSpec spec = TestSpecs.hard("cfn-local", archive.toString());

        JsonNode template = json.readTree(new CloudFormationExport().export(spec));

        assertThat(template.path("Resources").path("Model").path("Properties").path("PrimaryContainer")
                .path("ModelDataUrl").path("Fn::Sub").asText())
                .isEqualTo("s3://sagemaker-${AWS::Region}-${AWS::AccountId}/endpoint-studio/" + sha + "/model.tar.gz");
        JsonNode upload = template.path("Metadata").path("EndpointStudio").path("Uploads").get(0);
        assertThat(upload.path("From").asText()).isEqualTo(archive.toString());
        assertThat(upload.path("Sha256").asText()).isEqualTo(sha);
        assertThat(upload.path("Command").asText())
                .startsWith("aws s3api head-object --bucket 'sagemaker-<region>-<account>' --key 'endpoint-studio/"
                        + sha + "/model.tar.gz' >/dev/null 2>&1 || aws s3 cp '" + archive + "' 's3://sagemaker-");
    }

    @Test
    void severalModelsGetOneLogicalIdEachAndTheConfigDependsOnBoth() throws IOException {
        DeploymentSpec spec = TestSpecs.twoModels("cfn-two", "s3://b/a/", "s3://b/b/", null);

        JsonNode resources = json.readTree(new CloudFormationExport().export(spec)).path("Resources");

        assertThat(resources.path("ModelCfnTwoA").path("Properties").path("VpcConfig").path("Subnets")).hasSize(2);
        assertThat(resources.path("ModelCfnTwoA").path("Properties").path("EnableNetworkIsolation").asBoolean())
                .isTrue();
        assertThat(resources.path("EndpointConfig").path("Properties").path("ProductionVariants"))
                .extracting(v -> v.path("ModelName").path("Fn::GetAtt").get(0).asText())
                .containsExactly("ModelCfnTwoA", "ModelCfnTwoB");
        assertThat(resources.path("ModelCfnTwoB").path("Properties").path("PrimaryContainer").path("ModelDataSource")
                .path("S3DataSource").path("CompressionType").asText()).isEqualTo("None");
    }

    /**
     * moto's CloudFormation creates SageMaker resources from the template, but names them after
     * the stack (it ignores ModelName / EndpointName), so this checks what the resources hold.
     */
    @Test
    void motoCloudFormationCreatesTheStackFromTheTemplate(MotoServer moto) throws IOException {
        DeploymentSpec spec = TestSpecs.hard("cfn-stack", "s3://models-bucket/cfn-stack/model.tar.gz");
        Path template = work.resolve("template.json");
        Files.writeString(template, new CloudFormationExport().export(spec), StandardCharsets.UTF_8);
        AwsScripts aws = new AwsScripts(moto, work);

        aws.run(work, "aws", "cloudformation", "create-stack", "--stack-name", "cfn-stack",
                "--template-body", "file://" + template);

        String status = aws.run(work, "aws", "cloudformation", "describe-stacks", "--stack-name", "cfn-stack",
                "--query", "Stacks[0].StackStatus", "--output", "text").strip();
        assertThat(status).isEqualTo("CREATE_COMPLETE");
        String endpointName = aws.run(work, "aws", "cloudformation", "describe-stack-resource", "--stack-name",
                "cfn-stack", "--logical-resource-id", "Endpoint", "--query",
                "StackResourceDetail.PhysicalResourceId", "--output", "text").strip().replaceAll(".*/", "");
        JsonNode deployed = aws.describe(endpointName);
        JsonNode model = deployed.path("models").elements().next();
        assertThat(model.path("PrimaryContainer").path("Image").asText()).isEqualTo(TestSpecs.IMAGE);
        assertThat(model.path("PrimaryContainer").path("ModelDataUrl").asText())
                .isEqualTo("s3://models-bucket/cfn-stack/model.tar.gz");
        assertThat(deployed.path("config").path("ProductionVariants").get(0).path("InstanceType").asText())
                .isEqualTo("ml.m5.large");
        assertThat(deployed.path("endpoint").path("Tags").path(StudioTags.MANAGED_KEY).asText()).isEqualTo("true");
        assertThat(model.path("Tags").path("cost center").asText()).isEqualTo("Ünïcode 日本 team");
    }

    /**
     * cfn-lint checks each template against CloudFormation's resource schemas, every member name and
     * value, and reports redundant dependencies: one run over the templates of every hosting option.
     */
    @Test
    void everyHostingOptionsTemplatePassesCfnLint() throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                com.endpointstudio.testing.TestPython.withModules(java.util.List.of("cfnlint"),
                        java.util.List.of("cfn-lint")), "-c",
                "import sys; from cfnlint.runner import main; sys.argv = ['cfn-lint'] + sys.argv[1:]; sys.exit(main())"));
        HostingOptionSpecs.all(Files.createDirectories(work.resolve("models"))).forEach(option -> {
            DeploymentSpec spec = (DeploymentSpec) option.get()[1];
            Path template = work.resolve(option.get()[0].toString().replaceAll("[^A-Za-z0-9]+", "-") + ".json");
            try {
                Files.writeString(template, new CloudFormationExport().export(spec), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            command.add(template.toString());
        });
        Process lint = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(lint.exitValue()).as(output).isZero();
        assertThat(command).hasSize(3 + 8);
    }
}
