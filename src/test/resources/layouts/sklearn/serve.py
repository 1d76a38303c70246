"""The scikit-learn entry point, named serve.py: loads the model.joblib beside code/."""
import os

import joblib


def model_fn(model_dir):
    return joblib.load(os.path.join(model_dir, "model.joblib"))
