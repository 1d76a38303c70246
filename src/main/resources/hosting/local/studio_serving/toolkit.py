"""The SageMaker inference toolkit behind a Java model server (Multi Model Server or TorchServe):
the generic personality for custom images, and the base of the PyTorch, MXNet and Hugging Face
ones. Source: aws/sagemaker-inference-toolkit, src/sagemaker_inference/transformer.py.
"""
import inspect
import json
import sys
import traceback

from studio_serving import base
from studio_serving.context import Context


class ToolkitPersonality(object):
    container = "SageMaker inference toolkit"
    server_name = "Multi Model Server"
    server_version = "1.1.11"

    def __init__(self, model_dir):
        self.model_dir = model_dir
        self.context = None
        self.model = None
        self.decoded = None  # what the default input_fn made of the current request
        self.json_object = False

    # ---- settings the front process reads before any worker starts ------------------------

    @classmethod
    def workers(cls, model_dir):
        # default_workers_per_model is only written when SAGEMAKER_MODEL_SERVER_WORKERS is set
        # (model_server.py:158-181); the model server then starts one worker per CPU.
        return base.env_int("SAGEMAKER_MODEL_SERVER_WORKERS", base.cpu_count())

    @classmethod
    def timeout(cls, model_dir):
        # environment.py:73-80: SAGEMAKER_MODEL_SERVER_TIMEOUT (60 s), or the _SECONDS variant
        seconds = base.env_int("SAGEMAKER_MODEL_SERVER_TIMEOUT_SECONDS", 0)
        return seconds or base.env_int("SAGEMAKER_MODEL_SERVER_TIMEOUT", 60)

    @classmethod
    def timeout_reply(cls, seconds):
        return base.Reply(500, base.model_server_error(500, "Worker died."), "application/json",
                          explanation="The handler ran longer than the model server's response timeout ({:g} s, "
                                      "SAGEMAKER_MODEL_SERVER_TIMEOUT); {} stopped that worker and started a new "
                                      "one.".format(seconds, cls.server_name))

    @classmethod
    def died_reply(cls):
        return base.Reply(500, base.model_server_error(500, "Worker died."), "application/json",
                          explanation="The worker process serving this request exited; {} started a new "
                                      "one.".format(cls.server_name))

    # ---- loading ------------------------------------------------------------------------------

    def default_handler(self):
        from sagemaker_inference.default_inference_handler import DefaultInferenceHandler
        return DefaultInferenceHandler()

    def load(self):
        from sagemaker_inference import environment
        self.environment = environment.Environment()
        self.context = Context("model", self.model_dir, {"model": {"modelName": "model"}}, 1, None,
                               self.server_name, self.server_version)
        self._select_handlers()
        self.stage = "model_fn"
        self.model = self._run(self._model_fn, self.model_dir)
        self.stage = None

    def _select_handlers(self):
        """transformer.py:191-239: the script's functions where defined, else the defaults; the
        script is found on sys.path by its module name (SAGEMAKER_PROGRAM without .py)."""
        defaults = self.default_handler()
        name = self.environment.module_name
        self.user_module = None
        if name and base.find_spec(name) is not None:
            self.user_module = base.import_user_module(name)
        module = self.user_module
        self._model_fn = getattr(module, "model_fn", None) or defaults.default_model_fn
        transform_fn = getattr(module, "transform_fn", None)
        input_fn = getattr(module, "input_fn", None)
        predict_fn = getattr(module, "predict_fn", None)
        output_fn = getattr(module, "output_fn", None)
        if transform_fn and (input_fn or predict_fn or output_fn):
            # transformer.py:219-223
            raise base.StartupRefusal(
                "ValueError: Cannot use transform_fn implementation in conjunction with input_fn, predict_fn, "
                "and/or output_fn implementation",
                "The {} refuses a script that defines transform_fn together with input_fn, predict_fn or output_fn; "
                "keep one of the two styles.".format(self.container))
        self.user_defined = {"input_fn": bool(input_fn), "predict_fn": bool(predict_fn),
                             "output_fn": bool(output_fn), "transform_fn": bool(transform_fn),
                             "model_fn": bool(getattr(module, "model_fn", None))}
        self._transform_fn = transform_fn or self._default_transform_fn
        self._input_fn = input_fn or self._observed(defaults.default_input_fn)
        self._predict_fn = predict_fn or defaults.default_predict_fn
        self._output_fn = output_fn or defaults.default_output_fn

    def _observed(self, default_input_fn):
        def input_fn(input_data, content_type):
            self.decoded = default_input_fn(input_data, content_type)
            return self.decoded
        return input_fn

    def _run(self, func, *argv):
        """transformer.py:264-282: the context is appended when the function takes one more argument."""
        count = len(inspect.signature(func).parameters)
        if count == len(argv):
            return func(*argv)
        if count == len(argv) + 1:
            return func(*(argv + (self.context,)))
        raise TypeError("{} takes {} arguments but {} were given.".format(func.__name__, count, len(argv)))

    def _default_transform_fn(self, model, input_data, content_type, accept, context=None):
        data = self._run(self._input_fn, input_data, content_type)
        prediction = self._run(self._predict_fn, data, model)
        if base.streams(prediction) and not self.user_defined["output_fn"]:
            # A generator from predict_fn answers in parts, as TorchServe's intermediate responses
            # do; the default output_fn could not encode it.
            return prediction, accept if accept not in ("", base.ANY, base.JSON) else "text/plain"
        return self._run(self._output_fn, prediction, accept)

    # ---- a request ----------------------------------------------------------------------------

    def read_request(self, request):
        """transformer.py:127-140: the content type by the toolkit's header regex, the Accept header
        ('*/*' or none means SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT), JSON and CSV bodies as str."""
        from sagemaker_inference import content_types, utils
        properties = self.context.get_all_request_header(0)
        content_type = utils.retrieve_content_type_header(properties)
        accept = properties.get("Accept") or properties.get("accept")
        if not accept or accept == content_types.ANY:
            accept = self.environment.default_accept
        body = request.body
        if content_type in content_types.UTF8_TYPES:
            body = body.decode("utf-8")
        self.json_object = content_type == content_types.JSON and body.lstrip()[:1] == "{"
        return body, content_type, accept

    def invoke(self, request):
        self.context.begin(request)
        self.decoded = None
        content_type = None
        accept = None
        try:
            body, content_type, accept = self.read_request(request)
            result = self._run(self._transform_fn, self.model, body, content_type, accept)
            response, response_type = result, accept
            if isinstance(result, tuple):
                response, response_type = result[0], result[1]
            self.context.set_response_content_type(0, response_type)
            return self.reply(response)
        except Exception as e:  # transformer.py:158-167: every failure becomes the error response
            from sagemaker_inference.errors import BaseInferenceToolkitError
            trace = traceback.format_exc()
            print(trace, file=sys.stderr, flush=True)
            if isinstance(e, BaseInferenceToolkitError):
                status, message = e.status_code, e.message
            else:
                status, message = 500, str(e)
            return base.Reply(status, "{}\n{}".format(message, trace), "text/plain",
                              explanation=self.explain(e, request, content_type, accept))

    def reply(self, response):
        status, _ = self.context.get_response_status(0)
        headers = dict(self.context.get_response_headers(0))
        content_type = headers.pop("content-type", None)
        if base.streams(response):
            return base.Reply(status, b"", content_type, headers, parts=response)
        if isinstance(response, (str, bytes, bytearray)):
            body = base.as_bytes(response)
        else:
            body = json.dumps(response, indent=2).encode("utf-8")
        return base.Reply(status, body, content_type, headers)

    # ---- why --------------------------------------------------------------------------------

    def explain(self, error, request, content_type, accept):
        from sagemaker_inference.errors import UnsupportedFormatError
        if isinstance(error, UnsupportedFormatError):
            return self.explain_format(error.content_type, content_type, accept)
        if isinstance(error, NotImplementedError) and "predict_fn" in str(error):
            return "The {} has no default predict_fn; define predict_fn in the script.".format(self.container)
        sentence = self.explain_instances() or self.explain_decoded(error)
        return sentence or base.explain_exception(error, self.container)

    def explain_instances(self):
        decoded = self.decoded
        if not self.json_object or self.user_defined["input_fn"]:
            return None
        if decoded is None or getattr(decoded, "ndim", 1) == 0 or getattr(decoded, "dim", lambda: 1)() == 0:
            return ("The {}'s default input_fn turns JSON into an array as it is, so an object such as "
                    "{{\"instances\": ...}} (TensorFlow Serving's format) is not rows; send the rows themselves, "
                    "e.g. [[...]].").format(self.container)
        return None

    def explain_format(self, refused, content_type, accept):
        if refused == content_type:
            if base.with_parameters(content_type):
                return ("The {} looks its decoders up by the exact content type, so '{}' is not '{}'; send the type "
                        "without parameters.").format(self.container, content_type, content_type.split(";")[0].strip())
            return ("The {}'s default input_fn decodes only {}; define input_fn in the script to read "
                    "'{}'.").format(self.container, self.decodable(), content_type)
        if ";" in (refused or ""):
            return ("The {} compares Accept types exactly, parameters included ('{}'); ask for application/json, "
                    "text/csv or application/x-npy.").format(self.container, refused)
        return ("The {}'s default output_fn encodes only application/json, text/csv and application/x-npy; "
                "'{}' needs an output_fn in the script.").format(self.container, refused)

    def decodable(self):
        return "application/json, text/csv, application/x-npy and application/x-npz"

    def explain_decoded(self, error):
        """A prediction that failed on what the default decoder made of the body."""
        decoded = self.decoded
        if decoded is None or not hasattr(decoded, "ndim"):
            return None
        if decoded.ndim == 0 and getattr(decoded, "dtype", None) is not None and decoded.dtype == object:
            return ("The {}'s default input_fn turns JSON into a NumPy array as it is, so an object such as "
                    "{{\"instances\": ...}} (TensorFlow Serving's format) is not rows; send the rows themselves, "
                    "e.g. [[...]].").format(self.container)
        if decoded.ndim == 1:
            return ("The {}'s default input_fn decodes a single CSV row (or a flat JSON list) as a 1-D array; send "
                    "two dimensions, e.g. [[...]] as JSON.").format(self.container)
        return None


PERSONALITY = ToolkitPersonality
