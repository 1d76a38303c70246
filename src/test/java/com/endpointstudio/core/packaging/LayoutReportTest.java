package com.endpointstudio.core.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.error.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layouts each container accepts, checked and explained in the framework's own terms. */
class LayoutReportTest {

    private static final String CONFIG = "config.json={\"architectures\": [\"BertForSequenceClassification\"]}";
    private final HandlerTemplates templates = new HandlerTemplates();

    private static PackageTree tree(String... pathsAndTexts) {
        PackageTree tree = new PackageTree();
        for (String entry : pathsAndTexts) {
            String[] parts = entry.split("=", 2);
            tree.putText(parts[0], parts.length > 1 ? parts[1] : "x");
        }
        return tree;
    }

    private static LayoutReport report(Framework framework, String entryPoint, PackageTree tree) {
        return LayoutValidator.report(new LayoutTarget(framework, null, entryPoint), tree.contents());
    }

    private static List<Finding> errors(LayoutReport report) {
        return report.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    private static List<String> messages(LayoutReport report, Severity severity) {
        return report.findings().stream().filter(f -> f.severity() == severity).map(Finding::message).toList();
    }

    @Test
    void aNamedTensorFlowModelKeepsItsNameAndVersionWithoutLeadingZeros() {
        LayoutReport report = report(Framework.TENSORFLOW, null, tree("half_plus_three/00000123/saved_model.pb",
                "half_plus_three/00000123/variables/variables.index"));
        assertThat(errors(report)).isEmpty();
        assertThat(messages(report, Severity.INFO)).contains(
                "TensorFlow Serving will serve model `half_plus_three`, versions 123 (the newest unless a request names one).")
                .anySatisfy(m -> assertThat(m).contains("tfs-model-name=half_plus_three"));
        assertThat(report.role("half_plus_three")).contains("served as model `half_plus_three`");
        assertThat(report.role("half_plus_three/00000123")).contains("version 123");
        assertThat(report.role("half_plus_three/00000123/variables")).contains("SavedModel weights");
    }

    @Test
    void aSavedModelUnderARootVersionIsModelNamedModel() {
        LayoutReport report = report(Framework.TENSORFLOW, null, tree("1/saved_model.pb", "1/variables/v.index",
                "2/saved_model.pb", "2/variables/v.index"));
        assertThat(errors(report)).isEmpty();
        assertThat(messages(report, Severity.INFO)).anySatisfy(m -> assertThat(m)
                .startsWith("TensorFlow Serving will serve model `model`, versions 1, 2"));
    }

    @Test
    void severalTensorFlowModelsAreServedByName() {
        LayoutReport report = report(Framework.TENSORFLOW, null, tree("model1/1/saved_model.pb", "model1/1/variables/v",
                "model2/1/saved_model.pb", "model2/1/variables/v", "model2/2/saved_model.pb", "model2/2/variables/v"));
        assertThat(errors(report)).isEmpty();
        assertThat(messages(report, Severity.INFO))
                .anySatisfy(m -> assertThat(m).startsWith("TensorFlow Serving will serve model `model1`, versions 1 "))
                .anySatisfy(m -> assertThat(m).startsWith("TensorFlow Serving will serve model `model2`, versions 1, 2 "))
                .anySatisfy(m -> assertThat(m).contains("tfs-model-name=NAME").contains("SAGEMAKER_TFS_DEFAULT_MODEL_NAME"));
    }

    @Test
    void twoTensorFlowModelsOfOneNameAndEmptyVersionsAreCaught() {
        LayoutReport report = report(Framework.TENSORFLOW, null, tree("a/m/1/saved_model.pb", "a/m/1/variables/v",
                "b/m/1/saved_model.pb", "b/m/1/variables/v", "b/m/2/notes.txt"));
        assertThat(errors(report)).singleElement().satisfies(f -> assertThat(f.message())
                .contains("Several folders hold a model named m").contains("a/m/, b/m/"));
        assertThat(report.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.path()).isEqualTo("b/m/2/");
            assertThat(f.message()).contains("version 2 never loads");
        });
    }

    @Test
    void tensorFlowNeedsASavedModelEvenWithCode() {
        LayoutReport report = report(Framework.TENSORFLOW, null,
                tree("code/inference.py=def handler(data, context):\n    return data, 'text/plain'\n"));
        assertThat(errors(report)).singleElement().satisfies(f -> assertThat(f.message())
                .contains("Code only is not enough").contains("no SavedModel bundles found!"));
    }

    @Test
    void tensorFlowRunsOnlyInferencePySoAnotherScriptIsRenamed() {
        PackageTree tree = tree("1/saved_model.pb", "1/variables/v",
                "code/pre.py=def input_handler(data, context):\n    pass\ndef output_handler(r, context):\n    pass\n");
        Finding finding = errors(report(Framework.TENSORFLOW, null, tree)).get(0);
        assertThat(finding.message()).contains("runs only code/inference.py").contains("pre.py would never run");
        tree.apply(finding.fix().orElseThrow(), templates);
        LayoutReport fixed = report(Framework.TENSORFLOW, null, tree);
        assertThat(errors(fixed)).isEmpty();
        assertThat(fixed.role("code/inference.py")).contains("request handlers");
        assertThat(errors(report(Framework.TENSORFLOW, null, tree("1/saved_model.pb", "1/variables/v",
                "code/inference.py=def input_handler(data, context):\n    pass\n")))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("neither handler nor both input_handler and output_handler"));
    }

    @Test
    void anyEntryPointNameIsTheScriptTheToolkitImports() {
        PackageTree tree = tree("code/predict.py=import torch\n\ndef model_fn(model_dir):\n    return torch.nn.Identity()\n",
                "code/helpers.py=def util():\n    pass\n");
        LayoutReport report = report(Framework.PYTORCH, "predict.py", tree);
        assertThat(errors(report)).isEmpty();
        assertThat(report.role("code/predict.py")).contains("entry point (SAGEMAKER_PROGRAM=predict.py)");
        assertThat(report.role("code/helpers.py")).contains("module the entry point can import");
        assertThat(messages(report, Severity.INFO))
                .anySatisfy(m -> assertThat(m).contains("imports code/predict.py (SAGEMAKER_PROGRAM=predict.py")
                        .contains("calls its model_fn; its defaults do the rest"))
                .anySatisfy(m -> assertThat(m).startsWith("Code only"));
        assertThat(EntryPoint.program(new LayoutTarget(Framework.PYTORCH, null, "predict.py"), tree.contents()))
                .contains("predict.py");
    }

    @Test
    void aScriptThatIsNotTheEntryPointWouldNeverRunAndCanBecomeIt() {
        PackageTree tree = tree("model.joblib", "code/serve.py=def model_fn(model_dir):\n    pass\n");
        LayoutReport report = report(Framework.SKLEARN, null, tree);
        assertThat(errors(report)).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("code/serve.py");
            assertThat(f.message()).contains("imports the entry point code/inference.py").contains("never run");
            assertThat(f.fix()).contains(new Fix.UseEntryPoint("serve.py", "Make serve.py the entry point"));
        });
        assertThatThrownBy(() -> tree.apply(new Fix.UseEntryPoint("serve.py", "x"), templates))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(errors(report(Framework.SKLEARN, "serve.py", tree))).isEmpty();
        assertThat(EntryPoint.program(LayoutTarget.of(Framework.SKLEARN, null), tree.contents())).isEmpty();
    }

    @Test
    void codeOnlyArchivesWorkWhereModelFnBuildsTheModel() {
        String modelFn = "code/inference.py=def model_fn(model_dir):\n    return object()\n";
        for (Framework framework : List.of(Framework.PYTORCH, Framework.SKLEARN, Framework.XGBOOST, Framework.MXNET,
                Framework.HUGGINGFACE)) {
            LayoutReport report = report(framework, null, tree(modelFn, "code/requirements.txt=numpy"));
            assertThat(errors(report)).as(framework.displayName()).isEmpty();
            assertThat(messages(report, Severity.INFO)).as(framework.displayName())
                    .anySatisfy(m -> assertThat(m).startsWith("Code only"));
        }
        assertThat(errors(report(Framework.CUSTOM, null, tree("code/serve.py=print('custom')\n")))).isEmpty();
        assertThat(errors(report(Framework.PYTORCH, null, tree("code/inference.py=def predict_fn(x, m):\n    pass\n"))))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("define model_fn"));
    }

    @Test
    void aHuggingFaceArchiveWithoutModelOrModelFnNeedsHfModelId() {
        LayoutReport report = report(Framework.HUGGINGFACE, null,
                tree("code/inference.py=def predict_fn(data, model):\n    return model(data['inputs'])\n"));
        assertThat(errors(report)).isEmpty();
        assertThat(messages(report, Severity.WARNING)).singleElement().satisfies(m -> assertThat(m).contains("HF_MODEL_ID"));
    }

    @Test
    void aHuggingFaceModelFolderIsReadAsItsPipelineWould() {
        LayoutReport report = report(Framework.HUGGINGFACE, null, tree(CONFIG, "model.safetensors", "tokenizer.json",
                "vocab.txt", "special_tokens_map.json"));
        assertThat(errors(report)).isEmpty();
        assertThat(messages(report, Severity.INFO)).anySatisfy(m -> assertThat(m)
                .contains("builds a text-classification pipeline").contains("model.safetensors")
                .contains("tokenizer special_tokens_map.json, tokenizer.json, vocab.txt"));
        assertThat(report.role("config.json")).contains("model config: BertForSequenceClassification, task text-classification");
        assertThat(report.role("vocab.txt")).contains("tokenizer");

        assertThat(errors(report(Framework.HUGGINGFACE, null, tree(CONFIG, "model.safetensors")))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("tokenizer").contains("would not start"));
        assertThat(messages(report(Framework.HUGGINGFACE, null, tree("config.json={\"architectures\": [\"ViTModel\"]}",
                "model.safetensors", "preprocessor_config.json")), Severity.WARNING)).singleElement()
                .satisfies(m -> assertThat(m).contains("ViTModel").contains("HF_TASK").doesNotContain("neither"));
        assertThat(messages(report(Framework.HUGGINGFACE, null, tree(
                "config.json={\"architectures\": [\"ViTForImageClassification\"]}", "model.safetensors")),
                Severity.WARNING)).singleElement().satisfies(m -> assertThat(m).contains("HF_TASK")
                .contains("tokenizer or feature extractor"));
        assertThat(errors(report(Framework.HUGGINGFACE, null, tree("config.json", "model.safetensors"))))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("not valid JSON"));
    }

    @Test
    void shardedHuggingFaceWeightsAreCheckedAgainstTheirIndex() {
        String index = "model.safetensors.index.json={\"weight_map\": {\"a\": \"model-00001-of-00002.safetensors\", "
                + "\"b\": \"model-00002-of-00002.safetensors\"}}";
        LayoutReport report = report(Framework.HUGGINGFACE, null, tree(CONFIG, index, "model-00001-of-00002.safetensors",
                "tokenizer.json"));
        assertThat(errors(report)).singleElement().satisfies(f -> assertThat(f.message())
                .contains("model-00002-of-00002.safetensors"));
        assertThat(errors(report(Framework.HUGGINGFACE, null, tree(CONFIG, "model-00001-of-00002.safetensors",
                "model-00002-of-00002.safetensors", "tokenizer.json")))).hasSize(2)
                .allSatisfy(f -> assertThat(f.message()).contains("no *.index.json lists"));
    }

    @Test
    void aHuggingFaceModelInASubfolderMovesToTheRoot() {
        PackageTree tree = tree("bert/" + CONFIG, "bert/model.safetensors", "bert/tokenizer.json");
        Finding finding = errors(report(Framework.HUGGINGFACE, null, tree)).get(0);
        assertThat(finding.message()).contains("not bert/");
        tree.apply(finding.fix().orElseThrow(), templates);
        assertThat(tree.paths()).containsExactly("config.json", "model.safetensors", "tokenizer.json");
        assertThat(errors(report(Framework.HUGGINGFACE, null, tree))).isEmpty();
    }

    @Test
    void mxnetFilesAreRenamedToTheDefaultPrefixAndEpoch() {
        PackageTree tree = tree("resnet-symbol.json", "resnet-0012.params", "resnet-shapes.json",
                "code/inference.py=def output_fn(prediction, accept):\n    pass\n");
        LayoutReport report = report(Framework.MXNET, null, tree);
        assertThat(report.role("resnet-0012.params")).contains("parameters of prefix resnet, epoch 12");
        List<Finding> errors = errors(report);
        assertThat(errors).extracting(f -> f.fix().orElseThrow().label())
                .containsExactlyInAnyOrder("Rename to model-symbol.json", "Rename to model-0000.params",
                        "Rename to model-shapes.json");
        errors.forEach(f -> tree.apply(f.fix().orElseThrow(), templates));
        LayoutReport fixed = report(Framework.MXNET, null, tree);
        assertThat(errors(fixed)).isEmpty();
        assertThat(messages(fixed, Severity.INFO)).anySatisfy(m -> assertThat(m).contains("loads prefix `model`, epoch 0"));
        assertThat(fixed.role("model-0000.params")).contains("parameters of prefix model, epoch 0, loaded by the default model_fn");
    }

    @Test
    void mxnetWithModelFnNeedsParamsBesideEachSymbolAndAScriptAlways() {
        String modelFn = "code/inference.py=def model_fn(model_dir):\n    pass\n";
        assertThat(errors(report(Framework.MXNET, null, tree("net-symbol.json", "net-0003.params", modelFn)))).isEmpty();
        assertThat(errors(report(Framework.MXNET, null, tree("net-symbol.json", "weights.params", modelFn))))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("No net-NNNN.params"));
        assertThat(errors(report(Framework.MXNET, null, tree("model-symbol.json", "model-0000.params",
                "model-shapes.json")))).singleElement().satisfies(f -> {
                    assertThat(f.path()).isEqualTo("code/inference.py");
                    assertThat(f.message()).contains("import_module exception");
                });
    }

    @Test
    void theXgboostAlgorithmLoadsEveryRootFile() {
        LayoutReport report = report(Framework.XGBOOST, null, tree("xgboost-model", "README.md"));
        assertThat(messages(report, Severity.WARNING)).singleElement().satisfies(m -> assertThat(m)
                .contains("every file at the archive root"));
        assertThat(report.role("xgboost-model")).contains("loaded as a booster by the built-in algorithm");
    }

    @Test
    void entryPointNamesAreScriptsDirectlyInCode() {
        assertThat(EntryPoint.check(" predict.py ", "--entry-point")).isEqualTo("predict.py");
        assertThat(EntryPoint.check("my-serve.py", "--entry-point")).isEqualTo("my-serve.py");
        for (String bad : List.of("", "src/predict.py", "predict", "my.predict.py", ".py")) {
            assertThatThrownBy(() -> EntryPoint.check(bad, "--entry-point")).as(bad)
                    .isInstanceOf(ValidationException.class).hasMessageContaining("--entry-point");
        }
        assertThat(new LayoutTarget(Framework.TENSORFLOW, null, "pre.py").script()).isEqualTo("code/inference.py");
        assertThat(new LayoutTarget(Framework.PYTORCH, null, "pre.py").script()).isEqualTo("code/pre.py");
    }
}
