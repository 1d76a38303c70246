"""The legacy serving stack of the scikit-learn and XGBoost containers: nginx in front of
gunicorn running a Flask app from sagemaker-containers, which loads the script named by
SAGEMAKER_PROGRAM. Sources: aws/sagemaker-containers src/sagemaker_containers/_transformer.py,
_worker.py, _server.py, _env.py; aws/sagemaker-scikit-learn-container
src/sagemaker_sklearn_container/serving.py.
"""
import importlib
import json
import os
import sys
import traceback

from studio_serving import base

HTML = "text/html; charset=utf-8"


class Wrapped(Exception):
    """_functions.error_wrapper (_functions.py:80-97) re-raises whatever a handler raised as the
    container's ClientError; the original is kept to explain it."""

    def __init__(self, original):
        super().__init__(original)
        self.original = original


def wrap(fn):
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as e:
            raise Wrapped(e) from e
    wrapper.__name__ = getattr(fn, "__name__", "handler")
    return wrapper


class LegacyPersonality(object):
    container = "scikit-learn container"
    server_name = "gunicorn"

    def __init__(self, model_dir):
        self.model_dir = model_dir
        self.decoded = None
        self.json_object = False
        self.user_input_fn = False
        self.model = None
        self.module = None

    @classmethod
    def workers(cls, model_dir):
        # _env.py:901: SAGEMAKER_MODEL_SERVER_WORKERS, else one gunicorn worker per CPU
        return base.env_int("SAGEMAKER_MODEL_SERVER_WORKERS", base.cpu_count())

    @classmethod
    def timeout(cls, model_dir):
        # _env.py:900 and _server.py:90-108: gunicorn --timeout, and nginx's proxy_read_timeout
        return base.env_int("SAGEMAKER_MODEL_SERVER_TIMEOUT", 60)

    @classmethod
    def timeout_reply(cls, seconds):
        return base.Reply(504, base.nginx_page(504, "Gateway Time-out"), "text/html",
                          explanation="The handler ran longer than SAGEMAKER_MODEL_SERVER_TIMEOUT ({:g} s): nginx gave "
                                      "up on it and gunicorn replaced the worker.".format(seconds))

    @classmethod
    def died_reply(cls):
        return base.Reply(502, base.nginx_page(502, "Bad Gateway"), "text/html",
                          explanation="The gunicorn worker serving this request exited; gunicorn started a new one.")

    # ---- loading: serving.py main(), on the first request (the health check's) -------------

    def load(self):
        self.default_accept = os.environ.get("SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT", base.JSON)
        program = os.environ.get("SAGEMAKER_PROGRAM")
        module_name = program[:-3] if program and program.endswith(".py") else program
        if not module_name:
            # serving.py:134-147 imports env.ServingEnv().module_name, None without SAGEMAKER_PROGRAM
            raise base.StartupRefusal(
                "AttributeError: 'NoneType' object has no attribute 'startswith' (importing the user module)",
                "The {} imports the script named by SAGEMAKER_PROGRAM and fails every request, /ping included, "
                "without it; set SAGEMAKER_PROGRAM=inference.py in the Model's environment.".format(self.container))
        module = self.import_script(module_name)
        self.module = module
        self.transformer(module)
        self.stage = "model_fn"
        try:
            self.model = self._model_fn(self.model_dir)  # _transformer.py:175-185
        except Wrapped as e:
            raise e.original
        self.stage = None

    def import_script(self, module_name):
        if base.find_spec(module_name) is None:
            raise base.StartupRefusal(
                "ImportModuleError: No module named '{}'".format(module_name),
                "SAGEMAKER_PROGRAM names {}.py, which is not in the model's code/ folder.".format(module_name))
        return importlib.import_module(module_name)

    def transformer(self, module):
        """serving.py:90-108 and _transformer.py:126-173."""
        model_fn = getattr(module, "model_fn", None)
        input_fn = getattr(module, "input_fn", None)
        predict_fn = getattr(module, "predict_fn", None)
        output_fn = getattr(module, "output_fn", None)
        transform_fn = getattr(module, "transform_fn", None)
        if transform_fn and (input_fn or predict_fn or output_fn):
            raise base.StartupRefusal(
                "UserError: Cannot use transform_fn implementation with input_fn, predict_fn, and/or output_fn",
                "The {} refuses a script that defines transform_fn together with input_fn, predict_fn or output_fn; "
                "keep one of the two styles.".format(self.container))
        if model_fn is None:
            raise base.StartupRefusal(
                "NotImplementedError: Please provide a model_fn implementation. See documentation for model_fn at "
                "https://github.com/aws/sagemaker-python-sdk",
                "The {} has no default model_fn: the script must define model_fn(model_dir).".format(self.container))
        self._model_fn = wrap(model_fn)
        if transform_fn is not None:
            self._transform_fn = wrap(transform_fn)
        else:
            self._transform_fn = self._default_transform_fn
            self.user_input_fn = input_fn is not None
            self._input_fn = wrap(input_fn or self.observed_input_fn)
            self._predict_fn = wrap(predict_fn or self.default_predict_fn)
            self._output_fn = wrap(output_fn or self.default_output_fn)

    def observed_input_fn(self, input_data, content_type):
        self.decoded = self.default_input_fn(input_data, content_type)
        return self.decoded

    # ---- the container's defaults (overridden per container) ------------------------------

    def default_input_fn(self, input_data, content_type):
        """serving.py:48-62: the legacy decoders, float32 for JSON and CSV."""
        import numpy as np
        from sagemaker_containers import _content_types, _encoders
        np_array = _encoders.decode(input_data, content_type)
        return np_array.astype(np.float32) if content_type in _content_types.UTF8_TYPES else np_array

    def default_predict_fn(self, input_data, model):
        return model.predict(input_data)  # serving.py:65-73

    def default_output_fn(self, prediction, accept):
        from sagemaker_containers import _encoders, _worker
        return _worker.Response(_encoders.encode(prediction, accept), mimetype=accept)  # serving.py:76-87

    # ---- a request: _transformer.py:187-249 -------------------------------------------------

    def read_request(self, request):
        """_worker.py:176-216: ContentType or Content-Type (else JSON); Accept, with none or '*/*'
        meaning SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT; JSON and CSV bodies as str."""
        content_type = request.get("ContentType") or request.get("Content-Type") or base.JSON
        accept = request.get("Accept")
        if not accept or accept == base.ANY:
            accept = self.default_accept
        content = request.body
        if content_type in (base.JSON, base.CSV):
            content = content.decode("utf-8")
        self.json_object = content_type == base.JSON and isinstance(content, str) and content.lstrip()[:1] == "{"
        return content, content_type, accept

    def _default_transform_fn(self, model, content, content_type, accept):
        from sagemaker_containers import _errors
        try:
            data = self._input_fn(content, content_type)
        except _errors.UnsupportedFormatError as e:  # unreachable once wrapped, as in the container
            return self._error_response(e, 415)
        prediction = self._predict_fn(data, model)
        try:
            return self._output_fn(prediction, accept)
        except _errors.UnsupportedFormatError as e:
            return self._error_response(e, 406)

    def _error_response(self, error, status):
        from sagemaker_containers import _worker
        body = json.dumps({"error": error.__class__.__name__, "error-message": str(error),
                           "stack-trace": traceback.format_exc()})
        return _worker.Response(response=body, status=status, mimetype=base.JSON)

    def invoke(self, request):
        self.decoded = None
        content_type = accept = None
        try:
            content, content_type, accept = self.read_request(request)
            result = self._transform_fn(self.model, content, content_type, accept)
            return self.flask_reply(result)
        except Exception as e:
            original = e.original if isinstance(e, Wrapped) else e
            print("Exception on /invocations [POST]\n" + traceback.format_exc(), file=sys.stderr, flush=True)
            return base.Reply(500, base.FLASK_500, HTML,
                              explanation=self.explain(original, content_type, accept))

    def flask_reply(self, result):
        """What Flask makes of the view's return value."""
        from sagemaker_containers import _worker
        if isinstance(result, tuple):
            result = _worker.Response(response=result[0], mimetype=result[1])  # _transformer.py:203-205
        if isinstance(result, _worker.Response):
            return base.Reply(result.status_code, result.get_data(), result.content_type, result.headers)
        if base.streams(result):
            return base.Reply(200, b"", HTML, parts=result)
        if isinstance(result, (dict, list)):
            return base.Reply(200, json.dumps(result) + "\n", base.JSON)
        if isinstance(result, (str, bytes, bytearray)):
            return base.Reply(200, base.as_bytes(result), HTML)
        raise TypeError("The view function did not return a valid response. The return type must be a string, "
                        "dict, list, tuple with headers or status, Response instance, or WSGI callable, but it was "
                        "a {}.".format(type(result).__name__))

    def execution_parameters(self):
        """A script's execution_parameters_fn answers GET /execution-parameters (scikit-learn container
        serving.py:111-128, sagemaker_containers _worker.py:107-112); without one the route does not exist."""
        fn = getattr(self.module, "execution_parameters_fn", None) if self.module is not None else None
        if fn is None:
            return None
        return self.flask_reply(fn())

    # ---- why ------------------------------------------------------------------------------

    def explain(self, error, content_type, accept):
        from sagemaker_containers import _errors
        if isinstance(error, _errors.UnsupportedFormatError):
            refused = error.content_type
            if refused == content_type and base.with_parameters(content_type):
                return ("The {} looks its decoders up by the exact content type, so '{}' is not '{}'; send it without "
                        "parameters.").format(self.container, content_type, content_type.split(";")[0].strip())
            if refused == content_type:
                return ("The {}'s default input_fn decodes only {}; define input_fn to read '{}'. It answers 500, "
                        "not 415.").format(self.container, self.decodable(), content_type)
            return ("The {}'s default output_fn encodes exactly application/json, text/csv or application/x-npy, and "
                    "'{}' is none of them; it answers 500, not 406.").format(self.container, refused)
        if isinstance(error, TypeError) and "required positional argument" in str(error):
            return ("The {} calls input_fn(input_data, content_type), predict_fn(input_data, model) and "
                    "output_fn(prediction, accept) with no context argument.").format(self.container)
        sentence = self.explain_decoded(error)
        return sentence or base.explain_exception(error, self.container)

    def decodable(self):
        return "application/json, text/csv and application/x-npy"

    def explain_decoded(self, error):
        decoded = self.decoded
        if decoded is None and self.json_object and not self.user_input_fn:
            return ("The {}'s default input_fn turns JSON into a NumPy array as it is, so an object such as "
                    "{{\"instances\": ...}} (TensorFlow Serving's format) is not rows; send the rows themselves, "
                    "e.g. [[...]].").format(self.container)
        if decoded is None or not hasattr(decoded, "ndim"):
            return None
        if decoded.ndim == 1:
            return ("The {} decodes one CSV row as a 1-D array (it squeezes the rows), which predict refuses; send "
                    "two dimensions, e.g. JSON [[...]].").format(self.container)
        if decoded.ndim == 0:
            return ("The {}'s default input_fn turns the body into a NumPy array as it is, so a JSON object such as "
                    "{{\"instances\": ...}} is not rows; send the rows themselves, e.g. [[...]].").format(self.container)
        return None


PERSONALITY = LegacyPersonality
