# A PyTorch entry point named by SAGEMAKER_PROGRAM, reading the request's headers through the
# context, the Model's environment, and a handler that can hang or crash its worker.
import json
import os
import time

import torch
from sagemaker_inference import errors


def model_fn(model_dir):
    return torch.nn.Identity()


def input_fn(request_body, request_content_type, context):
    attributes = context.get_request_header(0, "X-Amzn-SageMaker-Custom-Attributes")
    data = json.loads(request_body) if request_content_type == "application/json" else {"raw": len(request_body)}
    return {"kind": type(request_body).__name__, "data": data, "attributes": attributes}


def predict_fn(data, model):
    command = data["data"].get("command")
    if command == "hang":
        time.sleep(120)
    if command == "exit":
        os._exit(7)
    if command == "reject":
        raise errors.GenericInferenceToolkitError(400, "rows must have four values")
    return data


def output_fn(prediction, accept):
    prediction["greeting"] = os.environ.get("GREETING")
    return json.dumps(prediction), "application/json"
