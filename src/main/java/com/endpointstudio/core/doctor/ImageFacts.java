package com.endpointstudio.core.doctor;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an image URI tells about the container: which framework image it is (by its ECR repository,
 * as catalog/image-uris.json names them), its version, and the hardware it is built for — read from
 * the tag the SageMaker Python SDK composes (image_uris.py: version-processor-py-container, e.g.
 * 2.1.0-gpu-py310-cu118-ubuntu20.04-sagemaker), the "-graviton" repositories and arm64 tags, and the
 * Neuron repositories (…-neuron, …-neuronx).
 *
 * @param framework the SDK's framework name (pytorch, sklearn, …), or null for an image of no known framework
 * @param version   the tag's version, or null
 */
public record ImageFacts(String uri, String repository, String tag, String framework, String version,
                         Processor processor, boolean arm64) {

    /** The hardware an image is built for; ANY when its tag doesn't say (XGBoost, Triton, custom images). */
    public enum Processor { CPU, GPU, NEURON, ANY }

    /** Framework repositories, most specific first (catalog/image-uris.json). */
    private static final List<Map.Entry<String, String>> REPOSITORIES = List.of(
            Map.entry("huggingface-", "huggingface"),
            Map.entry("sagemaker-scikit-learn", "sklearn"),
            Map.entry("pytorch-inference", "pytorch"),
            Map.entry("sagemaker-pytorch", "pytorch"),
            Map.entry("sagemaker-xgboost", "xgboost"),
            Map.entry("xgboost", "xgboost"),
            Map.entry("mxnet-inference", "mxnet"),
            Map.entry("sagemaker-mxnet", "mxnet"),
            Map.entry("tensorflow-inference", "tensorflow"),
            Map.entry("sagemaker-tensorflow-serving", "tensorflow"),
            Map.entry("sagemaker-tensorflow", "tensorflow"));

    private static final Pattern GPU_TAG = Pattern.compile("(^|-)(gpu|cu\\d{2,3})(-|$)");
    private static final Pattern CPU_TAG = Pattern.compile("(^|-)cpu(-|$)");

    public static ImageFacts of(String uri) {
        String image = uri == null ? "" : uri.strip();
        String path = image.contains("/") ? image.substring(image.indexOf('/') + 1) : image;
        String repository = path.contains(":") ? path.substring(0, path.indexOf(':')) : path;
        String tag = path.contains(":") ? path.substring(path.indexOf(':') + 1) : "";
        String repo = repository.toLowerCase(Locale.ROOT);
        String lowerTag = tag.toLowerCase(Locale.ROOT);
        String framework = null;
        for (Map.Entry<String, String> known : REPOSITORIES) {
            if (repo.startsWith(known.getKey())) {
                framework = known.getValue();
                break;
            }
        }
        Processor processor;
        if (repo.contains("neuron") || lowerTag.contains("neuron")) {
            processor = Processor.NEURON;
        } else if (GPU_TAG.matcher(lowerTag).find() || repo.contains("-tgi-") || repo.endsWith("-tgi-inference")) {
            processor = Processor.GPU;
        } else if (CPU_TAG.matcher(lowerTag).find() || repo.endsWith("-graviton")) {
            processor = Processor.CPU;
        } else {
            processor = Processor.ANY;
        }
        boolean arm = repo.endsWith("-graviton") || lowerTag.contains("arm64") || lowerTag.contains("graviton");
        String version = tag.isEmpty() ? null : tag.split("-")[0];
        return new ImageFacts(image, repository, tag, framework, version, processor, arm);
    }

    /** A framework image of the SDK's catalog (not a custom one). */
    public boolean knownFramework() {
        return framework != null;
    }

    /** NVIDIA Triton Inference Server, the only server of multi-model endpoints on GPU instances. */
    public boolean triton() {
        return repository.toLowerCase(Locale.ROOT).contains("tritonserver");
    }
}
