# Both handler styles in one script.
def model_fn(model_dir):
    return None


def input_fn(request_body, request_content_type):
    return request_body


def transform_fn(model, request_body, content_type, accept):
    return request_body, accept
