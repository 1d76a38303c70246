"""A custom container's code on the SageMaker inference toolkit: model_fn and predict_fn of its own."""


def model_fn(model_dir):
    return {"greeting": "hello"}


def predict_fn(data, model):
    return {"greeting": model["greeting"], "data": data.tolist()}
