"""{{LIBRARY}}: the model folder holds model.pkl, an object with a predict method (pickled with
{{LIBRARY}}'s classes importable); rows come as CSV or a JSON list of lists. Replace load and predict
with {{LIBRARY}}'s own loading and scoring when it has them."""
import io
import json
import os
import pickle

import numpy as np

CONTENT_TYPES = ["text/csv", "application/json"]


def load(model_dir):
    with open(os.path.join(model_dir, "model.pkl"), "rb") as handle:
        return pickle.load(handle)


def predict(model, body, content_type):
    if content_type == "text/csv":
        rows = np.loadtxt(io.StringIO(body.decode("utf-8")), delimiter=",", ndmin=2)
    else:
        rows = np.array(json.loads(body), ndmin=2)
    return json.dumps(np.asarray(model.predict(rows)).tolist())
