"""A stand-in for the xgboost package, which this machine cannot install: DMatrix keeps the rows
the container's decoder produced and Booster predicts each row's sum, so the answers show what
was decoded. The container imports xgboost only to build the DMatrix and load the booster."""
import numpy as np


class DMatrix(object):
    def __init__(self, data, label=None):
        self.data = np.asarray(data, dtype=float)


class Booster(object):
    def predict(self, data, validate_features=True):
        return data.data.sum(axis=1)

    def load_model(self, path):
        raise ValueError("not an XGBoost model file")
