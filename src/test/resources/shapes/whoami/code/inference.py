"""Says which model server process answered, and how many workers it was given."""
import json
import os


def model_fn(model_dir):
    with open(os.path.join(model_dir, "code", "inference.py")) as f:
        f.read()
    return os.path.basename(os.path.dirname(model_dir))


def input_fn(body, content_type):
    return json.loads(body)


def predict_fn(data, model):
    return {"server": os.getppid(), "workers": os.environ.get("SAGEMAKER_MODEL_SERVER_WORKERS"), "input": data}


def output_fn(prediction, accept):
    return json.dumps(prediction), "application/json"
