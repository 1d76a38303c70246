"""Serves a SageMaker model folder on this computer, the way the framework containers do.

The Endpoint Studio starts one such process per local endpoint, with the user's own Python:

    python sagemaker_serve.py --model-dir DIR --port PORT [--framework sklearn] ...

It follows the container contract (GET /ping, POST /invocations, the model folder playing
/opt/ml/model) and the inference handler contract of code/inference.py: model_fn, input_fn,
predict_fn, output_fn, or a single transform_fn, with the containers' defaults for whatever
the script leaves out. Only the standard library is needed; numpy, joblib, torch or xgboost
are imported when a default handler needs them.

Lines on stdout starting with "STUDIO " talk to the studio: "STUDIO READY <port>" once the
model is loaded and the port is open, "STUDIO FAILED <reason>" when it can't start.
"""
import argparse
import importlib.util
import inspect
import io
import json
import os
import socket
import sys
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor, TimeoutError as HandlerTimeout
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

JSON = "application/json"
CSV = "text/csv"
NPY = "application/x-npy"


class MissingPackage(Exception):
    """A default handler needs a package the interpreter lacks."""

    def __init__(self, module, pip_name):
        super().__init__(f"the Python package '{pip_name}' is not installed in {sys.executable}; "
                         f"install it with: {sys.executable} -m pip install {pip_name}")


class UnsupportedType(Exception):
    """The request's content type or accept type has no decoder or encoder."""


def _require(module, pip_name=None):
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingPackage(module, pip_name or module) from None


class Context:
    """What the handlers may ask about the request, like the toolkit's context object."""

    def __init__(self, model_dir, content_type="", accept="", custom_attributes=""):
        self.model_dir = model_dir
        self.request_content_type = content_type
        self.accept_header = accept
        self.custom_attributes = custom_attributes
        self.system_properties = {"model_dir": model_dir, "gpu_id": None}


