"""Handlers the SageMaker XGBoost container calls for this model.

Without this file the container loads /opt/ml/model/xgboost-model and accepts CSV and
LibSVM. With it, model_fn decides how the booster is loaded and the other functions
shape requests and responses.
"""
import json
import os

import numpy as np
import xgboost as xgb


def model_fn(model_dir):
    """Loads the booster once, when the container starts."""
    booster = xgb.Booster()
    booster.load_model(os.path.join(model_dir, "xgboost-model"))
    return booster


def input_fn(request_body, content_type):
    """Parses the request into a DMatrix: one row per sample."""
    if content_type == "application/json":
        return xgb.DMatrix(np.array(json.loads(request_body), ndmin=2))
    if content_type == "text/csv":
        text = request_body.decode() if isinstance(request_body, bytes) else request_body
        return xgb.DMatrix(np.loadtxt(text.splitlines(), delimiter=",", ndmin=2))
    raise ValueError(f"Unsupported content type: {content_type}")


def predict_fn(data, model):
    return model.predict(data)


def output_fn(prediction, accept):
    if accept in ("application/json", "*/*"):
        return json.dumps(prediction.tolist())
    if accept == "text/csv":
        return "\n".join(str(value) for value in prediction)
    raise ValueError(f"Unsupported accept type: {accept}")
