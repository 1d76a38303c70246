"""scikit-learn: the model folder holds model.joblib; rows come as CSV or a JSON list of lists and
each gets its prediction."""
import io
import json
import os

import joblib
import numpy as np

CONTENT_TYPES = ["text/csv", "application/json"]


def load(model_dir):
    return joblib.load(os.path.join(model_dir, "model.joblib"))


def predict(model, body, content_type):
    if content_type == "text/csv":
        rows = np.loadtxt(io.StringIO(body.decode("utf-8")), delimiter=",", ndmin=2)
    else:
        rows = np.array(json.loads(body), ndmin=2)
    return json.dumps(np.asarray(model.predict(rows)).tolist())
