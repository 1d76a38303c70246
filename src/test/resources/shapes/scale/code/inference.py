"""The first container of a pipeline: doubles every value; answers CSV or JSON as asked."""
import json


def model_fn(model_dir):
    return 2


def input_fn(body, content_type):
    if not content_type.startswith("application/json"):
        raise ValueError("scale reads application/json, not " + content_type)
    return json.loads(body)


def predict_fn(rows, factor):
    return [[factor * value for value in row] for row in rows]


def output_fn(rows, accept):
    if accept.startswith("text/csv"):
        return "\n".join(",".join(str(v) for v in row) for row in rows), "text/csv"
    return json.dumps(rows), "application/json"
