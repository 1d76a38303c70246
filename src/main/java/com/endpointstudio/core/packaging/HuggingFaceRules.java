package com.endpointstudio.core.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A Hugging Face model folder as the container's default load reads it: transformers' pipeline
 * built from /opt/ml/model itself, its task from HF_TASK or else from config.json's architecture,
 * with the tokenizer (text tasks) or feature extractor (image and audio tasks) loaded from the same
 * folder (sagemaker-huggingface-inference-toolkit handler_service.py:108-134, transformers_utils.py:84-98,
 * 211-234 and 253-294). With neither a model folder nor a model_fn, the model comes from HF_MODEL_ID
 * (mms_model_server.py:67-82).
 */
final class HuggingFaceRules {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** transformers_utils.py:84-98, in order: the toolkit keeps the last suffix that matches. */
    private static final Map<String, String> ARCHITECTURES_2_TASK = new LinkedHashMap<>();

    static {
        ARCHITECTURES_2_TASK.put("TapasForQuestionAnswering", "table-question-answering");
        ARCHITECTURES_2_TASK.put("ForQuestionAnswering", "question-answering");
        ARCHITECTURES_2_TASK.put("ForTokenClassification", "token-classification");
        ARCHITECTURES_2_TASK.put("ForSequenceClassification", "text-classification");
        ARCHITECTURES_2_TASK.put("ForMultipleChoice", "multiple-choice");
        ARCHITECTURES_2_TASK.put("ForMaskedLM", "fill-mask");
        ARCHITECTURES_2_TASK.put("ForCausalLM", "text-generation");
        ARCHITECTURES_2_TASK.put("ForConditionalGeneration", "text2text-generation");
        ARCHITECTURES_2_TASK.put("MTModel", "text2text-generation");
        ARCHITECTURES_2_TASK.put("EncoderDecoderModel", "text2text-generation");
        ARCHITECTURES_2_TASK.put("GPT2LMHeadModel", "text-generation");
        ARCHITECTURES_2_TASK.put("T5WithLMHeadModel", "text2text-generation");
    }

    private static final Pattern WEIGHTS = Pattern.compile(
            "(model|pytorch_model|tf_model|flax_model)(-\\d+-of-\\d+)?\\.(safetensors|bin|h5|msgpack)");
    private static final Pattern SHARD = Pattern.compile(".+-\\d+-of-\\d+\\.(safetensors|bin|h5|msgpack)");
    private static final Set<String> TOKENIZER = Set.of("tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "added_tokens.json", "vocab.txt", "vocab.json", "merges.txt", "spiece.model",
            "sentencepiece.bpe.model", "tokenizer.model", "source.spm", "target.spm", "bpe.codes");
    private static final Set<String> PROCESSOR = Set.of("preprocessor_config.json", "processor_config.json");

    private HuggingFaceRules() {
    }

    static void check(ArchiveContents contents, Script script, LayoutNotes notes) {
        List<String> weights = new ArrayList<>();
        List<String> tokenizer = new ArrayList<>();
        List<String> processor = new ArrayList<>();
        for (String path : contents.files().keySet()) {
            if (!ArchivePaths.parent(path).isEmpty()) {
                continue;
            }
            if (WEIGHTS.matcher(path).matches() || path.endsWith(".index.json")) {
                weights.add(path);
                notes.role(path, path.endsWith(".index.json") ? "index of the weight shards" : "weights");
            } else if (TOKENIZER.contains(path)) {
                tokenizer.add(path);
                notes.role(path, "tokenizer");
            } else if (PROCESSOR.contains(path)) {
                processor.add(path);
                notes.role(path, "feature extractor / processor");
            } else if (path.equals("generation_config.json")) {
                notes.role(path, "generation settings");
            }
        }
        boolean config = contents.contains("config.json");
        if (config) {
            notes.role("config.json", "model config");
        }
        if (script.mayDefine("model_fn")) {
            if (!config && weights.isEmpty() && script.defines("model_fn")) {
                notes.add(Finding.info("", "Code only: your model_fn builds the model, or loads it from the Hub; "
                        + "with HF_MODEL_ID set the container downloads that model first and passes its folder."));
            }
            shards(contents, weights, notes);
            return;
        }
        if (contents.contains("model_index.json")) {
            notes.role("model_index.json", "diffusers pipeline index");
            notes.add(Finding.info("model_index.json", "The Hugging Face container builds a text-to-image pipeline "
                    + "(diffusers) from this folder, unless HF_TASK says otherwise."));
            return;
        }
        if (!config) {
            missingConfig(contents, weights, notes);
            return;
        }
        if (weights.isEmpty()) {
            notes.add(Finding.error("", "No model weights at the archive root (model.safetensors, pytorch_model.bin, "
                    + "tf_model.h5 or their shards with an index): transformers' pipeline loads them beside config.json."));
        }
        shards(contents, weights, notes);
        String task = task(contents, tokenizer.isEmpty() && processor.isEmpty(), notes);
        if (task == null) {
            return;
        }
        // every task the toolkit infers is a text task: its pipeline loads a tokenizer from the folder
        if (tokenizer.isEmpty()) {
            notes.add(Finding.error("", "The " + task + " pipeline loads its tokenizer (tokenizer.json, "
                    + "tokenizer_config.json, vocab.txt, …) from /opt/ml/model, and the archive holds none, so the "
                    + "container would not start; save it beside the model (save_pretrained)."));
        }
        notes.add(Finding.info("config.json", "The Hugging Face container builds a " + task + " pipeline from this "
                + "folder (HF_TASK in the Model's environment overrides the task), with the weights "
                + String.join(", ", weights) + (tokenizer.isEmpty() ? "" : " and the tokenizer "
                + String.join(", ", tokenizer)) + "."));
    }

