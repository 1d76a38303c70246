"""The XGBoost container. With SAGEMAKER_PROGRAM it runs the script on the legacy serving stack
with XGBoost's decoders (aws/sagemaker-xgboost-container src/sagemaker_xgboost_container/
serving.py:63-155, encoder.py:31-142); without it, the built-in algorithm's scoring service
(algorithm_mode/serve.py:134-249, serve_utils.py:121-200). The xgboost package is imported
only where the container itself needs it: to build a DMatrix and to load a booster.
"""
import csv
import os
import pickle
import sys
import traceback

from studio_serving import base
from studio_serving.legacy import LegacyPersonality

LIBSVM_TYPES = ("text/libsvm", "text/x-libsvm")
RECORDIO = "application/x-recordio-protobuf"


def media_type(content_type):
    """cgi.parse_header (encoder.py:138): parameters such as '; charset=utf-8' are dropped."""
    return (content_type or "").split(";")[0].strip()


def csv_rows(text, dtype=None):
    """encoder.py:35-52: the delimiter sniffed from the first line, empty cells as nan, every
    line a row (a trailing newline makes a short row, and the array fails)."""
    import numpy as np
    sniffed = csv.Sniffer().sniff(text.split("\n")[0][:512]).delimiter
    delimiter = "," if sniffed.isalnum() else sniffed
    rows = [["nan" if x == "" else x for x in line.split(delimiter)] for line in text.split("\n")]
    return np.array(rows).astype(dtype)


def libsvm_rows(text):
    """encoder.py:55-87: 'index:value' tokens, 1-based indices shifted to 0."""
    import numpy as np
    rows = []
    for line in text.strip().split("\n"):
        row = {}
        for token in line.strip().split():
            if ":" in token:
                index, value = token.split(":", 1)
                row[int(index)] = float(value)
        rows.append(row)
    if not rows or not any(rows):
        return np.empty((0, 0))
    offset = 1 if min(i for row in rows for i in row) >= 1 else 0
    width = max(i for row in rows for i in row) - offset + 1
    data = np.zeros((len(rows), width))
    for r, row in enumerate(rows):
        for index, value in row.items():
            data[r, index - offset] = value
    return data


def decode(obj, content_type):
    """encoder.py:128-142: CSV, LIBSVM or RecordIO-protobuf into a DMatrix; JSON is not among them."""
    from sagemaker_containers import _errors
    kind = media_type(content_type)
    if kind == base.CSV:
        rows = csv_rows(obj.decode() if isinstance(obj, bytes) else obj)
    elif kind in LIBSVM_TYPES:
        rows = libsvm_rows(obj.decode("utf-8") if isinstance(obj, (bytes, bytearray)) else obj)
    elif kind == RECORDIO:
        raise RuntimeError("RecordIO-protobuf requests are decoded by the XGBoost container's own reader, which "
                           "Local hosting does not include")
    else:
        raise _errors.UnsupportedFormatError(kind)
    import xgboost
    return xgboost.DMatrix(rows)


