package com.endpointstudio.core.doctor;

import com.endpointstudio.core.doctor.DoctorFinding.Check;
import com.endpointstudio.core.doctor.ImageFacts.Processor;
import com.endpointstudio.core.instance.AcceleratorKind;
import com.endpointstudio.core.instance.InstanceCatalog;
import com.endpointstudio.core.instance.InstanceSpec;
import com.endpointstudio.core.packaging.Framework;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the model runs: the image against the instance's hardware (GPU, Graviton, Inferentia and
 * Trainium), multi-model and serverless exclusions, the model's size against the memory it gets, and
 * the request payload against the limit of the way the endpoint is called.
 */
final class HostingCheck {

    static final String SERVERLESS_EXCLUSIONS = "SageMaker Developer Guide, serverless-endpoints.html (\"Feature "
            + "exclusions\": GPUs, multi-model endpoints, …)";
    static final String SERVERLESS_INVOKE = "SageMaker Developer Guide, serverless-endpoints-invoke.html (request and "
            + "response payloads at most 4 MB; /ping within 3 minutes)";
    static final String MME_SUPPORT = "SageMaker Developer Guide, multi-model-support.html (GPU multi-model endpoints "
            + "through the Triton Inference Server; all CPU instance types)";
    static final String BODY_LIMIT = "botocore sagemaker-runtime/2017-05-13 service-2.json: BodyBlob max 6291456 bytes";
    static final String ASYNC_LIMIT = "SageMaker Developer Guide, async-inference.html (payloads up to 1 GB, read from S3)";
    static final String WORKERS = "aws/sagemaker-inference-toolkit src/sagemaker_inference/environment.py "
            + "(SAGEMAKER_MODEL_SERVER_WORKERS; the model server starts one worker per vCPU by default)";
    static final long REALTIME_LIMIT = 6_291_456L;
    static final long SERVERLESS_LIMIT = 4L * 1024 * 1024;
    static final long ASYNC_LIMIT_BYTES = 1_000_000_000L;

    /** Graviton families: a digit generation then "g" (m6g, c7g, r7gd, c8g…). */
    private static final Pattern GRAVITON = Pattern.compile("^ml\\.[a-z]\\d+g[a-z]*\\..+$");
    private static final double GIB = 1024.0 * 1024 * 1024;

    private HostingCheck() {
    }

    static void check(DoctorTarget target, InstanceCatalog instances, long modelBytes, Long payloadBytes,
                      List<DoctorFinding> out) {
        ImageFacts image = target.image() == null ? null : ImageFacts.of(target.image());
        if (target.serverless()) {
            serverless(target, image, modelBytes, out);
        } else if (target.instanceType() != null) {
            Optional<InstanceSpec> spec = instances.spec(target.instanceType());
            if (image != null) {
                hardware(target, image, spec.orElse(InstanceSpec.unknown(target.instanceType())), out);
            }
            spec.filter(InstanceSpec::known).ifPresent(s -> memory(target, s, modelBytes, out));
        }
        if (payloadBytes != null) {
            payload(target, payloadBytes, out);
        }
    }

    private static void serverless(DoctorTarget target, ImageFacts image, long modelBytes, List<DoctorFinding> out) {
        if (image != null && (image.processor() == Processor.GPU || image.processor() == Processor.NEURON)) {
            out.add(DoctorFinding.error(Check.INSTANCE, "image", "The image " + image.repository() + ":" + image.tag()
                    + " is built for " + (image.processor() == Processor.GPU ? "GPUs" : "AWS Neuron accelerators")
                    + "; serverless endpoints run on CPUs only.", SERVERLESS_EXCLUSIONS, "Choose the framework's CPU "
                    + "image (deploy wizard: any instance-less choice resolves it), or an instance-backed endpoint."));
        }
        long memory = target.serverlessMemoryMb() * 1024L * 1024;
        if (modelBytes >= memory) {
            out.add(DoctorFinding.error(Check.SIZE, "", "The model unpacks to " + size(modelBytes) + ", more than the "
                    + target.serverlessMemoryMb() + " MB the serverless endpoint gets: loading it runs out of memory.",
                    SERVERLESS_INVOKE, "Raise the memory size (up to 6144 MB), or use an instance-backed endpoint."));
        } else if (modelBytes > memory * 0.6) {
            out.add(DoctorFinding.warning(Check.SIZE, "", "The model unpacks to " + size(modelBytes) + " of the "
                    + target.serverlessMemoryMb() + " MB the serverless endpoint gets; with the Python runtime and "
                    + "the request, it may run out of memory, and it must load within 3 minutes.", SERVERLESS_INVOKE,
                    "Raise the memory size, or keep the model smaller."));
        }
    }

