package com.endpointstudio.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.error.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Known image URIs, worked out by hand from the SDK's image configuration and retrieve rules. */
class ImageUriResolverTest {

    private final ImageCatalog catalog = ImageCatalog.load();
    private final ImageUriResolver resolver = new ImageUriResolver(catalog);

    private String uri(String framework, String version, String py, String region, String instance, String base) {
        return resolver.retrieve(new ImageRequest(framework, version, py, region, instance, base)).uri();
    }

    @ParameterizedTest(name = "{0} {1} {3} {4}")
    @CsvSource(nullValues = "-", value = {
        // PyTorch: the alias stays in the tag, the processor follows the instance, one py version is implied
        "pytorch, 2.6, -, us-east-1, ml.g5.xlarge, -, 763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.6-gpu-py312",
        "pytorch, 2.6.0, py312, us-east-1, ml.m5.large, -, 763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.6.0-cpu-py312",
        "pytorch, 2.1, -, cn-north-1, ml.p3.2xlarge, -, 727897471807.dkr.ecr.cn-north-1.amazonaws.com.cn/pytorch-inference:2.1-gpu-py310",
        "pytorch, 1.6.0, py3, us-west-2, ml.p4d.24xlarge, -, 763104351884.dkr.ecr.us-west-2.amazonaws.com/pytorch-inference:1.6.0-gpu-py3-cu110-ubuntu18.04",
        "pytorch, 2.4, -, eu-west-1, ml.c7g.xlarge, -, 763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-inference-graviton:2.4-cpu-py311-ubuntu22.04-sagemaker",
        // TensorFlow 2.x inference images have no Python part; GovCloud keeps amazonaws.com
        "tensorflow, 2.19, -, us-west-2, ml.c5.xlarge, -, 763104351884.dkr.ecr.us-west-2.amazonaws.com/tensorflow-inference:2.19-cpu",
        "tensorflow, 2.13, -, us-gov-west-1, ml.g4dn.xlarge, -, 442386744353.dkr.ecr.us-gov-west-1.amazonaws.com/tensorflow-inference:2.13-gpu",
        // first-party images: a different account per region
        "sklearn, 1.2-1, -, us-east-1, ml.m5.large, -, 683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3",
        "sklearn, 1.2-1, -, cn-northwest-1, ml.m5.large, -, 451049120500.dkr.ecr.cn-northwest-1.amazonaws.com.cn/sagemaker-scikit-learn:1.2-1-cpu-py3",
        "xgboost, 1.7-1, -, eu-west-1, ml.g5.xlarge, -, 141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1",
        "xgboost, 1.5-1, -, us-east-1, ml.m6g.large, -, 683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.5-1-arm64",
        "mxnet, 1.8.0, py37, us-east-1, ml.p4d.24xlarge, -, 763104351884.dkr.ecr.us-east-1.amazonaws.com/mxnet-inference:1.8.0-gpu-py37-cu110-ubuntu16.04",
        // Hugging Face: base framework as typed, container version per processor; Inferentia 2 through neuronx
        "huggingface, 4.49.0, -, us-east-1, ml.g5.2xlarge, pytorch2.6, 763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-inference:2.6-transformers4.49.0-gpu-py312-cu124-ubuntu22.04",
        "huggingface, 4.55, -, us-east-1, ml.inf2.xlarge, pytorch2.8, 763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-inference-neuronx:2.8.0-transformers4.55.4-neuronx-py310-sdk2.26.0-ubuntu22.04",
    })
    void resolvesKnownUris(String framework, String version, String py, String region, String instance, String base,
                           String expected) {
        assertThat(uri(framework, version, py, region, instance, base)).isEqualTo(expected);
    }

    @Test
    void theProcessorIsReported() {
        ImageUri gpu = resolver.retrieve(new ImageRequest("pytorch", "2.6", null, "us-east-1", "ml.p4d.24xlarge", null));
        assertThat(gpu.processor()).isEqualTo("gpu");
        assertThat(gpu.account()).isEqualTo("763104351884");
        assertThat(gpu.repository()).isEqualTo("pytorch-inference");
    }

    @Test
    void badChoicesNameTheFieldAndTheValidOptions() {
        assertThatThrownBy(() -> uri("sklearn", "1.2-1", null, "us-east-1", "ml.g5.xlarge", null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("Instance type").hasMessageContaining("gpu");
        assertThatThrownBy(() -> uri("pytorch", "9.9", null, "us-east-1", "ml.m5.large", null))
                .hasMessageContaining("Framework version").hasMessageContaining("2.6.0");
        assertThatThrownBy(() -> uri("pytorch", "2.6", null, "xx-nowhere-1", "ml.m5.large", null))
                .hasMessageContaining("Region").hasMessageContaining("us-east-1");
        assertThatThrownBy(() -> uri("pytorch", "1.6.0", "py99", "us-east-1", "ml.m5.large", null))
                .hasMessageContaining("Python version").hasMessageContaining("py36");
        assertThatThrownBy(() -> uri("pytorch", "2.6", null, "us-east-1", "m5.large", null))
                .hasMessageContaining("not a SageMaker instance type");
        assertThatThrownBy(() -> uri("pytorch", "2.6", null, "us-east-1", "ml.inf1.xlarge", null))
                .hasMessageContaining("Inferentia");
        assertThatThrownBy(() -> uri("mxnet", "1.9", null, "us-east-1", "ml.c7g.large", null))
                .hasMessageContaining("Graviton");
        assertThatThrownBy(() -> uri("pytorch", "2.0", null, "us-east-1", "ml.p2.xlarge", null))
                .hasMessageContaining("ml.p2");
        assertThatThrownBy(() -> uri("huggingface", "4.49.0", null, "us-east-1", "ml.g5.xlarge", null))
                .hasMessageContaining("Base framework version");
        assertThatThrownBy(() -> uri("caffe", "1", null, "us-east-1", "ml.m5.large", null))
                .hasMessageContaining("custom image");
    }

    @Test
    void theCatalogListsVersionsNewestFirstWithTheirPythonVersions() {
        assertThat(catalog.versions("pytorch")).startsWith("2.6.0", "2.6").contains("1.13.1", "2.1");
        assertThat(catalog.pyVersions("pytorch", "2.1", null)).containsExactly("py310");
        assertThat(catalog.baseFrameworks("4.49.0")).contains("pytorch2.6", "pytorch2.6.0");
        assertThat(catalog.source()).contains("sagemaker-python-sdk").contains("2026-08-21");
    }
}
