"""The serving environment, read from the variables SageMaker sets
(sagemaker_inference/environment.py:25-178)."""
import os

from sagemaker_inference import content_types, parameters

DEFAULT_MODULE_NAME = "inference.py"
DEFAULT_MODEL_SERVER_TIMEOUT = "60"
DEFAULT_STARTUP_TIMEOUT = "600"
DEFAULT_HTTP_PORT = "8080"

base_dir = os.environ.get(parameters.BASE_PATH_ENV, os.path.join("/opt", "ml"))
model_dir = os.environ.get("SAGEMAKER_MODEL_DIR") or os.path.join(base_dir, "model")
code_dir = os.path.join(model_dir, "code")


class Environment(object):
    def __init__(self):
        self._module_name = os.environ.get(parameters.USER_PROGRAM_ENV, DEFAULT_MODULE_NAME)
        self._model_server_timeout = int(
            os.environ.get(parameters.MODEL_SERVER_TIMEOUT_ENV, DEFAULT_MODEL_SERVER_TIMEOUT))
        seconds = os.environ.get(parameters.MODEL_SERVER_TIMEOUT_SECONDS_ENV)
        self._model_server_timeout_seconds = int(seconds) if seconds is not None else None
        self._model_server_workers = os.environ.get(parameters.MODEL_SERVER_WORKERS_ENV)
        self._startup_timeout = int(os.environ.get(parameters.STARTUP_TIMEOUT_ENV, DEFAULT_STARTUP_TIMEOUT))
        self._default_accept = os.environ.get(parameters.DEFAULT_INVOCATIONS_ACCEPT_ENV, content_types.JSON)
        self._inference_http_port = os.environ.get(parameters.BIND_TO_PORT_ENV, DEFAULT_HTTP_PORT)
        self._safe_port_range = os.environ.get(parameters.SAFE_PORT_RANGE_ENV)

    @staticmethod
    def _parse_module_name(program_param):
        if program_param and program_param.endswith(".py"):
            return program_param[:-3]
        return program_param

    @property
    def module_name(self):
        return self._parse_module_name(self._module_name)

    @property
    def model_server_timeout(self):
        return self._model_server_timeout

    @property
    def model_server_timeout_seconds(self):
        return self._model_server_timeout_seconds

    @property
    def model_server_workers(self):
        return self._model_server_workers

    @property
    def startup_timeout(self):
        return self._startup_timeout

    @property
    def default_accept(self):
        return self._default_accept

    @property
    def inference_http_port(self):
        return self._inference_http_port

    @property
    def safe_port_range(self):
        return self._safe_port_range
