# Handlers written for the inference toolkit (with a context argument), deployed on scikit-learn.
def model_fn(model_dir):
    return {"bias": 1.0}


def input_fn(request_body, request_content_type, context):
    return [float(v) for v in request_body.split(",")]


def predict_fn(input_data, model, context):
    return [sum(input_data) + model["bias"]]