class XGBoostPersonality(LegacyPersonality):
    container = "XGBoost container"

    def load(self):
        self.algorithm_mode = not os.environ.get("SAGEMAKER_PROGRAM")
        if not self.algorithm_mode:
            return super().load()
        # serve.py:93-102 loads the booster when a worker starts; serve_utils.py:171-197
        self.default_accept = os.environ.get("SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT", "text/csv")
        files = sorted(name for name in os.listdir(self.model_dir)
                       if os.path.isfile(os.path.join(self.model_dir, name)) and not name.startswith("."))
        if not files:
            raise base.StartupRefusal("IndexError: list index out of range (no model file in the model folder)",
                                      "The XGBoost algorithm loads the first file in the model folder; the archive "
                                      "has none.")
        path = os.path.join(self.model_dir, files[0])
        try:
            with open(path, "rb") as f:
                self.model = pickle.load(f)
        except Exception as pickled:
            import xgboost
            try:
                self.model = xgboost.Booster()
                self.model.load_model(path)
            except Exception as saved:
                raise base.StartupRefusal("RuntimeError: Model {} cannot be loaded:\nPickle load error={}\nXGB load "
                                          "model error={}".format(path, pickled, saved))

    def default_input_fn(self, input_data, content_type):
        return decode(input_data, content_type)  # serving.py:73-88

    def default_predict_fn(self, input_data, model):
        return model.predict(input_data, validate_features=False)  # serving.py:91-99

    def default_output_fn(self, prediction, accept):
        from sagemaker_containers import _encoders, _worker
        return _worker.Response(_encoders.encode(prediction, accept), mimetype=accept)  # serving.py:102-113

    def decodable(self):
        return "text/csv, text/libsvm and application/x-recordio-protobuf (JSON is not among them)"

    def explain_decoded(self, error):
        return None

    def invoke(self, request):
        if not self.algorithm_mode:
            return super().invoke(request)
        try:
            return self.score(request)
        except Exception:
            traceback.print_exc(file=sys.stderr)
            return base.Reply(500, base.FLASK_500, "text/html; charset=utf-8")

    def execution_parameters(self):
        """serve.py:145-160: as many concurrent transforms as CPUs, MultiRecord, and MAX_CONTENT_LENGTH in MB."""
        if not self.algorithm_mode:
            return super().execution_parameters()
        import json
        import multiprocessing
        max_content_length = int(os.environ.get("MAX_CONTENT_LENGTH", "6291456"))
        return base.Reply(200, json.dumps({"MaxConcurrentTransforms": multiprocessing.cpu_count(),
                                           "BatchStrategy": "MULTI_RECORD",
                                           "MaxPayloadInMB": int(max_content_length / (1024 ** 2))}), base.JSON)

    def score(self, request):
        """serve.py:208-249."""
        from sagemaker_containers import _encoders
        payload = request.body
        if len(payload) == 0:
            return base.Reply(204, b"", "text/html; charset=utf-8")
        content_type = request.get("Content-Type")
        try:
            rows = self.parse(payload, content_type)
        except Exception as e:
            return base.Reply(415, str(e), "text/html; charset=utf-8", explanation=(
                "The XGBoost algorithm reads text/csv, text/libsvm and application/x-recordio-protobuf only."
                if not media_type(content_type) in (base.CSV,) + LIBSVM_TYPES else None))
        try:
            predictions = self.model.predict(rows)
        except Exception as e:
            return base.Reply(400, "Unable to evaluate payload provided: %s" % e, "text/html; charset=utf-8")
        accept = media_type(request.get("Accept") or "")
        if not accept or accept == base.ANY:
            accept = self.default_accept
        supported = ("application/json", "application/jsonlines", RECORDIO, base.CSV)
        if accept.lower() not in supported:
            return base.Reply(406, "Accept type {} is not supported. Please use supported accept types: {}.".format(
                accept, list(supported)), "text/html; charset=utf-8")
        accept = accept.lower()
        values = predictions.tolist()
        if os.environ.get("SAGEMAKER_BATCH"):
            # serve.py:240-241: in a batch transform, one prediction per line whatever the Accept
            body = "\n".join(map(str, values)) + "\n"
        elif accept == base.JSON:
            import json
            body = json.dumps({"predictions": [{"score": value} for value in values]})
        else:
            body = _encoders.encode(values, accept)
        mimetype = accept + "; charset=utf-8" if accept.startswith("text/") else accept
        return base.Reply(200, body, mimetype)

    def parse(self, payload, content_type):
        """serve_utils.py:121-155."""
        kind = media_type(content_type)
        if kind == base.CSV:
            try:
                rows = csv_rows(payload.strip().decode("utf-8"), dtype=float)
            except Exception as e:
                raise RuntimeError("Loading csv data failed with Exception, please ensure data is in csv format:\n "
                                   "{}\n {}".format(type(e), e))
        elif kind in LIBSVM_TYPES:
            rows = libsvm_rows(payload.strip().decode("utf-8"))
        else:
            raise RuntimeError("Content-type {} is not supported.".format(content_type))
        import xgboost
        return xgboost.DMatrix(rows)


PERSONALITY = XGBoostPersonality
