# A script that relies on a default model loader, which the scikit-learn container does not have.
def predict_fn(input_data, model):
    return model.predict(input_data)
