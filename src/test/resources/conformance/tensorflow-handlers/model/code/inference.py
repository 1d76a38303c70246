# The input_handler / output_handler pair of the TensorFlow Serving container's examples.
import json


def input_handler(data, context):
    if context.request_content_type == "application/json":
        d = data.read().decode("utf-8")
        return d if len(d) else ""
    if context.request_content_type == "text/csv":
        return json.dumps({"instances": [[float(x) for x in data.read().decode("utf-8").split(",")]]})
    raise ValueError('{{"error": "unsupported content type {}"}}'.format(context.request_content_type or "unknown"))


def output_handler(data, context):
    if data.status_code != 200:
        raise ValueError(data.content.decode("utf-8"))
    return data.content, context.accept_header
