"""What every serving personality shares: the request and reply a worker exchanges with the
front process, start-up refusals, loading the user's script, and the sentences that explain a
strict answer.

A personality reproduces one SageMaker framework container: it loads the model as the
container does (or refuses to start where the container would fail its health check) and
turns a request into exactly the reply the container would give. Where a naive expectation
differs from the container's rule, the reply carries one sentence saying why
(Reply.explanation), which the studio shows beside SageMaker's answer.
"""
import importlib
import importlib.util
import json
import multiprocessing
import os
import sys

JSON = "application/json"
CSV = "text/csv"
NPY = "application/x-npy"
ANY = "*/*"


class Request(object):
    """One POST /invocations: headers keep their case for lookups that care (the toolkit's
    Content-Type regex), get() ignores it as HTTP does."""

    def __init__(self, headers, body):
        self.headers = list(headers)
        self.body = body

    def get(self, name, default=None):
        lower = name.lower()
        for key, value in self.headers:
            if key.lower() == lower:
                return value
        return default

    def exact(self, name):
        """A header looked up by its exact spelling, as Flask's headers.get does not care but a
        plain dict of request properties does."""
        for key, value in self.headers:
            if key == name:
                return value
        return None


class Reply(object):
    def __init__(self, status, body=b"", content_type=None, headers=None, explanation=None, parts=None):
        self.status = int(status)
        self.body = body.encode("utf-8") if isinstance(body, str) else (body or b"")
        self.content_type = content_type
        self.headers = dict(headers or {})
        self.explanation = explanation
        self.parts = parts


class StartupRefusal(Exception):
    """The container would not become healthy: SageMaker fails the endpoint's health check."""

    def __init__(self, message, explanation=None):
        super().__init__(message)
        self.explanation = explanation


def cpu_count():
    return multiprocessing.cpu_count()


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise StartupRefusal("{}={!r} is not a whole number".format(name, value),
                             "The container reads {} with int(), so anything else stops it at start.".format(name))


def code_dir(model_dir):
    return os.path.join(model_dir, "code")


def import_user_module(module_name):
    """importlib.import_module, as the toolkits do once the code folder is on sys.path."""
    return importlib.import_module(module_name)


def find_spec(module_name):
    try:
        return importlib.util.find_spec(module_name)
    except (ImportError, ValueError):
        return None


def load_script(path, name="inference"):
    """Executes a script file as a module (the TensorFlow Serving container's way)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def as_bytes(value):
    if value is None:
        return b""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, memoryview):
        return value.tobytes()
    return str(value).encode("utf-8")


def streams(result):
    """A generator (any iterator) answers in parts, e.g. the tokens of a language model."""
    return hasattr(result, "__next__")


# Werkzeug's page for an unhandled exception: what the Flask app of the legacy stack answers
# when a handler raises (sagemaker_containers/_worker.py:51-115 registers no error handler).
FLASK_500 = (
    "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n"
    "<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to "
    "complete your request. Either the server is overloaded or there is an error in the application.</p>\n")


def nginx_page(status, reason):
    """nginx's own error page, which the legacy stack and TensorFlow Serving's front answer with."""
    return ("<html>\r\n<head><title>{0} {1}</title></head>\r\n<body>\r\n<center><h1>{0} {1}</h1></center>\r\n"
            "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n").format(status, reason)


def model_server_error(status, message, kind="InternalServerException"):
    """The error body of the Java model servers (Multi Model Server, TorchServe)."""
    return json.dumps({"code": status, "type": kind, "message": message}, indent=2)


def with_parameters(media_type):
    return media_type is not None and ";" in media_type


def explain_exception(exc, container):
    """Sentences for the handler failures whose cause is a container rule rather than the script."""
    text = str(exc)
    if isinstance(exc, AttributeError) and "'str' object has no attribute 'decode'" in text:
        return ("The {} passes JSON and CSV bodies to input_fn as str (already decoded from UTF-8), "
                "and other content types as bytes.").format(container)
    if isinstance(exc, TypeError) and ("a bytes-like object is required, not 'str'" in text
                                       or "initial_value must be str" in text):
        return ("The {} passes JSON and CSV bodies to input_fn as str, other content types as bytes; "
                "this handler expected the other kind.").format(container)
    if isinstance(exc, ModuleNotFoundError):
        package = (exc.name or "?").split(".")[0]
        package = {"sklearn": "scikit-learn", "cv2": "opencv-python", "PIL": "Pillow", "yaml": "PyYAML"}.get(
            package, package)
        return ("The module '{}' is not installed in {}: install it with: {} -m pip install {}, or list it in "
                "code/requirements.txt, which the {} installs with pip when it starts.").format(
            exc.name, sys.executable, sys.executable, package, container)
    return None
