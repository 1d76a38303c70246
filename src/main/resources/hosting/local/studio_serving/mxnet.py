"""The MXNet inference container: the inference toolkit behind Multi Model Server, with handlers
chosen by what model_fn returns. Source: aws/sagemaker-mxnet-inference-toolkit,
src/sagemaker_mxnet_serving_container/handler_service.py:36-56 and default_inference_handler.py.
The mxnet package is imported only when the container's defaults need it.
"""
import os

from studio_serving import base
from studio_serving.toolkit import ToolkitPersonality

DEFAULT_MODEL_FILENAMES = ("model-symbol.json", "model-0000.params", "model-shapes.json")


def default_handler_class(valid):
    from sagemaker_inference import decoder, default_inference_handler, encoder, errors, utils

    class DefaultMXNetInferenceHandler(default_inference_handler.DefaultInferenceHandler):
        VALID_CONTENT_TYPES = valid

        def default_model_fn(self, model_dir):
            """default_inference_handler.py:46-78: the three files MXNet's default save writes."""
            for name in DEFAULT_MODEL_FILENAMES:
                if not os.path.exists(os.path.join(model_dir, name)):
                    raise base.StartupRefusal(
                        "ValueError: Failed to load model with default model_fn: missing file {}.Expected files: "
                        "{}".format(name, list(DEFAULT_MODEL_FILENAMES)),
                        "Without model_fn the MXNet container loads model-symbol.json, model-shapes.json and "
                        "model-0000.params; ship them or define model_fn.")
            import json
            import mxnet as mx
            with open(os.path.join(model_dir, "model-shapes.json")) as f:
                shapes = json.load(f)
            names = [s["name"] for s in shapes]
            data_shapes = [(s["name"], tuple(s["shape"])) for s in shapes]
            sym, args, aux = mx.model.load_checkpoint(os.path.join(model_dir, "model"), 0)
            module = mx.mod.Module(symbol=sym, context=mx.cpu(), data_names=names, label_names=None)
            module.bind(for_training=False, data_shapes=data_shapes)
            module.set_params(args, aux, allow_missing=True)
            return module

        def default_input_fn(self, input_data, content_type):
            """default_inference_handler.py:80-105: only JSON and NPY (CSV too for Modules)."""
            if content_type not in self.VALID_CONTENT_TYPES:
                raise errors.UnsupportedFormatError(content_type)
            import mxnet as mx
            return mx.nd.array(decoder.decode(input_data, content_type))

        def default_predict_fn(self, data, model):
            if hasattr(model, "predict") and not callable(getattr(model, "forward", None)):
                return model.predict(data)
            return model(data)  # Gluon blocks, default_inference_handler.py:208-219

        def default_output_fn(self, prediction, accept):
            for content_type in utils.parse_accept(accept):
                if content_type in self.VALID_CONTENT_TYPES:
                    return encoder.encode(prediction.asnumpy().tolist(), content_type)
            raise errors.UnsupportedFormatError(accept)

    return DefaultMXNetInferenceHandler


class MXNetPersonality(ToolkitPersonality):
    container = "MXNet container"

    def default_handler(self):
        from sagemaker_inference import content_types
        module = self.user_module_for_selection()
        if hasattr(module, "transform_fn"):
            return default_handler_class((content_types.JSON, content_types.NPY))()
        model_fn = getattr(module, "model_fn", None)
        if model_fn is None:
            return default_handler_class((content_types.JSON, content_types.CSV, content_types.NPY))()
        return default_handler_class((content_types.JSON, content_types.NPY))()

    def user_module_for_selection(self):
        """handler_service.py:48-53: the entry point is imported unconditionally; without it the
        container does not start."""
        name = self.environment.module_name
        if not (name and base.find_spec(name)):
            raise base.StartupRefusal(
                "ValueError: import_module exception: No module named '{}'".format(name),
                "The MXNet container imports the entry point named by SAGEMAKER_PROGRAM (default inference.py) from "
                "code/ when it starts, and fails without it; add the script, even one that defines only model_fn.")
        return base.import_user_module(name)

    def decodable(self):
        return "application/json and application/x-npy (text/csv too for Module models)"


PERSONALITY = MXNetPersonality
