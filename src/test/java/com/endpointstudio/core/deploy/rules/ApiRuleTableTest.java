package com.endpointstudio.core.deploy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.endpointstudio.testing.TestPython;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiRuleTableTest {

    private final ApiRuleTable table = ApiRuleTable.bundled();

    @Test
    void theTableNamesTheServiceModelsAndTheDateItWasGeneratedFrom() {
        assertThat(table.source()).startsWith("botocore ").contains("sagemaker 2017-07-24")
                .contains("application-autoscaling 2016-02-06");
        assertThat(table.generated()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void itHoldsTheLimitsOfTheRequestsADeploymentSends() {
        ApiRule instanceType = table.rule("CreateEndpointConfig.ProductionVariants[].InstanceType");
        assertThat(instanceType.enumValues()).contains("ml.m5.large", "ml.g5.xlarge").hasSizeGreaterThan(250);
        ApiRule url = table.rule("CreateModel.PrimaryContainer.ModelDataUrl");
        assertThat(url.max()).isEqualTo(1024);
        assertThat(url.compiledPattern().matcher("https://bucket.s3.amazonaws.com/model.tar.gz").matches()).isTrue();
        assertThat(table.rule("CreateEndpointConfig.AsyncInferenceConfig.OutputConfig.S3OutputPath").max())
                .isEqualTo(512);
        assertThat(table.rule("CreateModel.Containers").max()).isEqualTo(15);
        assertThat(table.rule("CreateEndpointConfig.EndpointConfigName").required()).isTrue();
        assertThat(table.rule("CreateEndpointConfig.ProductionVariants[].InitialVariantWeight").type()).isEqualTo("float");
    }

    @Test
    void everyPatternCompilesAsTheServiceMatchesIt() {
        assertThat(table.all().values()).filteredOn(rule -> rule.pattern() != null).isNotEmpty()
                .allSatisfy(rule -> assertThat(rule.compiledPattern()).as(rule.path()).isNotNull());
    }

    /** The bundled file is what the generator makes from the installed botocore (when it is the same version). */
    @Test
    void regeneratingFromTheServiceModelsGivesTheSameRules(@TempDir Path dir) throws Exception {
        String python = TestPython.withModules(List.of("botocore"), List.of("botocore"));
        Process version = new ProcessBuilder(python, "-c", "import botocore; print(botocore.__version__)").start();
        String installed = new String(version.getInputStream().readAllBytes()).strip();
        version.waitFor(60, TimeUnit.SECONDS);
        assumeThat(table.source()).as("the table was generated from another botocore than the installed one")
                .startsWith("botocore " + installed + " ");

        Path tools = Files.createDirectories(dir.resolve("tools"));
        Files.copy(Path.of("tools/generate_api_rules.py"), tools.resolve("generate_api_rules.py"));
        Process generate = new ProcessBuilder(python, tools.resolve("generate_api_rules.py").toString())
                .redirectErrorStream(true).start();
        String output = new String(generate.getInputStream().readAllBytes());
        assertThat(generate.waitFor(120, TimeUnit.SECONDS) && generate.exitValue() == 0).as(output).isTrue();

        ObjectMapper json = new ObjectMapper();
        JsonNode regenerated = json.readTree(dir.resolve("src/main/resources/deploy/api-rules.json").toFile());
        JsonNode bundled = json.readTree(getClass().getResourceAsStream(ApiRuleTable.RESOURCE));
        assertThat(regenerated.get("rules")).isEqualTo(bundled.get("rules"));
        assertThat(regenerated.get("source")).isEqualTo(bundled.get("source"));
    }
}
