"""Pre- and post-processing for the SageMaker TensorFlow Serving container.

TensorFlow Serving itself loads the SavedModel from the numbered folder (1/, 2/, ...).
This script only shapes requests before they reach it and responses after: define
input_handler and output_handler (or a single handler).
"""
import json


def input_handler(data, context):
    """Turns the request into the REST body TensorFlow Serving expects ({"instances": ...})."""
    if context.request_content_type == "application/json":
        body = data.read().decode("utf-8")
        payload = json.loads(body) if body else []
        if isinstance(payload, dict) and ("instances" in payload or "inputs" in payload):
            return json.dumps(payload)
        return json.dumps({"instances": payload})
    if context.request_content_type == "text/csv":
        rows = [[float(x) for x in line.split(",")] for line in data.read().decode("utf-8").splitlines() if line]
        return json.dumps({"instances": rows})
    raise ValueError(f"Unsupported content type: {context.request_content_type}")


def output_handler(response, context):
    """Passes TensorFlow Serving's answer back, or raises its error message."""
    if response.status_code != 200:
        raise ValueError(response.content.decode("utf-8"))
    return response.content, context.accept_header
