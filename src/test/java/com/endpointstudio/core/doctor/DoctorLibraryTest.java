package com.endpointstudio.core.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.endpointstudio.core.doctor.DoctorFinding.Check;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.packaging.Framework;
import com.endpointstudio.core.packaging.FrameworkVersion;
import com.endpointstudio.core.packaging.Severity;
import com.endpointstudio.core.task.CancelToken;
import com.endpointstudio.core.task.ProgressListener;
import com.endpointstudio.hosting.local.PythonInterpreter;
import com.endpointstudio.hosting.local.PythonScriptAnalyzer;
import com.endpointstudio.testing.TestArchives;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A library of broken model archives and handler scripts, one per rule of the deploy doctor, each
 * examined as a user would (a model.tar.gz read without extracting it, Python's own parser for the
 * scripts): each gets its finding, with its severity, what it is about, the rule's source and a fix.
 */
class DoctorLibraryTest {

    @TempDir
    static Path dir;

    private static Doctor doctor;

    private static final String SKLEARN_OK = "import joblib, os\n\ndef model_fn(model_dir):\n"
            + "    return joblib.load(os.path.join(model_dir, 'model.joblib'))\n";
    private static final String CPU_IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310";
    private static final String GPU_IMAGE = "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-gpu-py310"
            + "-cu118-ubuntu20.04-sagemaker";

    @BeforeAll
    static void analyzer() {
        PythonScriptAnalyzer python = new PythonScriptAnalyzer(() -> PythonInterpreter.detect(null), dir.resolve("adapter"));
        doctor = new Doctor(new Preflight(InstanceCatalog.load(), ImagePackages.load(), python));
    }

    /** A case of the library: an archive's files, what it is checked as, and the finding it must get. */
    record Case(String name, Map<String, String> files, DoctorTarget target, Severity severity, Check check,
                String subject, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static DoctorTarget pytorch() {
        return DoctorTarget.of(Framework.PYTORCH, FrameworkVersion.of("2.1"));
    }

    private static Map<String, String> files(String... pathsAndTexts) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return files;
    }

    private static Case of(String name, Map<String, String> files, DoctorTarget target, Severity severity, Check check,
                           String subject, String message) {
        return new Case(name, files, target, severity, check, subject, message);
    }

