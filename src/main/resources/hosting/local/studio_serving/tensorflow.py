"""The TensorFlow Serving container: nginx and its njs script in front of TensorFlow Serving's REST
API, and, when code/inference.py exists, a Python service calling the script's handler, or its
input_handler and output_handler around a REST call. Sources:
aws/sagemaker-tensorflow-serving-container docker/build_artifacts/sagemaker/python_service.py,
tensorflowServing.js, tfs_utils.py and serve.py. TensorFlow Serving itself is played by
studio_serving.tfs, which loads the SavedModel with tensorflow.
"""
import io
import json
import os
import re
import sys
import traceback
from collections import namedtuple

from studio_serving import base, tfs

CUSTOM_ATTRIBUTES_HEADER = "X-Amzn-SageMaker-Custom-Attributes"

# tfs_utils.py:34-38
Context = namedtuple("Context", "model_name, model_version, method, rest_uri, grpc_port, channel, "
                                "custom_attributes, request_content_type, accept_header, content_length")


def find_models(model_dir):
    """tfs_utils.py:136-163: folders holding <version digits>/saved_model.pb."""
    models = []
    for root, _, files in sorted(os.walk(model_dir)):
        if "saved_model.pb" in files and re.match(r"^\d+$", os.path.basename(root)):
            path = os.path.dirname(root)
            if path not in models:
                models.append(path)
    return models


