# Handlers of the other framework containers, which the TensorFlow Serving container does not call.
def model_fn(model_dir):
    return None


def predict_fn(data, model):
    return data
