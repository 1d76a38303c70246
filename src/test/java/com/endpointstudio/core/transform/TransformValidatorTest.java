package com.endpointstudio.core.transform;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.deploy.DeploymentSpec.ContainerSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelDataSpec;
import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.deploy.rules.ApiRuleTable;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.transform.TransformJobSpec.DataProcessingSpec;
import com.endpointstudio.core.transform.TransformJobSpec.InputSpec;
import com.endpointstudio.core.transform.TransformJobSpec.ModelClientSpec;
import com.endpointstudio.core.transform.TransformJobSpec.OutputSpec;
import com.endpointstudio.core.transform.TransformJobSpec.ResourcesSpec;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transform job is checked before any call: each field against CreateTransformJob's rule in the table
 * generated from the service model, and the rules between fields the documentation states.
 */
class TransformValidatorTest {

    @TempDir
    Path dir;

    /** A job that sets every option, valid on AWS. */
    static TransformJobSpec everything() {
        return new TransformJobSpec("churn-scores", "churn-model",
                new InputSpec("s3://data/churn/", "S3Prefix", "text/csv", "Gzip", "Line"), "MultiRecord", 10, 4,
                new OutputSpec("s3://results/churn/", "text/csv", "Line", "alias/results"),
                new DataProcessingSpec("$[1:]", "Input", "$[0,-1]"),
                new ResourcesSpec("ml.m5.xlarge", 2, "alias/volumes"), Map.of("MODEL_THRESHOLD", "0.5"),
                new ModelClientSpec(120, 2), Map.of("team", "ml"));
    }

    private static List<String> errors(TransformJobSpec job) {
        return TransformValidator.forWorkingFolder().inRegion("us-east-1").errors(job, null).stream()
                .map(FieldError::toString).toList();
    }

    private static TransformJobSpec with(UnaryOperator<Map<String, Object>> change) {
        TransformJobSpec base = everything();
        Map<String, Object> parts = new HashMap<>();
        parts.put("input", base.input());
        parts.put("output", base.output());
        parts.put("processing", base.dataProcessing());
        parts.put("resources", base.resources());
        parts.put("payload", base.maxPayloadInMB());
        parts.put("concurrent", base.maxConcurrentTransforms());
        parts.put("environment", base.environment());
        parts.put("client", base.modelClient());
        parts.put("name", base.jobName());
        parts.put("tags", base.tags());
        change.apply(parts);
        @SuppressWarnings("unchecked")
        Map<String, String> environment = (Map<String, String>) parts.get("environment");
        @SuppressWarnings("unchecked")
        Map<String, String> tags = (Map<String, String>) parts.get("tags");
        return new TransformJobSpec((String) parts.get("name"), base.modelName(), (InputSpec) parts.get("input"),
                base.batchStrategy(), (Integer) parts.get("payload"), (Integer) parts.get("concurrent"),
                (OutputSpec) parts.get("output"), (DataProcessingSpec) parts.get("processing"),
                (ResourcesSpec) parts.get("resources"), environment, (ModelClientSpec) parts.get("client"), tags);
    }

    @Test
    void aJobThatSetsEveryOptionIsValidAndEveryFieldWasCheckedAgainstARule() {
        assertThat(errors(everything())).isEmpty();
        Set<String> fields = new TreeSet<>();
        walk(TransformJobSpec.class, "", fields);
        assertThat(TransformFields.API_MEMBERS.keySet()).containsExactlyInAnyOrderElementsOf(fields);
        assertThat(TransformFields.API_MEMBERS.values()).allSatisfy(member ->
                assertThat(ApiRuleTable.bundled().has(member)).as(member).isTrue());
        assertThat(TransformValidator.forWorkingFolder().checkedFields(everything())).containsAll(fields);
    }