class TensorFlowPersonality(object):
    container = "TensorFlow Serving container"

    def __init__(self, model_dir):
        self.model_dir = model_dir

    @classmethod
    def workers(cls, model_dir):
        return base.env_int("SAGEMAKER_GUNICORN_WORKERS", 1)  # serve.py:52

    @classmethod
    def timeout(cls, model_dir):
        # serve.py:67-83: with a script, gunicorn's timeout ends the request; without one, nginx's
        # proxy_read_timeout (never below gunicorn's) does
        gunicorn = base.env_int("SAGEMAKER_GUNICORN_TIMEOUT_SECONDS", 30)
        if os.path.exists(os.path.join(model_dir, "code", "inference.py")):
            return gunicorn
        return max(gunicorn, base.env_int("SAGEMAKER_NGINX_PROXY_READ_TIMEOUT_SECONDS", 60))

    @classmethod
    def timeout_reply(cls, seconds):
        return base.Reply(504, base.nginx_page(504, "Gateway Time-out"), "text/html",
                          explanation="The handler ran longer than the container's timeout ({:g} s, "
                                      "SAGEMAKER_GUNICORN_TIMEOUT_SECONDS); the worker was replaced.".format(seconds))

    @classmethod
    def died_reply(cls):
        return base.Reply(502, base.nginx_page(502, "Bad Gateway"), "text/html",
                          explanation="The Python service's worker exited; gunicorn started a new one.")

    def load(self):
        self.handlers = None
        script = os.path.join(self.model_dir, "code", "inference.py")
        if os.path.exists(script):  # python_service.py:80-87: the fixed path, SAGEMAKER_PROGRAM is not read
            self.handlers = self.import_handlers(script)
        models = find_models(self.model_dir)
        if not models:
            raise base.StartupRefusal(
                "ValueError: no SavedModel bundles found!",
                "The TensorFlow Serving container looks for <version number>/saved_model.pb (e.g. 1/saved_model.pb) "
                "under the model folder.")
        name = os.environ.get("SAGEMAKER_TFS_DEFAULT_MODEL_NAME", "None")
        if name == "None":
            name = os.path.basename(models[0]) or "model"  # serve.py:155-159
        self.default_model_name = name
        self.server = tfs.start({os.path.basename(path) or name: path for path in models}, name)

    def import_handlers(self, script):
        """python_service.py:279-305: handler, or input_handler and output_handler."""
        inference = base.load_script(script, "inference")
        if hasattr(inference, "handler"):
            return inference.handler
        if hasattr(inference, "input_handler") and hasattr(inference, "output_handler"):
            input_handler, output_handler = inference.input_handler, inference.output_handler

            def handler(data, context):
                import requests
                processed_input = input_handler(data, context)
                response = requests.post(context.rest_uri, data=processed_input)
                return output_handler(response, context)

            return handler
        raise base.StartupRefusal(
            "NotImplementedError: Handlers are not implemented correctly in user script.",
            "The TensorFlow Serving container's code/inference.py must define handler(data, context), or both "
            "input_handler(data, context) and output_handler(response, context); model_fn and the other *_fn "
            "functions belong to the other framework containers.")

    # ---- a request ----------------------------------------------------------------------------

    def attributes(self, request):
        """tfs_utils.py:79-85: tfs-model-name, tfs-model-version and tfs-method from the custom attributes."""
        header = request.get(CUSTOM_ATTRIBUTES_HEADER)
        if not header:
            return {}
        return dict(attribute.split("=") for attribute in re.findall(r"(tfs-[a-z\-]+=[^,]+)", header))

    def rest_uri(self, attributes):
        """tfs_utils.py:65-76."""
        uri = "http://localhost:{}/v1/models/{}".format(self.server.port, attributes.get(
            "tfs-model-name", self.default_model_name))
        if attributes.get("tfs-model-version"):
            uri += "/versions/" + attributes["tfs-model-version"]
        return uri + ":" + attributes.get("tfs-method", "predict")

    def invoke(self, request):
        if self.handlers is None:
            return self.without_script(request)
        attributes = self.attributes(request)
        context = Context(attributes.get("tfs-model-name"), attributes.get("tfs-model-version"),
                          attributes.get("tfs-method"), self.rest_uri(attributes), None, None,
                          request.get(CUSTOM_ATTRIBUTES_HEADER), request.get("Content-Type") or base.JSON,
                          request.get("Accept") or base.JSON, len(request.body))
        try:
            body, content_type = self.handlers(io.BytesIO(request.body), context)  # python_service.py:265-272
            return base.Reply(200, base.as_bytes(body), content_type)
        except Exception as e:
            traceback.print_exc(file=sys.stderr)
            return base.Reply(500, json.dumps({"error": str(e)}), base.JSON,
                              explanation=base.explain_exception(e, self.container))

    def without_script(self, request):
        """tensorflowServing.js:4-14 and 140-236: JSON and CSV become TensorFlow Serving requests."""
        content_type = request.get("Content-Type")
        text = request.body.decode("utf-8", errors="replace")
        if content_type in (base.JSON, "application/jsonlines", "application/jsons"):
            if re.search(r'"(instances|inputs|examples)"\s*:', text):
                payload = text
            elif re.search(r"[}\]]\s*[\[{]", text):
                lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
                payload = '{"instances":' + ("" if len(lines) == 1 else "[") + ",".join(lines) + \
                          ("}" if len(lines) == 1 else "]}")
            else:
                data = text if re.match(r"^\s*\[\s*\[", text) else "[" + text + "]"
                payload = '{"instances":' + data + "}"
        elif content_type == base.CSV:
            payload = self.csv_payload(text)
        else:
            explanation = None
            if content_type and content_type.split(";")[0].strip() in (base.JSON, base.CSV):
                explanation = ("The TensorFlow Serving container compares the content type exactly, so '{}' is not "
                               "'{}'.".format(content_type, content_type.split(";")[0].strip()))
            return base.Reply(415, '{"error": "Unsupported Media Type: ' + (content_type or "Unknown") + '"}',
                              base.JSON, explanation=explanation)
        attributes = self.attributes(request)
        status, body = self.server.call(self.rest_uri(attributes), payload)
        reply_type = base.JSON  # nginx.conf.template: default_type application/json
        accept = request.get("Accept")
        if accept is not None:
            types = accept.strip().replace(" ", "", 1).split(",")
            if "application/jsonlines" in types or base.JSON in types:
                body = body.replace("\n", "")
                reply_type = types[0]
        if status == 400:
            body = body.replace("\\'instances\\'", "'instances'")
        return base.Reply(status, body, reply_type)

    @staticmethod
    def csv_payload(text):
        needs_quotes = re.search(r'^\s*("|[\d.Ee+\-]+.*)', text) is None
        rows = []
        for line in (line.strip() for line in text.strip().splitlines()):
            if not line:
                continue
            multiple = "," in line
            value = '"' + line.replace('"', '\\"').replace(",", '","') + '"' if needs_quotes else line
            rows.append("[" + value + "]" if multiple else value)
        return '{"instances":[' + ",".join(rows) + "]}"


PERSONALITY = TensorFlowPersonality
