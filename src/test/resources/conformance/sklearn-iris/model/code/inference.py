# The shape of the SageMaker scikit-learn examples: only model_fn, the container's defaults for the rest.
import os

import joblib


def model_fn(model_dir):
    return joblib.load(os.path.join(model_dir, "model.joblib"))
