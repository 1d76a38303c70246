# An entry point not named inference.py, a CSV reader over the str body, the legacy stack's
# Response and encoders, and a variable from the Model's environment.
import csv
import io
import json
import os

import joblib
import numpy as np
from sagemaker_containers.beta.framework import encoders, worker


def model_fn(model_dir):
    return joblib.load(os.path.join(model_dir, "model.joblib"))


def input_fn(request_body, request_content_type):
    if request_content_type == "text/csv":
        rows = [[float(v) for v in row] for row in csv.reader(io.StringIO(request_body))]
        return np.array(rows)
    if request_content_type == "application/octet-stream":
        return {"body": type(request_body).__name__}
    raise ValueError("unsupported content type " + request_content_type)


def predict_fn(input_data, model):
    if isinstance(input_data, dict):
        return input_data
    return model.predict_proba(input_data)[:, 0]


def output_fn(prediction, accept):
    if isinstance(prediction, dict):
        return worker.Response(json.dumps(prediction), mimetype="application/json")
    threshold = float(os.environ["SETOSA_THRESHOLD"])
    return worker.Response(encoders.encode((prediction > threshold).astype(int), accept), mimetype=accept)
