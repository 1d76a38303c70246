"""Handlers the SageMaker PyTorch container calls for this model.

The container imports this file from /opt/ml/model/code/ and calls, for each request:
    input_fn -> predict_fn -> output_fn
after calling model_fn once at start-up. Leave out any of the last three to get the
container's default (JSON, CSV and NPY in and out).
"""
import json
import os

import torch

DEVICE = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def model_fn(model_dir):
    """Loads the model once, when the container starts. model_dir is /opt/ml/model."""
    path = os.path.join(model_dir, "model.pth")
    try:
        model = torch.jit.load(path, map_location=DEVICE)  # TorchScript
    except RuntimeError:
        model = torch.load(path, map_location=DEVICE, weights_only=False)  # a whole pickled nn.Module
    model.eval()
    return model


def input_fn(request_body, content_type):
    """Turns the request body into a tensor. Raise ValueError for types you don't accept."""
    if content_type == "application/json":
        return torch.tensor(json.loads(request_body), dtype=torch.float32)
    raise ValueError(f"Unsupported content type: {content_type}")


def predict_fn(data, model):
    """Runs the model without tracking gradients."""
    with torch.no_grad():
        return model(data.to(DEVICE))


def output_fn(prediction, accept):
    """Turns the prediction into the response body in the type the caller asked for."""
    if accept in ("application/json", "*/*"):
        return json.dumps(prediction.cpu().tolist())
    raise ValueError(f"Unsupported accept type: {accept}")