    private static void hardware(DoctorTarget target, ImageFacts image, InstanceSpec spec, List<DoctorFinding> out) {
        String type = target.instanceType();
        AcceleratorKind kind = spec.acceleratorKind();
        boolean neuronInstance = kind == AcceleratorKind.INFERENTIA || kind == AcceleratorKind.TRAINIUM
                || type.startsWith("ml.inf") || type.startsWith("ml.trn");
        boolean gpuInstance = kind == AcceleratorKind.GPU;
        String imageName = image.repository() + (image.tag().isEmpty() ? "" : ":" + image.tag());
        if (neuronInstance && image.processor() != Processor.NEURON) {
            out.add(DoctorFinding.error(Check.INSTANCE, type, type + " runs on AWS " + (type.startsWith("ml.trn")
                    ? "Trainium" : "Inferentia") + " accelerators, which only Neuron images (…-neuron, …-neuronx) drive; "
                    + imageName + " is not one, and a model compiled for neither will not load.",
                    "SageMaker Python SDK image_uris.py (inf/trn processors resolve to the neuron and neuronx images); "
                    + "catalog/image-uris.json", "Use a Neuron image with a model compiled by the Neuron SDK, or a CPU "
                    + "or GPU instance type."));
        } else if (!neuronInstance && image.processor() == Processor.NEURON && spec.known()) {
            out.add(DoctorFinding.error(Check.INSTANCE, type, imageName + " is a Neuron image, for Inferentia and "
                    + "Trainium instances; " + type + " has no Neuron device, so the model server can't start.",
                    "SageMaker Python SDK image_uris.py", "Use an ml.inf2 or ml.trn1 instance, or the framework's "
                    + "CPU or GPU image."));
        } else if (!gpuInstance && image.processor() == Processor.GPU && spec.known()) {
            out.add(DoctorFinding.error(Check.INSTANCE, type, imageName + " is built for GPUs (CUDA) and " + type
                    + " has none: the container either fails to find a driver or runs the model on CPU in an image "
                    + "several GB larger.", "SageMaker Python SDK image_uris.py (the processor follows the instance "
                    + "type: gpu for ml.g*/ml.p*)", "Use the framework's CPU image (…-cpu-…), or a GPU instance type."));
        } else if (gpuInstance && image.processor() == Processor.CPU) {
            out.add(DoctorFinding.warning(Check.INSTANCE, type, imageName + " is a CPU image: on " + type + " its "
                    + spec.accelerators() + " × " + spec.acceleratorModel() + " stay idle while you pay for them.",
                    "SageMaker Python SDK image_uris.py", "Use the framework's GPU image, or a CPU instance type."));
        }
        boolean graviton = GRAVITON.matcher(type).matches();
        if (graviton && !image.arm64() && image.knownFramework()) {
            out.add(DoctorFinding.error(Check.INSTANCE, type, type + " is a Graviton (arm64) instance and " + imageName
                    + " is built for x86_64: the container can't run (exec format error).", "SageMaker Python SDK "
                    + "image_uris.py (inference_graviton scope: …-graviton repositories and arm64 tags)",
                    "Choose the framework's Graviton image (the deploy wizard resolves it for a Graviton type), or an "
                    + "x86 instance type."));
        } else if (graviton && !image.knownFramework() && !image.arm64()) {
            out.add(DoctorFinding.warning(Check.INSTANCE, type, type + " is a Graviton (arm64) instance: the custom "
                    + "image must be built for linux/arm64.", "AWS Graviton instances run arm64 code only",
                    "Build the image with docker buildx --platform linux/arm64, or choose an x86 instance type."));
        } else if (!graviton && image.arm64() && spec.known()) {
            out.add(DoctorFinding.error(Check.INSTANCE, type, imageName + " is built for Graviton (arm64) and " + type
                    + " runs x86_64: the container can't run.", "SageMaker Python SDK image_uris.py",
                    "Use a Graviton instance (ml.c7g, ml.m7g, …) or the framework's x86 image."));
        }
        if (target.multiModel() && gpuInstance && !image.triton()) {
            out.add(DoctorFinding.error(Check.INSTANCE, type, "Multi-model endpoints on GPU instances are served by "
                    + "NVIDIA Triton Inference Server only; " + imageName + " is not a Triton image.", MME_SUPPORT,
                    "Use a CPU instance type for a multi-model endpoint of this framework, or the SageMaker Triton image."));
        } else if (target.multiModel() && target.framework() == Framework.HUGGINGFACE) {
            out.add(DoctorFinding.warning(Check.INSTANCE, type, "The Developer Guide does not list the Hugging Face "
                    + "containers among those that support multi-model endpoints.", MME_SUPPORT,
                    "Deploy one endpoint per model, or use the PyTorch container with your own model_fn."));
        }
    }

