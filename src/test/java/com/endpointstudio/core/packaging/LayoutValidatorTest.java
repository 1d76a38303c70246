package com.endpointstudio.core.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LayoutValidatorTest {

    private static final String HANDLERS = "import joblib\n\ndef model_fn(model_dir):\n    return joblib.load(model_dir)\n";

    private final HandlerTemplates templates = new HandlerTemplates();

    private static PackageTree tree(String... pathsAndTexts) {
        PackageTree tree = new PackageTree();
        for (String entry : pathsAndTexts) {
            String[] parts = entry.split("=", 2);
            tree.putText(parts[0], parts.length > 1 ? parts[1] : "x");
        }
        return tree;
    }

    private static List<Finding> validate(Framework framework, String version, PackageTree tree) {
        return LayoutValidator.validate(framework, FrameworkVersion.of(version), tree.contents());
    }

    private static List<Finding> errors(List<Finding> findings) {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    @Test
    void emptyArchiveIsAnError() {
        List<Finding> findings = validate(Framework.PYTORCH, "2.1", new PackageTree());
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("empty");
        });
    }

    @Test
    void goodLayoutsOfEveryFrameworkHaveNoErrors() {
        String torchScript = "code/inference.py=def model_fn(d):\n    pass\n";
        assertThat(errors(validate(Framework.PYTORCH, "2.1", tree("model.pth", torchScript, "code/requirements.txt")))).isEmpty();
        assertThat(errors(validate(Framework.SKLEARN, "1.2-1", tree("model.joblib", "code/inference.py=" + HANDLERS)))).isEmpty();
        assertThat(errors(validate(Framework.TENSORFLOW, "2.13", tree("1/saved_model.pb", "1/variables/variables.index",
                "code/inference.py=def input_handler(data, context):\n    return data\n"
                        + "def output_handler(response, context):\n    return response.content, 'application/json'\n"))))
                .isEmpty();
        assertThat(errors(validate(Framework.MXNET, "1.9.0", tree("model-symbol.json", "model-shapes.json",
                "model-0000.params", "code/inference.py=def output_fn(prediction, accept):\n    pass\n")))).isEmpty();
        assertThat(errors(validate(Framework.XGBOOST, "1.7-1", tree("xgboost-model")))).isEmpty();
        assertThat(errors(validate(Framework.HUGGINGFACE, "4.37", tree(
                "config.json={\"architectures\": [\"BertForSequenceClassification\"]}", "model.safetensors",
                "tokenizer.json")))).isEmpty();
        assertThat(errors(validate(Framework.CUSTOM, "", tree("anything/at/all.bin")))).isEmpty();
    }

    @Test
    void missingModelFileNamesWhatTheFrameworkNeeds() {
        List<Finding> findings = validate(Framework.XGBOOST, "1.7-1", tree("notes/README.md"));
        assertThat(errors(findings)).singleElement().satisfies(f -> assertThat(f.message()).contains("xgboost-model"));
    }

    @Test
    void savedModelOutsideANumberedFolderMovesIntoVersionOneKeepingItsName() {
        PackageTree tree = tree("my_model/saved_model.pb", "my_model/variables/variables.index");
        List<Finding> findings = validate(Framework.TENSORFLOW, "2.13", tree);
        Finding finding = errors(findings).get(0);
        assertThat(finding.path()).isEqualTo("my_model/saved_model.pb");
        assertThat(finding.message()).contains("not a version number").contains("model `my_model`");

        tree.apply(finding.fix().orElseThrow(), templates);
        assertThat(tree.paths()).containsExactly("my_model/1/saved_model.pb", "my_model/1/variables/variables.index");
        List<Finding> fixed = validate(Framework.TENSORFLOW, "2.13", tree);
        assertThat(errors(fixed)).isEmpty();
        assertThat(fixed).extracting(Finding::message)
                .contains("TensorFlow Serving will serve model `my_model`, versions 1 (the newest unless a request names one).");
    }

    @Test
    void savedModelAtTheRootIsMovedIntoVersionOne() {
        PackageTree tree = tree("saved_model.pb", "variables/variables.data-00000-of-00001", "assets/vocab.txt");
        Finding finding = errors(validate(Framework.TENSORFLOW, "2.13", tree)).get(0);
        tree.apply(finding.fix().orElseThrow(), templates);
        assertThat(tree.paths()).containsExactly("1/assets/vocab.txt", "1/saved_model.pb",
                "1/variables/variables.data-00000-of-00001");
    }

    @Test
    void savedModelWithoutVariablesIsAnError() {
        List<Finding> findings = validate(Framework.TENSORFLOW, "2.13", tree("1/saved_model.pb"));
        assertThat(errors(findings)).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("1/variables/");
            assertThat(f.message()).contains("variables/");
        });
    }

    @Test
    void incompleteMxnetFilesAreNamed() {
        List<Finding> findings = validate(Framework.MXNET, "1.9.0", tree("model-symbol.json"));
        assertThat(errors(findings)).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("model-0000.params"))
                .anySatisfy(m -> assertThat(m).contains("model-shapes.json"));
    }

    @Test
    void scikitLearnWithoutScriptOffersToGenerateOne() {
        PackageTree tree = tree("model.joblib");
        Finding finding = errors(validate(Framework.SKLEARN, "1.2-1", tree)).get(0);
        assertThat(finding.path()).isEqualTo("code/inference.py");
        assertThat(finding.fix()).containsInstanceOf(Fix.GenerateScript.class);

        tree.apply(finding.fix().get(), templates);
        assertThat(tree.text("code/inference.py")).contains("def model_fn(model_dir)");
        assertThat(errors(validate(Framework.SKLEARN, "1.2-1", tree))).isEmpty();
    }

    @Test
    void pytorchWithoutModelFnLoadsModelPtOrTheOnlyModelFileAsTorchScript() {
        assertThat(errors(validate(Framework.PYTORCH, "2.1", tree("a.pth", "b.pt")))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("several .pt/.pth files").contains("model_fn"));
        assertThat(errors(validate(Framework.PYTORCH, "2.1", tree("weights/model.pth")))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("no .pt or .pth file at the archive root"));
        for (PackageTree tree : List.of(tree("model.pt", "other.pth"), tree("resnet.pth"))) {
            List<Finding> torchScript = validate(Framework.PYTORCH, "2.1", tree);
            assertThat(errors(torchScript)).isEmpty();
            assertThat(torchScript).anySatisfy(f -> assertThat(f.message()).contains("torch.jit.load")
                    .contains("TorchScript"));
        }
        assertThat(LayoutValidator.report(LayoutTarget.of(Framework.PYTORCH, null), tree("resnet.pth").contents())
                .role("resnet.pth")).contains("loaded by the default model_fn (torch.jit.load)");
    }

    @Test
    void scriptDefiningNoHandlerIsAnError() {
        String script = "code/inference.py=\"\"\"def model_fn(d): only in a docstring\"\"\"\nimport os\n\nclass X:\n"
                + "    def predict_fn(self):\n        pass\n";
        List<Finding> findings = validate(Framework.XGBOOST, "1.7-1", tree("xgboost-model", script));
        assertThat(errors(findings)).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("code/inference.py");
            assertThat(f.message()).contains("Defines none of");
        });
    }

    @Test
    void requirementsIgnoredByOldVersionsCanBeRemoved() {
        PackageTree tree = tree("model.pth", "code/inference.py=def model_fn(d):\n    pass\n", "code/requirements.txt=numpy");
        Finding warning = validate(Framework.PYTORCH, "1.2.0", tree).stream()
                .filter(f -> f.path().equals("code/requirements.txt")).findFirst().orElseThrow();
        assertThat(warning.severity()).isEqualTo(Severity.WARNING);
        assertThat(warning.message()).contains("1.3.1");
        assertThat(validate(Framework.PYTORCH, "1.3.1", tree)).noneMatch(f -> f.path().equals("code/requirements.txt"));
        assertThat(validate(Framework.MXNET, "1.4.1", tree("model-symbol.json", "model-shapes.json", "model-0000.params",
                "code/requirements.txt"))).anyMatch(f -> f.message().contains("1.6.0"));

        tree.apply(warning.fix().orElseThrow(), templates);
        assertThat(tree.contains("code/requirements.txt")).isFalse();
    }

    @Test
    void filesOutsideTheirPlacesAreMovedByTheirFix() {
        PackageTree tree = tree("weights/model.pth", "inference.py=def predict_fn(x, model):\n    return model(x)\n",
                "requirements.txt", "__pycache__/inference.cpython-311.pyc");
        List<Finding> findings = validate(Framework.PYTORCH, "2.1", tree);
        assertThat(findings).extracting(Finding::path)
                .contains("weights/model.pth", "inference.py", "requirements.txt", "__pycache__/inference.cpython-311.pyc");
        for (Finding finding : findings) {
            finding.fix().ifPresent(fix -> tree.apply(fix, templates));
        }
        assertThat(tree.paths()).containsExactly("code/inference.py", "code/requirements.txt", "model.pth");
        assertThat(validate(Framework.PYTORCH, "2.1", tree)).noneMatch(f -> f.severity() != Severity.INFO);
    }

    @Test
    void transformFnWithTheOtherHandlersIsRefusedAsTheContainersRefuseIt() {
        String script = "code/inference.py=def model_fn(d):\n    pass\ndef transform_fn(m, b, c, a):\n    pass\n"
                + "def predict_fn(x, m):\n    pass\n";
        for (Framework framework : List.of(Framework.PYTORCH, Framework.SKLEARN, Framework.HUGGINGFACE)) {
            assertThat(errors(validate(framework, "", tree("model.pth", script)))).anySatisfy(f -> assertThat(f.message())
                    .contains("refuses to start").contains("Cannot use transform_fn"));
        }
    }

    @Test
    void findingsPrintWithSeverityAndPath() {
        Finding finding = new Finding(Severity.ERROR, "code/inference.py", "Defines none", Optional.empty());
        assertThat(finding).hasToString("error  code/inference.py: Defines none");
    }
}
