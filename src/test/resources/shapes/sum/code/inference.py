"""The last container of a pipeline: sums each row, and says what it was sent."""
import json


def model_fn(model_dir):
    return "sum"


def input_fn(body, content_type):
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    if content_type.startswith("text/csv"):
        rows = [[float(v) for v in line.split(",")] for line in text.splitlines() if line.strip()]
    else:
        rows = json.loads(text)
    if any(value < 0 for row in rows for value in row):
        raise ValueError("negative values can't be summed here")
    return {"rows": rows, "received": content_type}


def predict_fn(data, model):
    return {"sums": [sum(row) for row in data["rows"]], "received": data["received"]}


def output_fn(prediction, accept):
    prediction["accept"] = accept
    return json.dumps(prediction), "application/json"
