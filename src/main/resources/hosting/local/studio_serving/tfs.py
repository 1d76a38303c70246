"""TensorFlow Serving's REST API on a loopback port, for the TensorFlow Serving personality:
GET /v1/models/NAME[/versions/N] and POST /v1/models/NAME[/versions/N]:predict with the row
("instances") or columnar ("inputs") format of the predict API. The SavedModel is loaded with
tensorflow and called through its serving signature; the newest version serves by default.
"""
import json
import os
import re
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROUTE = re.compile(r"^/v1/models/([^/:]+)(?:/versions/(\d+))?(?::(predict|classify|regress))?$")


class Servable(object):
    def __init__(self, name, path):
        import tensorflow as tf
        self.tf = tf
        self.name = name
        self.versions = {}
        for entry in sorted(os.listdir(path)):
            if entry.isdigit() and os.path.exists(os.path.join(path, entry, "saved_model.pb")):
                self.versions[int(entry)] = tf.saved_model.load(os.path.join(path, entry))

    def status(self):
        return {"model_version_status": [{"version": str(v), "state": "AVAILABLE",
                                          "status": {"error_code": "OK", "error_message": ""}}
                                         for v in sorted(self.versions, reverse=True)]}

    def predict(self, version, request):
        if version is None:
            version = max(self.versions)
        if version not in self.versions:
            return 404, {"error": "Servable not found for request: Specific({}, {})".format(self.name, version)}
        model = self.versions[version]
        signature_name = request.get("signature_name", "serving_default")
        if signature_name not in model.signatures:
            return 400, {"error": "Serving signature name: \"{}\" not found in signature def".format(signature_name)}
        signature = model.signatures[signature_name]
        specs = signature.structured_input_signature[1]
        if "instances" in request:
            instances = request["instances"]
            if not isinstance(instances, list):
                return 400, {"error": "JSON Value: {} Excepting 'instances' to be an list/array".format(
                    json.dumps(instances))}
            if len(specs) == 1:
                name, spec = next(iter(specs.items()))
                inputs = {name: self.tf.constant(instances, dtype=spec.dtype)}
            else:
                inputs = {name: self.tf.constant([row[name] for row in instances], dtype=spec.dtype)
                          for name, spec in specs.items()}
            outputs = signature(**inputs)
            if len(outputs) == 1:
                return 200, {"predictions": next(iter(outputs.values())).numpy().tolist()}
            columns = {key: value.numpy().tolist() for key, value in outputs.items()}
            rows = len(next(iter(columns.values())))
            return 200, {"predictions": [{key: columns[key][i] for key in columns} for i in range(rows)]}
        if "inputs" in request:
            given = request["inputs"]
            if len(specs) == 1 and not isinstance(given, dict):
                name, spec = next(iter(specs.items()))
                given = {name: given}
            inputs = {name: self.tf.constant(given[name], dtype=spec.dtype) for name, spec in specs.items()}
            outputs = signature(**inputs)
            if len(outputs) == 1:
                return 200, {"outputs": next(iter(outputs.values())).numpy().tolist()}
            return 200, {"outputs": {key: value.numpy().tolist() for key, value in outputs.items()}}
        return 400, {"error": "Missing 'inputs' or 'instances' key"}


def _body(payload):
    # TensorFlow Serving indents its answers; the njs front removes the newlines for JSON accepts
    return "{\n    " + json.dumps(payload)[1:-1] + "\n}"


class Server(object):
    def __init__(self, servables, default_name):
        self.servables = servables
        self.default_name = default_name
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, fmt, *args):
                pass

            def _send(self, status, payload):
                data = _body(payload).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                status, payload = server.get(self.path)
                self._send(status, payload)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                status, payload = server.post(self.path, self.rfile.read(length))
                self._send(status, payload)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def get(self, path):
        match = ROUTE.match(path)
        servable = self.servables.get(match.group(1)) if match else None
        if servable is None:
            return 404, {"error": "Could not find any versions of model " + (match.group(1) if match else path)}
        return 200, servable.status()

    def post(self, path, data):
        match = ROUTE.match(path)
        if not match:
            return 404, {"error": "Malformed request: POST " + path}
        servable = self.servables.get(match.group(1))
        if servable is None:
            return 404, {"error": "Servable not found for request: Latest({})".format(match.group(1))}
        try:
            request = json.loads(data.decode("utf-8"))
        except ValueError as e:
            return 400, {"error": "JSON Parse error: {}".format(e)}
        if not isinstance(request, dict):
            return 400, {"error": "JSON Value: {} Is not object".format(data.decode("utf-8", "replace")[:200])}
        try:
            version = int(match.group(2)) if match.group(2) else None
            return servable.predict(version, request)
        except Exception as e:  # TensorFlow's own message, as TensorFlow Serving passes it on
            return 400, {"error": str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__}

    def call(self, uri, payload):
        """A request to this server without leaving the process's HTTP stack behind."""
        request = urllib.request.Request(uri, data=payload.encode("utf-8"), method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=600) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8")


def start(models, default_name):
    servables = {name: Servable(name, path) for name, path in models.items()}
    return Server(servables, default_name)
