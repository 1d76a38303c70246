"""The built-in algorithm's model file: a pickled booster (of the stand-in xgboost module)."""
import os
import pickle
import sys

sys.path.insert(0, os.path.join(sys.argv[1], "code"))
import xgboost  # noqa: E402

with open(os.path.join(sys.argv[1], "xgboost-model"), "wb") as f:
    pickle.dump(xgboost.Booster(), f)
