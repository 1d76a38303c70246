package com.endpointstudio.ui.transform;

import com.endpointstudio.core.deploy.DeploymentSpec.ModelSpec;
import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.transform.TransformJobSpec;
import com.endpointstudio.core.transform.TransformJobSpec.DataProcessingSpec;
import com.endpointstudio.core.transform.TransformJobSpec.InputSpec;
import com.endpointstudio.core.transform.TransformJobSpec.ModelClientSpec;
import com.endpointstudio.core.transform.TransformJobSpec.OutputSpec;
import com.endpointstudio.core.transform.TransformJobSpec.ResourcesSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Batch transform form as the user fills it in: where the Model comes from, the records and how
 * they are split and batched, the results, the data-processing filters, the instances and the options
 * of CreateTransformJob. {@link #job} turns it into a {@link TransformJobSpec}; blank fields are left to
 * SageMaker's defaults.
 */
public final class TransformDraft {

    public final ObjectProperty<ModelSource> source = new SimpleObjectProperty<>(ModelSource.EXISTING);
    /** A spec file (source SPEC), read into {@link #specModel}. */
    public final StringProperty specFile = new SimpleStringProperty("");
    /** The Model the job scores with: an existing one's name, or the name the packaged model gets. */
    public final StringProperty modelName = new SimpleStringProperty("");
    public final StringProperty archive = new SimpleStringProperty("");
    public final StringProperty framework = new SimpleStringProperty("sklearn");
    public final StringProperty frameworkVersion = new SimpleStringProperty("1.2-1");
    public final StringProperty executionRole = new SimpleStringProperty("");
    public final StringProperty jobName = new SimpleStringProperty("");
    public final StringProperty input = new SimpleStringProperty("");
    public final StringProperty dataType = new SimpleStringProperty(TransformJobSpec.S3_PREFIX);
    public final StringProperty contentType = new SimpleStringProperty("text/csv");
    public final StringProperty compression = new SimpleStringProperty("None");
    public final StringProperty splitType = new SimpleStringProperty(TransformJobSpec.SPLIT_LINE);
    public final StringProperty batchStrategy = new SimpleStringProperty(TransformJobSpec.MULTI_RECORD);
    public final StringProperty maxPayloadMb = new SimpleStringProperty("");
    public final StringProperty maxConcurrent = new SimpleStringProperty("");
    public final StringProperty output = new SimpleStringProperty("");
    public final StringProperty accept = new SimpleStringProperty("text/csv");
    public final StringProperty assembleWith = new SimpleStringProperty("Line");
    public final StringProperty outputKmsKey = new SimpleStringProperty("");
    public final StringProperty inputFilter = new SimpleStringProperty("");
    public final StringProperty joinSource = new SimpleStringProperty("None");
    public final StringProperty outputFilter = new SimpleStringProperty("");
    public final StringProperty instanceType = new SimpleStringProperty("ml.m5.large");
    public final StringProperty instanceCount = new SimpleStringProperty("1");
    public final StringProperty volumeKmsKey = new SimpleStringProperty("");
    public final StringProperty invocationTimeout = new SimpleStringProperty("");
    public final StringProperty invocationRetries = new SimpleStringProperty("");
    /** KEY=VALUE lines. */
    public final StringProperty environment = new SimpleStringProperty("");
    public final StringProperty tags = new SimpleStringProperty("");
    /** The Model read from {@link #specFile}, or null. */
    public final ObjectProperty<ModelSpec> specModel = new SimpleObjectProperty<>();
    /** Why {@link #specFile} could not be read, or "". */
    public final StringProperty specProblem = new SimpleStringProperty("");

    /**
     * The form's values at one moment, safe to check off the FX thread.
     *
     * @param job the job, with a name drawn for it when the field is blank
     */
    public record Values(ModelSource source, TransformJobSpec job, ModelSpec specModel, String specProblem,
                         String archive, String framework, String frameworkVersion, String executionRole,
                         List<FieldError> numberProblems) {
    }

    /** A snapshot of the form; call on the FX thread. */
    public Values values(String defaultJobName) {
        return new Values(source.get(), job(defaultJobName), specModel.get(), specProblem.get(), archive.get().strip(),
                framework.get().strip(), frameworkVersion.get().strip(), executionRole.get(), numberProblems());
    }

    /** Every property, to revalidate when any changes. */
    public List<Observable> all() {
        return List.of(source, specFile, modelName, archive, framework, frameworkVersion, executionRole, jobName,
                input, dataType, contentType, compression, splitType, batchStrategy, maxPayloadMb, maxConcurrent,
                output, accept, assembleWith, outputKmsKey, inputFilter, joinSource, outputFilter, instanceType,
                instanceCount, volumeKmsKey, invocationTimeout, invocationRetries, environment, tags, specModel,
                specProblem);
    }

    /** The Model's name, as the chosen source gives it. */
    public String model() {
        return source.get() == ModelSource.SPEC ? Optional.ofNullable(specModel.get()).map(ModelSpec::name)
                .orElse("") : modelName.get().strip();
    }

    /**
     * The job. Numbers that are not whole numbers stay unset here; {@link #numberProblems} names them.
     *
     * @param name the job's name when the field is blank
     */
    public TransformJobSpec job(String name) {
        String processingInput = blank(inputFilter.get());
        String processingOutput = blank(outputFilter.get());
        String join = "None".equals(joinSource.get()) ? null : blank(joinSource.get());
        DataProcessingSpec processing = processingInput == null && processingOutput == null && join == null ? null
                : new DataProcessingSpec(processingInput, join, processingOutput);
        Integer timeout = number(invocationTimeout.get());
        Integer retries = number(invocationRetries.get());
        Integer count = number(instanceCount.get());
        return new TransformJobSpec(blank(jobName.get()) == null ? name : jobName.get().strip(), model(),
                new InputSpec(blank(input.get()), TransformJobSpec.S3_PREFIX.equals(dataType.get()) ? null
                        : blank(dataType.get()), blank(contentType.get()),
                        "None".equals(compression.get()) ? null : blank(compression.get()), blank(splitType.get())),
                blank(batchStrategy.get()), number(maxPayloadMb.get()), number(maxConcurrent.get()),
                new OutputSpec(blank(output.get()), blank(accept.get()), blank(assembleWith.get()),
                        blank(outputKmsKey.get())), processing,
                new ResourcesSpec(blank(instanceType.get()), count == null ? 0 : count, blank(volumeKmsKey.get())),
                pairs(environment.get()), timeout == null && retries == null ? null
                : new ModelClientSpec(timeout, retries), pairs(tags.get()));
    }

    /** Fields holding something other than a whole number, and lines that are not KEY=VALUE. */
    public List<FieldError> numberProblems() {
        List<FieldError> problems = new java.util.ArrayList<>();
        check(problems, "Max payload (MB)", maxPayloadMb.get());
        check(problems, "Max concurrent transforms", maxConcurrent.get());
        check(problems, "Instance count", instanceCount.get());
        check(problems, "Invocation timeout (s)", invocationTimeout.get());
        check(problems, "Invocation retries", invocationRetries.get());
        for (String line : lines(environment.get()) ) {
            if (!line.contains("=")) {
                problems.add(new FieldError("Environment", "'" + line + "' is not KEY=VALUE"));
            }
        }
        for (String line : lines(tags.get())) {
            if (!line.contains("=")) {
                problems.add(new FieldError("Tags", "'" + line + "' is not KEY=VALUE"));
            }
        }
        return problems;
    }

    private static void check(List<FieldError> problems, String field, String text) {
        if (blank(text) != null && number(text) == null) {
            problems.add(new FieldError(field, "'" + text.strip() + "' is not a whole number"));
        }
    }

    static Map<String, String> pairs(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : lines(text)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                map.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        return map;
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static Integer number(String text) {
        String value = blank(text);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
