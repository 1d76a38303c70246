"""Serving personalities: one per SageMaker framework container, chosen by name.

Each module defines PERSONALITY, a class with workers() and timeout() (read from the
environment as the container reads it), timeout_reply() and died_reply() (what the container
answers when a worker hangs or dies), and, per worker process, load() and invoke(request).
"""
import importlib

MODULES = {
    "sklearn": "studio_serving.sklearn",
    "pytorch": "studio_serving.pytorch",
    "xgboost": "studio_serving.xgboost",
    "mxnet": "studio_serving.mxnet",
    "tensorflow": "studio_serving.tensorflow",
    "huggingface": "studio_serving.huggingface",
    "toolkit": "studio_serving.toolkit",
}


def personality(name):
    try:
        module = MODULES[name]
    except KeyError:
        raise ValueError("no serving personality named {!r} (known: {})".format(name, ", ".join(sorted(MODULES))))
    return importlib.import_module(module).PERSONALITY