    /** The task the toolkit infers from config.json, or null (with a finding saying why) when it can't. */
    private static String task(ArchiveContents contents, boolean noPreprocessing, LayoutNotes notes) {
        JsonNode config;
        try {
            config = JSON.readTree(contents.text("config.json").orElse("{}"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            notes.add(Finding.error("config.json", "Is not valid JSON (" + e.getOriginalMessage() + "); transformers "
                    + "can't read the model's configuration."));
            return null;
        }
        JsonNode architectures = config.path("architectures");
        String architecture = architectures.isArray() && !architectures.isEmpty() ? architectures.get(0).asText() : null;
        String task = null;
        for (var known : ARCHITECTURES_2_TASK.entrySet()) { // infer_task_from_model_architecture: the last match wins
            if (architecture != null && architecture.endsWith(known.getKey())) {
                task = known.getValue();
            }
        }
        if (task == null && contents.text("config.json").isPresent()) {
            notes.add(Finding.warning("config.json", (architecture == null ? "Names no architecture"
                    : "Its architecture " + architecture + " is not one") + " the Hugging Face container infers a task "
                    + "from; set HF_TASK (e.g. text-classification) in the Model's environment, or it won't start."
                    + (noPreprocessing ? " The pipeline also loads a tokenizer or feature extractor from this folder, "
                    + "which holds neither." : "")));
        }
        if (task != null) {
            notes.roles.put("config.json", "model config: " + architecture + ", task " + task);
        }
        return task;
    }

    private static void missingConfig(ArchiveContents contents, List<String> weights, LayoutNotes notes) {
        String nested = contents.files().keySet().stream()
                .filter(p -> ArchivePaths.fileName(p).equals("config.json") && !ArchivePaths.parent(p).isEmpty()
                        && !ArchivePaths.isWithin(p, FrameworkLayout.CODE_DIR))
                .map(ArchivePaths::parent).findFirst().orElse(null);
        if (nested != null) {
            notes.add(Finding.error(nested + "/config.json", "The Hugging Face container loads the model folder "
                    + "/opt/ml/model itself, not " + nested + "/ inside it.")
                    .withFix(new Fix.MoveInto(children(contents, nested), "", "Move " + nested + "/'s files to the root")));
        } else if (weights.isEmpty()) {
            notes.add(Finding.warning("", "No model folder at the archive root (config.json with weights): the Hugging "
                    + "Face container then needs HF_MODEL_ID in the Model's environment, and downloads that model when "
                    + "it starts, or a model_fn that builds the model."));
        } else {
            notes.add(Finding.error("config.json", "Missing: transformers' pipeline reads the model's architecture "
                    + "from config.json beside the weights."));
        }
    }

    /** Sharded weights are found through their index, which lists every shard. */
    private static void shards(ArchiveContents contents, List<String> weights, LayoutNotes notes) {
        Set<String> listed = new TreeSet<>();
        for (String index : weights.stream().filter(p -> p.endsWith(".index.json")).toList()) {
            try {
                JsonNode map = JSON.readTree(contents.text(index).orElse("{}")).path("weight_map");
                map.forEach(file -> listed.add(file.asText()));
            } catch (IOException e) {
                notes.add(Finding.error(index, "Is not valid JSON; transformers can't find the shards through it."));
            }
            listed.stream().filter(shard -> !contents.contains(shard)).forEach(shard -> notes.add(Finding.error(index,
                    "Lists the shard " + shard + ", which the archive lacks.")));
        }
        for (String shard : weights) {
            if (SHARD.matcher(shard).matches() && !listed.contains(shard) && weights.stream()
                    .noneMatch(p -> p.endsWith(".index.json") && contents.text(p).isEmpty())) {
                notes.add(Finding.error(shard, "A weight shard that no *.index.json lists; transformers finds shards "
                        + "only through the index saved with them."));
            }
        }
    }

    private static List<String> children(ArchiveContents contents, String folder) {
        Set<String> children = new TreeSet<>();
        for (String path : contents.files().keySet()) {
            if (path.startsWith(folder + "/")) {
                children.add(ArchivePaths.join(folder, path.substring(folder.length() + 1).split("/", 2)[0]));
            }
        }
        return List.copyOf(children);
    }
}
