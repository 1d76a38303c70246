"""An MXNet entry point named predict.py: its model_fn reads the checkpoint's file names, and
transform_fn answers with them."""
import json
import os


def model_fn(model_dir):
    with open(os.path.join(model_dir, "model-symbol.json")) as f:
        symbol = json.load(f)
    return {"symbol": symbol["name"], "params": os.path.exists(os.path.join(model_dir, "model-0000.params"))}


def transform_fn(model, data, content_type, accept):
    return json.dumps(model), "application/json"
