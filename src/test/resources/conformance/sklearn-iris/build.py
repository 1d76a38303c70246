"""Trains the iris classifier the fixture serves (model.joblib at the archive's root)."""
import os
import sys

import joblib
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

X, y = load_iris(return_X_y=True)
joblib.dump(LogisticRegression(max_iter=500).fit(X, y), os.path.join(sys.argv[1], "model.joblib"))
