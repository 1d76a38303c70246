"""The PyTorch inference container: the inference toolkit behind TorchServe with the PyTorch
default handlers. Source: aws/sagemaker-pytorch-inference-toolkit,
src/sagemaker_pytorch_serving_container/default_pytorch_inference_handler.py and torchserve.py.
"""
import os

from studio_serving import base
from studio_serving.toolkit import ToolkitPersonality

DEFAULT_MODEL_FILENAME = "model.pt"


def default_handler_class():
    from sagemaker_inference import content_types, decoder, default_inference_handler, encoder, errors, utils

    class DefaultPytorchInferenceHandler(default_inference_handler.DefaultInferenceHandler):
        @staticmethod
        def _is_model_file(filename):
            # default_pytorch_inference_handler.py:39-44; TorchServe starts its workers in the
            # model folder, so the bare names listed at :71 resolve there
            if os.path.isfile(filename):
                return os.path.splitext(filename)[1] in [".pt", ".pth"]
            return False

        def default_model_fn(self, model_dir):
            """default_pytorch_inference_handler.py:67-84: model.pt, else exactly one .pt/.pth
            file, loaded as TorchScript."""
            import torch
            model_path = os.path.join(model_dir, DEFAULT_MODEL_FILENAME)
            if not os.path.exists(model_path):
                model_files = [file for file in os.listdir(model_dir)
                               if self._is_model_file(os.path.join(model_dir, file))]
                if len(model_files) != 1:
                    raise base.StartupRefusal(
                        "ValueError: Exactly one .pth or .pt file is required for PyTorch models: {}".format(
                            model_files),
                        "Without model_fn the PyTorch container loads model.pt, or the only .pt/.pth file, as "
                        "TorchScript; ship one file or define model_fn in code/inference.py.")
                model_path = os.path.join(model_dir, model_files[0])
            try:
                model = torch.jit.load(model_path, map_location=torch.device("cpu"))
            except RuntimeError as e:
                raise base.StartupRefusal(
                    "ModelLoadError: Failed to load {}. Please ensure model is saved using torchscript. ({})".format(
                        model_path, str(e).splitlines()[0] if str(e) else ""),
                    "The PyTorch container's default model_fn only reads TorchScript (torch.jit.save); a pickled "
                    "module from torch.save needs a model_fn in code/inference.py.")
            return model.to(torch.device("cpu"))

        def default_input_fn(self, input_data, content_type):
            """default_pytorch_inference_handler.py:86-100: JSON and CSV become float32 tensors,
            NPY keeps its dtype (torch.from_numpy)."""
            import torch
            np_array = decoder.decode(input_data, content_type)
            tensor = torch.FloatTensor(np_array) if content_type in content_types.UTF8_TYPES \
                else torch.from_numpy(np_array)
            return tensor.to(torch.device("cpu"))

        def default_predict_fn(self, data, model):
            """default_pytorch_inference_handler.py:102-127: eval mode, no gradients."""
            import torch
            with torch.no_grad():
                device = torch.device("cpu")
                model = model.to(device)
                input_data = data.to(device)
                model.eval()
                return model(input_data)

        def default_output_fn(self, prediction, accept):
            """default_pytorch_inference_handler.py:129-148: the first supported type of the Accept
            list; only the body is returned, so the response's type is the Accept header as sent."""
            import torch
            if type(prediction) is torch.Tensor:
                prediction = prediction.detach().cpu().numpy().tolist()
            for content_type in utils.parse_accept(accept):
                if content_type in encoder.SUPPORTED_CONTENT_TYPES:
                    encoded = encoder.encode(prediction, content_type)
                    if content_type == content_types.CSV:
                        encoded = encoded.encode("utf-8")
                    return encoded
            raise errors.UnsupportedFormatError(accept)

    return DefaultPytorchInferenceHandler


def _torchserve():
    """The PyTorch images serve with TorchServe from 1.6 on, with Multi Model Server before."""
    try:
        major, minor = (int(part) for part in os.environ.get("STUDIO_FRAMEWORK_VERSION", "").split(".")[:2])
        return (major, minor) >= (1, 6)
    except ValueError:
        return True


class PyTorchPersonality(ToolkitPersonality):
    container = "PyTorch container"
    server_name = "TorchServe" if _torchserve() else "Multi Model Server"
    server_version = "0.12.0" if _torchserve() else "1.1.11"

    @classmethod
    def workers(cls, model_dir):
        # torchserve.py:126-152: with any SAGEMAKER_TS_* variable set, the model gets its own
        # minWorkers (default 1, ts_environment.py:26-56); else default_workers_per_model.
        names = ("SAGEMAKER_TS_BATCH_SIZE", "SAGEMAKER_TS_MAX_BATCH_DELAY", "SAGEMAKER_TS_MIN_WORKERS",
                 "SAGEMAKER_TS_MAX_WORKERS", "SAGEMAKER_TS_RESPONSE_TIMEOUT")
        if any(name in os.environ for name in names):
            return base.env_int("SAGEMAKER_TS_MIN_WORKERS", 1)
        return super().workers(model_dir)

    @classmethod
    def timeout(cls, model_dir):
        if "SAGEMAKER_TS_RESPONSE_TIMEOUT" in os.environ:
            return base.env_int("SAGEMAKER_TS_RESPONSE_TIMEOUT", 60)
        return super().timeout(model_dir)

    def default_handler(self):
        return default_handler_class()()

    def decodable(self):
        return "application/json, text/csv and application/x-npy"

    def explain_decoded(self, error):
        decoded = self.decoded
        text = str(error)
        if decoded is not None and hasattr(decoded, "dtype") and "dtype" in text and "float" in str(decoded.dtype) \
                and str(decoded.dtype) != "torch.float32":
            return ("The PyTorch container keeps an NPY array's dtype ({}) while JSON and CSV become float32; send "
                    "float32 NPY, or cast in input_fn.").format(str(decoded.dtype).replace("torch.", ""))
        if decoded is not None and hasattr(decoded, "dim") and decoded.dim() == 1:
            return ("The PyTorch container decodes a single CSV row (or a flat JSON list) as a 1-D tensor; send a "
                    "batch, e.g. [[...]] as JSON.")
        return None


PERSONALITY = PyTorchPersonality
