"""The Hugging Face inference container: a transformers pipeline chosen by HF_TASK (or inferred
from config.json) behind Multi Model Server. Source: aws/sagemaker-huggingface-inference-toolkit,
src/sagemaker_huggingface_inference_toolkit/handler_service.py, decoder_encoder.py and
transformers_utils.py. Every failure is answered 400 (handler_service.py:278-279).
"""
import csv
import datetime
import inspect
import io
import json
import os
import sys
import traceback

from studio_serving import base
from studio_serving.context import Context
from studio_serving.toolkit import ToolkitPersonality

# transformers_utils.py:84-98
ARCHITECTURES_2_TASK = {
    "TapasForQuestionAnswering": "table-question-answering",
    "ForQuestionAnswering": "question-answering",
    "ForTokenClassification": "token-classification",
    "ForSequenceClassification": "text-classification",
    "ForMultipleChoice": "multiple-choice",
    "ForMaskedLM": "fill-mask",
    "ForCausalLM": "text-generation",
    "ForConditionalGeneration": "text2text-generation",
    "MTModel": "text2text-generation",
    "EncoderDecoderModel": "text2text-generation",
    "GPT2LMHeadModel": "text-generation",
    "T5WithLMHeadModel": "text2text-generation",
}
FEATURE_EXTRACTOR_TASKS = {"automatic-speech-recognition", "image-segmentation", "image-classification",
                           "audio-classification", "object-detection", "zero-shot-image-classification"}


class PredictionException(Exception):
    def __init__(self, message, error_code):
        super().__init__(message)
        self.message = message
        self.error_code = error_code


class _JSONEncoder(json.JSONEncoder):
    """decoder_encoder.py:80-99: NumPy scalars and arrays, datetimes."""

    def default(self, obj):
        try:
            import numpy as np
            if isinstance(obj, np.integer):
                return int(obj)
            if isinstance(obj, np.floating):
                return float(obj)
        except ImportError:
            pass
        if hasattr(obj, "tolist"):
            return obj.tolist()
        if isinstance(obj, datetime.datetime):
            return obj.__str__()
        return super().default(obj)


def decode_csv(string_like):
    """decoder_encoder.py:33-53: a header row naming question, context or inputs is required."""
    if not any(header in string_like.splitlines()[0].lower() for header in ["question", "context", "inputs"]):
        raise PredictionException("You need to provide the correct CSV with Header columns to use it with the "
                                  "inference toolkit default handler.", 400)
    request_list = list(csv.DictReader(io.StringIO(string_like)))
    if "inputs" in request_list[0].keys():
        return {"inputs": [entry["inputs"] for entry in request_list]}
    return {"inputs": request_list}


def decode(content, content_type):
    """decoder_encoder.py:201-211: JSON, CSV, NPY; images and audio pass to the pipeline."""
    from sagemaker_inference import errors
    if content_type == base.JSON:
        return json.loads(content)
    if content_type == base.CSV:
        return decode_csv(content)
    if content_type == base.NPY:
        import numpy as np
        return np.load(io.BytesIO(content), allow_pickle=True)
    if content_type in ("image/jpeg", "image/png", "image/tiff", "image/bmp", "image/gif", "image/webp",
                        "image/x-image"):
        from PIL import Image
        return {"inputs": Image.open(io.BytesIO(content)).convert("RGB")}
    if content_type in ("audio/x-flac", "audio/mpeg", "audio/wave", "audio/ogg", "audio/x-audio"):
        return {"inputs": bytes(content)}
    raise errors.UnsupportedFormatError(content_type)


def encode(content, accept):
    """decoder_encoder.py:102-150 and 214-222: compact JSON, CSV, NPY."""
    from sagemaker_inference import errors
    if accept == base.JSON:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None, cls=_JSONEncoder,
                          separators=(",", ":"))
    if accept == base.CSV:
        stream = io.StringIO()
        rows = content if isinstance(content, list) else [content]
        if rows and isinstance(rows[0], dict):
            writer = csv.DictWriter(stream, fieldnames=list(rows[0].keys()))
            writer.writeheader()
            writer.writerows(rows)
        else:
            csv.writer(stream).writerows(rows)
        return stream.getvalue()
    if accept == base.NPY:
        import numpy as np
        buffer = io.BytesIO()
        np.save(buffer, np.asarray(content))
        return buffer.getvalue()
    raise errors.UnsupportedFormatError(accept)


