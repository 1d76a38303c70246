"""A sample model that needs nothing but Python's standard library.

model.json holds the weights of a linear model; each request row is [rooms, area_m2, age_years]
and the answer is the predicted price in thousands. Send JSON ([[3, 80, 12]] or
{"instances": [[3, 80, 12]]}) or CSV (one row per line).
"""
import json
import os


def model_fn(model_dir):
    with open(os.path.join(model_dir, "model.json")) as f:
        return json.load(f)


def input_fn(request_body, content_type):
    text = request_body.decode("utf-8") if isinstance(request_body, bytes) else request_body
    if content_type.startswith("application/json"):
        data = json.loads(text)
        rows = data["instances"] if isinstance(data, dict) else data
    elif content_type.startswith("text/csv"):
        rows = [[float(v) for v in line.split(",")] for line in text.splitlines() if line.strip()]
    else:
        raise ValueError(f"Unsupported content type: {content_type}")
    return [rows] if rows and not isinstance(rows[0], list) else rows


def predict_fn(rows, model):
    return [round(sum(w * x for w, x in zip(model["weights"], row)) + model["bias"], 4) for row in rows]


def output_fn(predictions, accept):
    if accept.startswith("text/csv"):
        return "\n".join(str(p) for p in predictions), "text/csv"
    return json.dumps({"predictions": predictions}), "application/json"