    private static void memory(DoctorTarget target, InstanceSpec spec, long modelBytes, List<DoctorFinding> out) {
        double memory = spec.memoryGib() * GIB;
        int workers = workers(target, spec);
        String type = target.instanceType();
        if (modelBytes >= memory) {
            out.add(DoctorFinding.error(Check.SIZE, "", "The model unpacks to " + size(modelBytes) + ", more than the "
                    + gib(spec.memoryGib()) + " of memory of " + type + ": it can't be loaded.", "catalog/instance-specs.csv",
                    "Choose an instance type with more memory, or a smaller (quantized, pruned) model."));
        } else if (workers > 1 && modelBytes * (double) workers > memory * 0.9) {
            out.add(DoctorFinding.warning(Check.SIZE, "", "The model unpacks to " + size(modelBytes) + " and the "
                    + "container loads it once per worker: " + workers + " workers (" + workerSource(target) + ") need "
                    + "about " + size((long) (modelBytes * (double) workers)) + " of the " + gib(spec.memoryGib()) + " of "
                    + type + ", and the workers die out of memory.", WORKERS, "Set SAGEMAKER_MODEL_SERVER_WORKERS to "
                    + Math.max(1, (int) (memory * 0.8 / Math.max(1, modelBytes))) + " in the Model's environment, or "
                    + "choose an instance type with more memory."));
        }
        if (spec.hasGpu() && spec.acceleratorMemoryGib() != null && spec.accelerators() > 0) {
            double perGpu = spec.acceleratorMemoryGib() / spec.accelerators() * GIB;
            if (modelBytes > perGpu) {
                out.add(DoctorFinding.warning(Check.SIZE, "", "The model unpacks to " + size(modelBytes) + ", more than "
                        + "one " + spec.acceleratorModel() + "'s " + gib(spec.acceleratorMemoryGib() / spec.accelerators())
                        + ": unless your model_fn splits it across GPUs, loading it onto a GPU fails with CUDA out of "
                        + "memory.", "catalog/instance-specs.csv", "Choose a GPU with more memory, or shard the model "
                        + "(e.g. device_map=\"auto\")."));
            }
        }
    }

    /** Model server workers: the variable, else one per vCPU; TensorFlow Serving loads the model once. */
    private static int workers(DoctorTarget target, InstanceSpec spec) {
        if (target.framework() == Framework.TENSORFLOW) {
            return 1;
        }
        Map<String, String> env = target.environment();
        String set = env == null ? null : env.getOrDefault("SAGEMAKER_MODEL_SERVER_WORKERS",
                env.get("SAGEMAKER_TS_DEFAULT_WORKERS_PER_MODEL"));
        if (set != null) {
            try {
                return Math.max(1, Integer.parseInt(set.strip()));
            } catch (NumberFormatException e) {
                return 1;
            }
        }
        return spec.hasGpu() ? Math.max(1, spec.accelerators()) : spec.vcpus() == null ? 1 : spec.vcpus();
    }

    private static String workerSource(DoctorTarget target) {
        Map<String, String> env = target.environment();
        return env != null && env.containsKey("SAGEMAKER_MODEL_SERVER_WORKERS") ? "SAGEMAKER_MODEL_SERVER_WORKERS"
                : "one per vCPU, the model server's default";
    }

    private static void payload(DoctorTarget target, long bytes, List<DoctorFinding> out) {
        long limit;
        String how;
        String source;
        if (target.async()) {
            limit = ASYNC_LIMIT_BYTES;
            how = "an asynchronous call";
            source = ASYNC_LIMIT;
        } else if (target.serverless()) {
            limit = SERVERLESS_LIMIT;
            how = "a serverless endpoint";
            source = SERVERLESS_INVOKE;
        } else {
            limit = REALTIME_LIMIT;
            how = "a real-time call";
            source = BODY_LIMIT;
        }
        if (bytes > limit) {
            out.add(DoctorFinding.error(Check.PAYLOAD, "payload", "The request body is " + size(bytes) + "; " + how
                    + " takes at most " + size(limit) + ", so SageMaker refuses it before the model sees it.", source,
                    target.async() ? "Send a smaller input." : "Send a smaller body (compress it, or send an S3 URI "
                    + "the model reads), or use asynchronous inference (up to 1 GB)."));
        }
    }

    static String size(long bytes) {
        if (bytes >= GIB) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / GIB);
        }
        if (bytes >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }

    private static String gib(double value) {
        return com.endpointstudio.core.instance.Quantities.gib(value) + " GiB";
    }
}