class HuggingFacePersonality(ToolkitPersonality):
    container = "Hugging Face container"

    def load(self):
        from sagemaker_inference import environment
        self.environment = environment.Environment()
        self.context = Context("model", self.model_dir, {"model": {"modelName": "model"}}, 1, None,
                               self.server_name, self.server_version)
        self.load_fn, self.preprocess, self.predict, self.postprocess = (
            self.default_load, self.default_preprocess, self.default_predict, self.default_postprocess)
        self.transform_fn = self.default_transform_fn
        self.extra = {}
        self.validate_and_initialize_user_module()
        self.stage = "model_fn" if self.load_fn != self.default_load else "the pipeline"
        self.model = self.load_fn(*([self.model_dir] + self.extra.get("load", [])))
        self.stage = None

    def validate_and_initialize_user_module(self):
        """handler_service.py:281-334."""
        name = self.environment.module_name
        if not (name and base.find_spec(name)):
            return
        module = base.import_user_module(name)
        fns = {key: getattr(module, key, None)
               for key in ("model_fn", "input_fn", "predict_fn", "output_fn", "transform_fn")}
        if fns["transform_fn"] and (fns["input_fn"] or fns["predict_fn"] or fns["output_fn"]):
            raise base.StartupRefusal(
                "ValueError: Cannot use transform_fn implementation in conjunction with input_fn, predict_fn, and/or "
                "output_fn implementation",
                "The Hugging Face container refuses a script that defines transform_fn together with input_fn, "
                "predict_fn or output_fn.")
        for key, attribute, slot, default in (("model_fn", "load_fn", "load", self.default_load),
                                              ("input_fn", "preprocess", "preprocess", self.default_preprocess),
                                              ("predict_fn", "predict", "predict", self.default_predict),
                                              ("output_fn", "postprocess", "postprocess", self.default_postprocess),
                                              ("transform_fn", "transform_fn", "transform_fn",
                                               self.default_transform_fn)):
            if fns[key] is not None:
                self.extra[slot] = self.function_extra_arg(default, fns[key])
                setattr(self, attribute, fns[key])

    def function_extra_arg(self, default_func, func):
        """handler_service.py:346-371: one argument more than the default's (context last) gets the context."""
        default_count = len(inspect.signature(default_func).parameters)
        count = len(inspect.signature(func).parameters)
        if default_count == count:
            return [self.context]
        if default_count == count + 1:
            return []
        raise TypeError("{} definition takes {} or {} arguments but {} were given.".format(
            func.__name__, default_count - 1, default_count, count))

    def default_load(self, model_dir, context=None):
        """handler_service.py:108-134."""
        files = os.listdir(model_dir)
        if "HF_TASK" in os.environ:
            task = os.environ["HF_TASK"]
        elif "config.json" in files:
            with open(os.path.join(model_dir, "config.json")) as f:
                architecture = json.load(f).get("architectures", [None])[0]
            task = next((t for suffix, t in ARCHITECTURES_2_TASK.items() if architecture and
                         architecture.endswith(suffix)), None)
            if task is None:
                raise base.StartupRefusal(
                    "ValueError: Task couldn't be inferenced from {}.".format(architecture),
                    "The Hugging Face container infers the task from config.json's architecture only for "
                    "known suffixes; set HF_TASK in the Model's environment.")
        elif "model_index.json" in files:
            task = "text-to-image"
        else:
            raise base.StartupRefusal(
                "ValueError: You need to define one of the transformers pipeline tasks or text-to-image as env "
                "'HF_TASK'.",
                "With neither HF_TASK nor a config.json in the model, the Hugging Face container cannot choose a "
                "pipeline.")
        from transformers import pipeline
        kwargs = {"feature_extractor": model_dir} if task in FEATURE_EXTRACTOR_TASKS else {"tokenizer": model_dir}
        return pipeline(task=task, model=model_dir, device=-1, **kwargs)

    def default_preprocess(self, input_data, content_type, context=None):
        task = os.environ.get("HF_TASK")
        if task in ("zero-shot-classification", "table-question-answering") and content_type == base.CSV:
            raise PredictionException("content type {} not support with {}, use different content_type".format(
                content_type, task), 400)
        return decode(input_data, content_type)

    def default_predict(self, data, model, context=None):
        inputs = data.pop("inputs", data)
        parameters = data.pop("parameters", None)
        return model(inputs, **parameters) if parameters is not None else model(inputs)

    def default_postprocess(self, prediction, accept, context=None):
        return encode(prediction, accept)

    def default_transform_fn(self, model, input_data, content_type, accept, context=None):
        data = self.preprocess(*([input_data, content_type] + self.extra.get("preprocess", [])))
        predictions = self.predict(*([data, model] + self.extra.get("predict", [])))
        return self.postprocess(*([predictions, accept] + self.extra.get("postprocess", [])))

    def invoke(self, request):
        """handler_service.py:234-279: Accept '*/*' or none is JSON (not the default-accept variable)."""
        from sagemaker_inference import utils
        self.context.begin(request)
        content_type = accept = None
        try:
            properties = self.context.get_all_request_header(0)
            content_type = utils.retrieve_content_type_header(properties)
            accept = properties.get("Accept") or properties.get("accept")
            if not accept or accept == base.ANY:
                accept = base.JSON
            body = request.body
            if content_type in (base.JSON, base.CSV):
                body = body.decode("utf-8")
            response = self.transform_fn(*([self.model, body, content_type, accept] + self.extra.get(
                "transform_fn", [])))
            self.context.set_response_content_type(0, accept)
            return self.reply(response)
        except Exception as e:
            traceback.print_exc(file=sys.stderr)
            return base.Reply(400, base.model_server_error(400, str(e)), "application/json",
                              explanation=self.explain(e, request, content_type, accept))

    def explain(self, error, request, content_type, accept):
        from sagemaker_inference.errors import UnsupportedFormatError
        if isinstance(error, UnsupportedFormatError):
            return ("The Hugging Face container matches content and Accept types exactly and knows JSON, CSV (with a "
                    "header row), NPY, images and audio; it answers 400 for anything else.")
        if isinstance(error, json.JSONDecodeError):
            return "The Hugging Face container parses an application/json body with json.loads."
        return base.explain_exception(error, self.container)


PERSONALITY = HuggingFacePersonality
