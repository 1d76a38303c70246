# A custom image's script that leaves predict_fn to a default the generic toolkit does not have.
def model_fn(model_dir):
    return {"weights": [1, 2]}