def _call(function, *args, context=None):
    """Calls a handler with the context appended when its signature takes one more argument."""
    try:
        params = [p for p in inspect.signature(function).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        takes_context = len(params) > len(args)
    except (TypeError, ValueError):
        takes_context = False
    return function(*args, context) if takes_context else function(*args)


# ---- default handlers (what the framework containers do without a script) ------------------

def _find(model_dir, names, suffixes):
    for name in names:
        path = os.path.join(model_dir, name)
        if os.path.isfile(path):
            return path
    for name in sorted(os.listdir(model_dir)):
        if name.endswith(suffixes) and os.path.isfile(os.path.join(model_dir, name)):
            return os.path.join(model_dir, name)
    return None


def default_model_fn(framework, model_dir):
    if framework == "sklearn":
        path = _find(model_dir, ["model.joblib"], (".joblib", ".pkl", ".pickle"))
        if path is None:
            raise FileNotFoundError("no model.joblib (or *.pkl) in the model folder for the default model_fn")
        return _require("joblib", "scikit-learn").load(path)
    if framework == "pytorch":
        torch = _require("torch")
        path = _find(model_dir, ["model.pt", "model.pth"], (".pt", ".pth"))
        if path is None:
            raise FileNotFoundError("no model.pt or model.pth in the model folder for the default model_fn")
        try:
            return torch.jit.load(path, map_location="cpu").eval()
        except RuntimeError:
            model = torch.load(path, map_location="cpu", weights_only=False)
            return model.eval() if hasattr(model, "eval") else model
    if framework == "xgboost":
        xgb = _require("xgboost")
        path = _find(model_dir, ["xgboost-model"], (".json", ".ubj", ".bst", ".model", ".xgb"))
        if path is None:
            raise FileNotFoundError("no xgboost-model file in the model folder for the default model_fn")
        booster = xgb.Booster()
        try:
            booster.load_model(path)
        except Exception:
            import pickle
            with open(path, "rb") as f:
                booster = pickle.load(f)
        return booster
    raise RuntimeError(f"the {framework} container has no default model_fn here: "
                       "define model_fn in code/inference.py")


def default_input_fn(body, content_type):
    kind = content_type.split(";")[0].strip().lower()
    if kind in (JSON, "application/jsonlines"):
        text = body.decode("utf-8")
        if kind == "application/jsonlines":
            data = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            data = json.loads(text)
        if isinstance(data, dict) and "instances" in data:
            data = data["instances"]
        return _as_array(data)
    if kind == CSV:
        rows = [[_number(v) for v in line.split(",")] for line in body.decode("utf-8").splitlines() if line.strip()]
        return _as_array(rows)
    if kind == NPY:
        numpy = _require("numpy")
        return numpy.load(io.BytesIO(body), allow_pickle=False)
    raise UnsupportedType(f"content type '{content_type}' is not supported by the default input_fn "
                          f"(use {JSON}, {CSV} or {NPY}, or define input_fn)")


def _number(text):
    try:
        return float(text)
    except ValueError:
        return text.strip()


def _as_array(data):
    try:
        numpy = importlib.import_module("numpy")
    except ImportError:
        return data
    return numpy.asarray(data)


def default_predict_fn(framework, data, model):
    if framework == "pytorch":
        torch = _require("torch")
        with torch.no_grad():
            return model(torch.as_tensor(data, dtype=torch.float32))
    if framework == "xgboost":
        xgb = _require("xgboost")
        return model.predict(data if isinstance(data, xgb.DMatrix) else xgb.DMatrix(data))
    if hasattr(model, "predict"):
        return model.predict(data)
    if callable(model):
        return model(data)
    raise RuntimeError("the model has no predict method and is not callable: define predict_fn")


def _plain(prediction):
    if hasattr(prediction, "detach"):
        prediction = prediction.detach().cpu().numpy()
    if hasattr(prediction, "tolist"):
        return prediction.tolist()
    return prediction


def default_output_fn(prediction, accept):
    kind = accept.split(";")[0].strip().lower()
    if kind in (JSON, "*/*", ""):
        return json.dumps(_plain(prediction)), JSON
    if kind == CSV:
        rows = _plain(prediction)
        rows = rows if isinstance(rows, list) else [rows]
        lines = [",".join(str(v) for v in (row if isinstance(row, list) else [row])) for row in rows]
        return "\n".join(lines), CSV
    if kind == NPY:
        numpy = _require("numpy")
        buffer = io.BytesIO()
        numpy.save(buffer, numpy.asarray(_plain(prediction)), allow_pickle=False)
        return buffer.getvalue(), NPY
    raise UnsupportedType(f"accept type '{accept}' is not supported by the default output_fn "
                          f"(use {JSON}, {CSV} or {NPY}, or define output_fn)")


# ---- the model -----------------------------------------------------------------------------

class Model:
    def __init__(self, model_dir, framework, program):
        self.model_dir = model_dir
        self.framework = framework
        self.module = self._load_script(os.path.join(model_dir, "code", program))
        model_fn = getattr(self.module, "model_fn", None)
        context = Context(model_dir)
        self.model = (_call(model_fn, model_dir, context=context) if model_fn
                      else default_model_fn(framework, model_dir))

    @staticmethod
    def _load_script(path):
        if not os.path.isfile(path):
            return None
        sys.path.insert(0, os.path.dirname(path))
        spec = importlib.util.spec_from_file_location("inference", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    def _handler(self, name):
        return getattr(self.module, name, None) if self.module else None

    def invoke(self, body, content_type, accept, custom_attributes):
        context = Context(self.model_dir, content_type, accept, custom_attributes)
        transform_fn = self._handler("transform_fn")
        if transform_fn:
            result = _call(transform_fn, self.model, body, content_type, accept, context=context)
            if isinstance(result, tuple):
                return result[0], result[1] if len(result) > 1 else accept
            return result, accept
        input_fn = self._handler("input_fn")
        predict_fn = self._handler("predict_fn")
        output_fn = self._handler("output_fn")
        data = _call(input_fn, body, content_type, context=context) if input_fn else default_input_fn(body, content_type)
        prediction = (_call(predict_fn, data, self.model, context=context) if predict_fn
                      else default_predict_fn(self.framework, data, self.model))
        if _streams(prediction) and not output_fn:
            return prediction, accept if accept not in ("", "*/*", JSON) else "text/plain"
        if output_fn:
            result = _call(output_fn, prediction, accept, context=context)
            if isinstance(result, tuple):
                return result[0], result[1]
            return result, accept if accept not in ("", "*/*") else JSON
        return default_output_fn(prediction, accept)


# ---- HTTP ----------------------------------------------------------------------------------

def _streams(result):
    """A generator (or any iterator) answers in parts, e.g. the tokens of a language model."""
    return hasattr(result, "__next__")

def make_handler(model, executor, timeout, max_bytes):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self):
            super().setup()
            # Headers and body go out as separate writes; without this, Nagle's algorithm and the
            # client's delayed ACK add about 40 ms to every keep-alive request.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, fmt, *args):
            pass  # one line per request would drown the model's own log

        def _reply(self, status, body, content_type, extra=None):
            data = body.encode("utf-8") if isinstance(body, str) else (body or b"")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def _reply_in_parts(self, parts, content_type, extra):
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Transfer-Encoding", "chunked")
            for key, value in extra.items():
                self.send_header(key, value)
            self.end_headers()
            try:
                for part in parts:
                    data = part.encode("utf-8") if isinstance(part, str) else bytes(part)
                    if data:
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                        self.wfile.flush()
            except Exception:
                # the status is sent already: log, and end the body so the client sees the cut
                print(f"Streaming the answer failed:\n{traceback.format_exc()}", file=sys.stderr, flush=True)
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

        def _error(self, status, code, message):
            self._reply(status, json.dumps({"ErrorCode": code, "Message": message}), JSON)

        def do_GET(self):
            if self.path == "/ping":
                self._reply(200, b"", "text/plain")
            else:
                self._error(404, "NotFound", f"no route {self.path}")

        def do_POST(self):
            if self.path != "/invocations":
                self._error(404, "NotFound", f"no route {self.path}")
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > max_bytes:
                self.rfile.read(length)
                self._error(413, "PayloadTooLarge", f"the request body is {length} bytes; the limit is {max_bytes}")
                return
            body = self.rfile.read(length)
            content_type = self.headers.get("Content-Type", JSON)
            accept = self.headers.get("Accept", JSON)
            attributes = self.headers.get("X-Amzn-SageMaker-Custom-Attributes", "")
            started = time.perf_counter()
            future = executor.submit(model.invoke, body, content_type, accept, attributes)
            try:
                result, result_type = future.result(timeout=timeout)
            except HandlerTimeout:
                self._error(500, "ModelTimeout", f"the handler did not answer within {timeout:g} s")
                return
            except UnsupportedType as e:
                self._error(415, "UnsupportedMediaType", str(e))
                return
            except Exception as e:
                print(f"Invocation failed:\n{traceback.format_exc()}", file=sys.stderr, flush=True)
                self._error(500, "ModelError", f"{type(e).__name__}: {e}")
                return
            micros = int((time.perf_counter() - started) * 1_000_000)
            if _streams(result):
                self._reply_in_parts(result, result_type or "text/plain", {"X-Model-Latency-Micros": str(micros)})
                return
            self._reply(200, result, result_type or JSON, {"X-Model-Latency-Micros": str(micros)})

    return Handler


def main():
    parser = argparse.ArgumentParser(description="Serve a SageMaker model folder on 127.0.0.1.")
    parser.add_argument("--model-dir", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--framework", default="custom")
    parser.add_argument("--program", default=os.environ.get("SAGEMAKER_PROGRAM", "inference.py"))
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--max-payload-bytes", type=int, default=6 * 1024 * 1024)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    try:
        try:
            model = Model(args.model_dir, args.framework, args.program)
        except ModuleNotFoundError as e:
            raise MissingPackage(e.name, (e.name or "?").split(".")[0]) from e
    except MissingPackage as e:
        print(f"STUDIO FAILED {e}", flush=True)
        sys.exit(3)
    except Exception as e:
        print(traceback.format_exc(), file=sys.stderr, flush=True)
        print(f"STUDIO FAILED loading the model failed: model_fn raised {type(e).__name__}: {e}", flush=True)
        sys.exit(4)
    try:
        server = ThreadingHTTPServer((args.host, args.port), make_handler(
            model, ThreadPoolExecutor(max_workers=args.workers), args.timeout, args.max_payload_bytes))
    except OSError as e:
        print(f"STUDIO FAILED port {args.port} can't be opened on {args.host}: {e.strerror}", flush=True)
        sys.exit(5)
    server.daemon_threads = True
    print(f"STUDIO READY {server.server_address[1]}", flush=True)
    watchdog = threading.Thread(target=_exit_with_parent, daemon=True)
    watchdog.start()
    server.serve_forever()


def _exit_with_parent():
    """Ends the process when the studio's end of stdin closes, so no server outlives it."""
    try:
        while sys.stdin.read(1):
            pass
    except Exception:
        pass
    os._exit(0)


if __name__ == "__main__":
    main()