    static Stream<Case> library() {
        DoctorTarget sklearn = DoctorTarget.of(Framework.SKLEARN, FrameworkVersion.of("1.2-1"));
        DoctorTarget tfs = DoctorTarget.of(Framework.TENSORFLOW, FrameworkVersion.of("2.14"));
        return Stream.of(
                of("syntax error in the entry point", files("model.pth", "x", "code/inference.py",
                        "def model_fn(model_dir:\n    pass\n"), pytorch(), Severity.ERROR, Check.HANDLERS,
                        "code/inference.py:1", "can't parse it, so the container fails when it imports the entry point"),
                of("input_fn with one parameter", files("model.pth", "x", "code/inference.py",
                        "def model_fn(model_dir):\n    return 1\n\ndef input_fn(body):\n    return body\n"), pytorch(),
                        Severity.ERROR, Check.HANDLERS, "code/inference.py:4",
                        "input_fn has 1 parameter (1 positional argument)"),
                of("predict_fn with an extra parameter besides the context", files("model.pth", "x", "code/inference.py",
                        "def model_fn(d):\n    return 1\n\ndef predict_fn(data, model, context, extra):\n    return data\n"),
                        pytorch(), Severity.ERROR, Check.HANDLERS, "code/inference.py:4",
                        "predict_fn has 4 parameters (4 positional arguments)"),
                of("model_fn with **kwargs counts as a second parameter", files("model.pth", "x", "code/inference.py",
                        "def model_fn(model_dir, **kwargs):\n    return 1\n"), pytorch(), Severity.ERROR, Check.HANDLERS,
                        "code/inference.py:1", "the model never loads and /ping never answers"),
                of("scikit-learn model_fn wanting a context", files("model.joblib", "x", "code/inference.py",
                        "def model_fn(model_dir, context):\n    return 1\n"), sklearn, Severity.ERROR, Check.HANDLERS,
                        "code/inference.py:1", "the scikit-learn container calls it with 1 (model_dir)"),
                of("TensorFlow handler without context", files("1/saved_model.pb", "x", "1/variables/variables.index", "x",
                        "code/inference.py", "def handler(data):\n    return data\n"), tfs, Severity.ERROR,
                        Check.HANDLERS, "code/inference.py:1", "TensorFlow Serving container calls it with 2"),
                of("transform_fn with input_fn", files("model.pth", "x", "code/inference.py", "def model_fn(d):\n"
                        + "    return 1\n\ndef input_fn(b, c):\n    return b\n\ndef transform_fn(m, b, c, a):\n"
                        + "    return b\n"), pytorch(), Severity.ERROR, Check.LAYOUT, "code/inference.py",
                        "Defines transform_fn as well as input_fn"),
                of("scikit-learn script without model_fn", files("model.joblib", "x", "code/inference.py",
                        "def predict_fn(data, model):\n    return model.predict(data)\n"), sklearn, Severity.ERROR,
                        Check.LAYOUT, "code/inference.py", "Defines no model_fn"),
                of("entry point named by SAGEMAKER_PROGRAM missing", files("model.joblib", "x", "code/predict.py",
                        SKLEARN_OK), sklearn.withEntryPoint("serve.py"), Severity.ERROR, Check.LAYOUT, "code/predict.py",
                        "would never run"),
                of("scikit-learn Model without SAGEMAKER_PROGRAM", files("model.joblib", "x", "code/inference.py",
                        SKLEARN_OK), sklearn.withEnvironment(Map.of()), Severity.ERROR, Check.HANDLERS,
                        "SAGEMAKER_PROGRAM", "does not set it"),
                of("requirements.txt at the archive root", files("model.pth", "x", "code/inference.py", "def model_fn(d):\n"
                        + "    return 1\n", "requirements.txt", "transformers\n"), pytorch(), Severity.WARNING,
                        Check.LAYOUT, "requirements.txt", "only from code/"),
                of("requirements.txt on PyTorch 1.2", files("model.pth", "x", "code/inference.py",
                        "def model_fn(d):\n    return 1\n", "code/requirements.txt", "transformers\n"),
                        DoctorTarget.of(Framework.PYTORCH, FrameworkVersion.of("1.2")), Severity.WARNING, Check.LAYOUT,
                        "code/requirements.txt", "ignores requirements.txt"),
                of("numpy on TensorFlow Serving without requirements.txt", files("1/saved_model.pb", "x",
                        "1/variables/variables.index", "x", "code/inference.py", "import json\nimport numpy as np\n\n"
                        + "def handler(data, context):\n    return data\n"), tfs, Severity.WARNING, Check.IMPORTS,
                        "code/inference.py", "Line 2 imports numpy, which the TensorFlow image does not install"),
                of("an import of a module nobody ships", files("model.pth", "x", "code/inference.py",
                        "import churn_features\n\ndef model_fn(d):\n    return 1\n"), pytorch(), Severity.WARNING,
                        Check.IMPORTS, "code/inference.py", "imports churn_features"),
                of("PyTorch without model_fn and two .pt files", files("a.pt", "x", "b.pt", "x"), pytorch(),
                        Severity.ERROR, Check.LAYOUT, "code/inference.py", "several .pt/.pth files at the root"),
                of("SavedModel in a folder that is not a version", files("export/saved_model.pb", "x",
                        "export/variables/variables.index", "x"), tfs, Severity.ERROR, Check.LAYOUT,
                        "export/saved_model.pb", "not"),
                of("archive of the folder instead of its contents", files("model/model.pth", "x",
                        "model/code/inference.py", "def model_fn(d):\n    return 1\n"), pytorch(), Severity.ERROR,
                        Check.LAYOUT, "model/", "SageMaker unpacks them into /opt/ml/model/model/"),
                of("unsafe entry escaping the model folder", files("../evil.py", "x", "model.pth", "x"), pytorch(),
                        Severity.ERROR, Check.DATA, "../evil.py", "This entry"),
                of("GPU image on a CPU instance", files("model.pt", "x"), pytorch().withImage(GPU_IMAGE).on("ml.m5.large"),
                        Severity.ERROR, Check.INSTANCE, "ml.m5.large", "is built for GPUs (CUDA) and ml.m5.large has none"),
                of("CPU image on a GPU instance", files("model.pt", "x"), pytorch().withImage(CPU_IMAGE).on("ml.g5.xlarge"),
                        Severity.WARNING, Check.INSTANCE, "ml.g5.xlarge", "stay idle"),
                of("x86 image on Graviton", files("model.pt", "x"), pytorch().withImage(CPU_IMAGE).on("ml.c7g.xlarge"),
                        Severity.ERROR, Check.INSTANCE, "ml.c7g.xlarge", "Graviton (arm64)"),
                of("Inferentia without a Neuron image", files("model.pt", "x"), pytorch().withImage(CPU_IMAGE)
                        .on("ml.inf2.xlarge"), Severity.ERROR, Check.INSTANCE, "ml.inf2.xlarge", "only Neuron images"),
                of("multi-model on a GPU instance", files("model.pt", "x"), pytorch().withImage(GPU_IMAGE)
                        .on("ml.g5.xlarge").multiModel(true), Severity.ERROR, Check.INSTANCE, "ml.g5.xlarge",
                        "NVIDIA Triton Inference Server only"),
                of("serverless with a GPU image", files("model.pt", "x"), pytorch().withImage(GPU_IMAGE).serverless(2048),
                        Severity.ERROR, Check.INSTANCE, "image", "serverless endpoints run on CPUs only"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("library")
    void eachBrokenArchiveGetsItsFinding(Case broken) {
        Path archive = TestArchives.tarGz(dir.resolve(broken.name().replace(' ', '-') + ".tar.gz"), broken.files());
        DoctorReport report = doctor.examine(archive.toString(), broken.target(), null, null, ProgressListener.NONE,
                CancelToken.none());
        assertThat(report.findings()).as(report.findings().toString()).anySatisfy(finding -> {
            assertThat(finding.severity()).isEqualTo(broken.severity());
            assertThat(finding.check()).isEqualTo(broken.check());
            assertThat(finding.subject()).isEqualTo(broken.subject());
            assertThat(finding.message()).contains(broken.message());
            assertThat(finding.source()).isNotBlank();
        });
        if (broken.severity() == Severity.ERROR) {
            assertThat(report.hasErrors()).isTrue();
        }
    }

    @Test
    void aSoundArchiveGetsNoErrorOrWarning() {
        Path archive = TestArchives.tarGz(dir.resolve("sound.tar.gz"), files("model.joblib", "x", "code/inference.py",
                "import os\nimport joblib\nimport helpers\nfrom transformers import pipeline\n\n" + SKLEARN_OK.substring(
                SKLEARN_OK.indexOf("def")) + "\ndef predict_fn(data, model):\n    return model.predict(data)\n",
                "code/helpers.py", "X = 1\n", "code/requirements.txt", "transformers==4.37\n"));
        DoctorTarget target = DoctorTarget.of(Framework.SKLEARN, FrameworkVersion.of("1.2-1")).on("ml.m5.large")
                .withImage("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3")
                .withEnvironment(Map.of("SAGEMAKER_PROGRAM", "inference.py"));
        DoctorReport report = doctor.examine(archive.toString(), target, null, 1000L, ProgressListener.NONE,
                CancelToken.none());
        assertThat(report.findings()).as(report.findings().toString())
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
    }

    /** Sizes come from the files' lengths: sparse files make large models without writing them. */
    private static Path folderWithModelOf(String name, long bytes) {
        Path folder = dir.resolve(name);
        try {
            Files.createDirectories(folder.resolve("code"));
            try (RandomAccessFile file = new RandomAccessFile(folder.resolve("model.pt").toFile(), "rw")) {
                file.setLength(bytes);
            }
            Files.writeString(folder.resolve("code/inference.py"), "def model_fn(d):\n    return 1\n",
                    StandardCharsets.UTF_8);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> sizes() {
        long gib = 1024L * 1024 * 1024;
        UnaryOperator<DoctorTarget> t2medium = t -> t.on("ml.t2.medium");
        return Stream.of(
                Arguments.of("larger than the instance's memory", 5 * gib, t2medium, Severity.ERROR,
                        "more than the 4 GiB of memory of ml.t2.medium"),
                Arguments.of("once per worker", 4 * gib, (UnaryOperator<DoctorTarget>) t -> t.on("ml.m5.xlarge"),
                        Severity.WARNING, "loads it once per worker: 4 workers"),
                Arguments.of("larger than the serverless memory", gib + gib / 2,
                        (UnaryOperator<DoctorTarget>) t -> t.serverless(1024), Severity.ERROR,
                        "more than the 1024 MB the serverless endpoint gets"),
                Arguments.of("larger than one GPU", 30 * gib, (UnaryOperator<DoctorTarget>) t -> t.withImage(GPU_IMAGE)
                        .on("ml.g5.12xlarge"), Severity.WARNING, "CUDA out of memory"));
    }

    @ParameterizedTest(name = "model {0}")
    @MethodSource("sizes")
    void theModelsSizeIsCheckedAgainstItsMemory(String name, long bytes, UnaryOperator<DoctorTarget> where,
                                                 Severity severity, String message) {
        Path folder = folderWithModelOf(name.replace(' ', '-'), bytes);
        DoctorReport report = doctor.examine(folder.toString(), where.apply(pytorch()), null, null,
                ProgressListener.NONE, CancelToken.none());
        assertThat(report.findings()).as(report.findings().toString()).anySatisfy(f -> {
            assertThat(f.check()).isEqualTo(Check.SIZE);
            assertThat(f.severity()).isEqualTo(severity);
            assertThat(f.message()).contains(message);
        });
    }

    @Test
    void payloadsOverTheLimitOfHowTheEndpointIsCalledAreErrors() {
        Path archive = TestArchives.tarGz(dir.resolve("payload.tar.gz"), files("model.pt", "x"));
        long sevenMiB = 7L * 1024 * 1024;
        List<DoctorFinding> realtime = doctor.examine(archive.toString(), pytorch().on("ml.m5.large"), null, sevenMiB,
                ProgressListener.NONE, CancelToken.none()).findings();
        List<DoctorFinding> serverless = doctor.examine(archive.toString(), pytorch().serverless(2048), null,
                5L * 1024 * 1024, ProgressListener.NONE, CancelToken.none()).findings();
        List<DoctorFinding> async = doctor.examine(archive.toString(), pytorch().on("ml.m5.large").async(true), null,
                sevenMiB, ProgressListener.NONE, CancelToken.none()).findings();
        assertThat(realtime).anySatisfy(f -> assertThat(f.message()).contains("a real-time call takes at most 6.0 MiB"));
        assertThat(serverless).anySatisfy(f -> assertThat(f.message()).contains("a serverless endpoint takes at most "
                + "4.0 MiB"));
        assertThat(async).noneMatch(f -> f.check() == Check.PAYLOAD);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} bytes on {1}")
    @org.junit.jupiter.params.provider.CsvSource({
            "6291456, real-time, false", "6291457, real-time, true",
            "4194304, serverless, false", "4194305, serverless, true",
            "1000000000, async, false", "1000000001, async, true"})
    void aPayloadAtTheLimitPassesAndOneByteMoreIsAnError(long bytes, String how, boolean refused) {
        Path archive = TestArchives.tarGz(dir.resolve("limit.tar.gz"), files("model.pt", "x"));
        DoctorTarget target = switch (how) {
            case "serverless" -> pytorch().serverless(2048);
            case "async" -> pytorch().on("ml.m5.large").async(true);
            default -> pytorch().on("ml.m5.large");
        };
        List<DoctorFinding> findings = doctor.examine(archive.toString(), target, null, bytes, ProgressListener.NONE,
                CancelToken.none()).findings();
        // SageMaker's limits: 6 MB real-time, 4 MB serverless, 1 GB asynchronous (Developer Guide, as cited in HostingCheck)
        assertThat(findings.stream().anyMatch(f -> f.check() == Check.PAYLOAD && f.severity() == Severity.ERROR))
                .isEqualTo(refused);
    }
}
