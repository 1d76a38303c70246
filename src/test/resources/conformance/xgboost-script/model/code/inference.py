# Script mode with only model_fn: the XGBoost container's decoders and encoders do the rest.
import xgboost


def model_fn(model_dir):
    return xgboost.Booster()
