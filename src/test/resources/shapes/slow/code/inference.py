"""A model that takes its time: says when it started and ended, so a test can see how many ran at once."""
import json
import time


def model_fn(model_dir):
    return "slow"


def input_fn(body, content_type):
    return json.loads(body)


def predict_fn(data, model):
    if data.get("fail"):
        raise ValueError("this request asked to fail")
    start = time.time()
    time.sleep(data.get("seconds", 0.4))
    return {"start": start, "end": time.time(), "echo": data.get("echo")}


def output_fn(prediction, accept):
    return json.dumps(prediction), "application/json"