    @Test
    void limitsAndValuesComeFromTheServiceModel() {
        assertThat(errors(with(p -> {
            p.put("name", "x".repeat(64));
            return p;
        }))).containsExactly("Job name: is 64 characters long; the limit is 63");
        // ml.t2.medium hosts endpoints, but TransformInstanceType does not list it
        assertThat(errors(with(p -> {
            p.put("resources", new ResourcesSpec("ml.t2.medium", 1, null));
            return p;
        }))).containsExactly("Instance type: 'ml.t2.medium' is not valid: use an instance type batch transform runs "
                + "on, like ml.m5.large");
        Map<String, String> seventeen = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            seventeen.put("VAR_" + i, "v");
        }
        assertThat(errors(with(p -> {
            p.put("environment", seventeen);
            return p;
        }))).containsExactly("Environment: 17 variables; the limit is 16");
        assertThat(errors(with(p -> {
            p.put("client", new ModelClientSpec(3601, 4));
            return p;
        }))).containsExactly("Invocation timeout (s): is 3601; the maximum is 3600",
                "Invocation retries: is 4; the maximum is 3");
        assertThat(errors(with(p -> {
            p.put("processing", new DataProcessingSpec("$[" + "1,".repeat(30) + "2]", "Input", null));
            return p;
        }))).containsExactly("Input filter: is 64 characters long; the limit is 63");
        assertThat(errors(with(p -> {
            p.put("input", new InputSpec("s3://data/churn/", "S3Prefix", "text/csv", "Zip", "Lines"));
            p.put("processing", null);
            return p;
        }))).containsExactly("Compression: 'Zip' is not valid: use None or Gzip",
                "Split type: 'Lines' is not valid: use None, Line, RecordIO or TFRecord");
    }

    @Test
    void thePayloadLimitsOfTheApiReferenceAreChecked() {
        assertThat(errors(with(p -> {
            p.put("payload", 101);
            p.put("concurrent", null);
            return p;
        }))).containsExactly("Max payload (MB): is 101; it cannot be greater than 100 MB");
        assertThat(errors(with(p -> {
            p.put("payload", 30);
            p.put("concurrent", 4);
            return p;
        }))).containsExactly("Max concurrent transforms: 4 × 30 MB is 120 MB in flight; the limit is 100 MB: lower "
                + "one of them");
    }

    @Test
    void dataProcessingReadsCsvAndJsonOnlyAndCsvNeedsLinesAndIndexes() {
        assertThat(errors(with(p -> {
            p.put("input", new InputSpec("s3://data/churn/", null, "application/x-npy", null, "None"));
            p.put("processing", new DataProcessingSpec(null, "Input", null));
            return p;
        }))).containsExactly("Content type: 'application/x-npy' is not text/csv, application/json or "
                + "application/jsonlines; the data-processing filters and joins read only those");
        assertThat(errors(with(p -> {
            p.put("input", new InputSpec("s3://data/churn/", null, "text/csv", null, "None"));
            p.put("output", new OutputSpec("s3://results/", "text/csv", null, null));
            return p;
        }))).containsExactly("Split type: filtering or joining CSV records needs SplitType Line",
                "Assemble with: filtering or joining CSV records needs AssembleWith Line");
        assertThat(errors(with(p -> {
            p.put("processing", new DataProcessingSpec("$.features", "Input", "$[0:2,5:]"));
            return p;
        }))).containsExactly("Input filter: '$.features' names attributes, but a CSV record is an array of fields: "
                        + "use indexes, like $[0] or $[1:]",
                "Output filter: '$[0:2,5:]' is not a JSONPath SageMaker takes: only one range per bracket is supported "
                        + "(at character 9 of $[0:2,5:])");
    }

    @Test
    void aVolumeKeyIsRefusedForInstanceTypesWithLocalStorage() {
        assertThat(errors(with(p -> {
            p.put("resources", new ResourcesSpec("ml.g4dn.xlarge", 1, "alias/volumes"));
            return p;
        }))).singleElement().asString().startsWith("Volume KMS key: ml.g4dn.xlarge keeps its volumes on local NVMe");
    }

    @Test
    void onAwsTheResultsGoToS3AndALocalInputMustExist() {
        assertThat(errors(with(p -> {
            p.put("input", new InputSpec("no-such-folder", null, "text/csv", null, "Line"));
            p.put("output", new OutputSpec("results", "text/csv", "Line", null));
            return p;
        }))).containsExactly("Input: the local file or folder " + Path.of("no-such-folder").toAbsolutePath()
                + " does not exist", "Output: 'results' is not valid: use an s3://bucket/prefix");
    }

    @Test
    void onThisComputerInputAndOutputAreLocalAndNoRoleOrImageIsNeeded() throws Exception {
        Path input = Files.writeString(dir.resolve("input.csv"), "1\n");
        Path model = Files.createDirectories(dir.resolve("model"));
        TransformJobSpec local = TransformJobs.csv(input.toString(), dir.resolve("out").toString());
        ModelSpec noRole = new ModelSpec("score-model", null, List.of(new ContainerSpec(null, null,
                new ModelDataSpec(model.toString(), null, null, false), Map.of(), null, null)), null, null, false);
        TransformValidator validator = new TransformValidator(dir).forLocalHosting();
        assertThat(validator.errors(local, noRole)).isEmpty();
        assertThat(validator.errors(TransformJobs.csv("s3://data/in.csv", "s3://results/"), null))
                .extracting(FieldError::toString).containsExactly("Input: Local hosting reads records from this "
                        + "computer; s3://data/in.csv is not here: give a local file or folder",
                        "Output: Local hosting writes results to a folder of this computer; s3://results/ is not one");
        assertThat(new TransformValidator(dir).inRegion("us-east-1").errors(local, noRole)).extracting(FieldError::field)
                .contains("Execution role ARN", "Container image", "Output");
    }

    @Test
    void userTagsFollowTheTagRulesAndLeaveTheStudiosKeysAlone() {
        assertThat(errors(with(p -> {
            p.put("tags", Map.of("aws:owner", "me", "endpoint-studio:deployment", "x"));
            return p;
        }))).containsExactly("Tag aws:owner: keys starting with aws: are reserved by AWS",
                "Tag endpoint-studio:deployment: keys starting with endpoint-studio: are reserved for the studio's own "
                        + "tags");
        assertThat(TransformTags.forJob(everything())).containsExactly(Map.entry("team", "ml"),
                Map.entry("endpoint-studio:managed", "true"), Map.entry("endpoint-studio:deployment", "churn-scores"));
    }

    private static void walk(Class<?> record, String prefix, Set<String> fields) {
        for (RecordComponent component : record.getRecordComponents()) {
            Type type = component.getGenericType();
            String path = prefix + component.getName();
            if (type instanceof Class<?> plain && plain.isRecord()) {
                walk(plain, path + ".", fields);
            } else if (type instanceof ParameterizedType generic && generic.getRawType() == Map.class) {
                fields.add(path);
                fields.add(path + "{key}");
                fields.add(path + "{value}");
            } else {
                fields.add(path);
            }
        }
    }
}
