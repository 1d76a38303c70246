"""Handlers the SageMaker scikit-learn container calls for this model.

The container imports this file from /opt/ml/model/code/. model_fn is required (the
container has no default way to load a model); input_fn, predict_fn and output_fn are
optional and default to JSON / CSV / NPY handling and model.predict.
"""
import json
import os

import joblib
import numpy as np


def model_fn(model_dir):
    """Loads the model once, when the container starts. model_dir is /opt/ml/model."""
    return joblib.load(os.path.join(model_dir, "model.joblib"))


def input_fn(request_body, content_type):
    """Parses the request body into a 2-D array: one row per sample."""
    if content_type == "application/json":
        return np.array(json.loads(request_body), ndmin=2)
    if content_type == "text/csv":
        text = request_body.decode() if isinstance(request_body, bytes) else request_body
        return np.loadtxt(text.splitlines(), delimiter=",", ndmin=2)
    raise ValueError(f"Unsupported content type: {content_type}")


def predict_fn(data, model):
    """Calls the estimator; use predict_proba here for class probabilities."""
    return model.predict(data)


def output_fn(prediction, accept):
    """Serialises the prediction for the caller."""
    if accept in ("application/json", "*/*"):
        return json.dumps(np.asarray(prediction).tolist())
    if accept == "text/csv":
        return "\n".join(str(value) for value in np.asarray(prediction).ravel())
    raise ValueError(f"Unsupported accept type: {accept}")
