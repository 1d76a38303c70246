"""Handlers the SageMaker MXNet container calls for this model.

Without this file the container loads model-symbol.json, model-shapes.json and
model-0000.params from /opt/ml/model. Here model_fn loads them explicitly so the names
and the context (CPU or GPU) are yours to choose.
"""
import json
import os

import mxnet as mx


def model_fn(model_dir):
    """Binds the network once, when the container starts."""
    ctx = mx.gpu() if mx.context.num_gpus() > 0 else mx.cpu()
    symbol, arg_params, aux_params = mx.model.load_checkpoint(os.path.join(model_dir, "model"), 0)
    with open(os.path.join(model_dir, "model-shapes.json")) as f:
        shapes = [(s["name"], tuple(s["shape"])) for s in json.load(f)]
    module = mx.mod.Module(symbol=symbol, data_names=[name for name, _ in shapes], context=ctx, label_names=None)
    module.bind(for_training=False, data_shapes=shapes)
    module.set_params(arg_params, aux_params, allow_missing=True)
    return module


def input_fn(request_body, content_type):
    if content_type == "application/json":
        return mx.nd.array(json.loads(request_body))
    raise ValueError(f"Unsupported content type: {content_type}")


def predict_fn(data, model):
    model.forward(mx.io.DataBatch([data]), is_train=False)
    return model.get_outputs()[0]


def output_fn(prediction, accept):
    if accept in ("application/json", "*/*"):
        return json.dumps(prediction.asnumpy().tolist())
    raise ValueError(f"Unsupported accept type: {accept}")
