"""The context object the Java model servers (TorchServe, Multi Model Server) hand to the
handler service, and through the toolkit's transformer to handlers that take one more argument.

One object per worker, made when the model loads and updated for every request, as the model
servers do; handlers see the request's headers through request_processor and may set the
response's status, content type and headers.
"""


class RequestProcessor(object):
    def __init__(self, request_header):
        self._status_code = 200
        self._reason_phrase = None
        self._response_header = {}
        self._request_header = request_header

    def get_request_property(self, key):
        return self._request_header.get(key)

    def get_request_properties(self):
        return self._request_header

    def report_status(self, code, reason=None):
        self._status_code = code
        self._reason_phrase = reason

    def get_response_status_code(self):
        return self._status_code

    def get_response_status_phrase(self):
        return self._reason_phrase

    def add_response_property(self, key, value):
        self._response_header[key] = value

    def get_response_headers(self):
        return self._response_header

    def get_response_header(self, key):
        return self._response_header.get(key)


class Context(object):
    def __init__(self, model_name, model_dir, manifest, batch_size, gpu, server_name, server_version):
        self.model_name = model_name
        self.manifest = manifest
        self._system_properties = {
            "model_dir": model_dir,
            "gpu_id": gpu,
            "batch_size": batch_size,
            "server_name": server_name,
            "server_version": server_version,
            "limit_max_image_pixels": True,
        }
        self.request_ids = None
        self.request_processor = [RequestProcessor({})]
        self.metrics = _Metrics()

    @property
    def system_properties(self):
        return self._system_properties

    def begin(self, request):
        """The model server's per-request update: headers as sent, one request per batch."""
        headers = {}
        for key, value in request.headers:
            headers[key] = value
        self.request_ids = {0: "local"}
        self.request_processor = [RequestProcessor(headers)]

    def get_request_id(self, idx=0):
        return self.request_ids.get(idx) if self.request_ids else None

    def get_request_header(self, idx, key):
        return self.request_processor[idx].get_request_property(key)

    def get_all_request_header(self, idx):
        return self.request_processor[idx].get_request_properties()

    def set_response_content_type(self, idx, value):
        self.set_response_header(idx, "content-type", value)

    def get_response_content_type(self, idx):
        return self.get_response_headers(idx).get("content-type")

    def get_response_status(self, idx):
        return (self.request_processor[idx].get_response_status_code(),
                self.request_processor[idx].get_response_status_phrase())

    def set_response_status(self, code=200, phrase="", idx=0):
        self.request_processor[idx].report_status(code, phrase)

    def set_all_response_status(self, code=200, phrase=""):
        for processor in self.request_processor:
            processor.report_status(code, phrase)

    def get_response_headers(self, idx):
        return self.request_processor[idx].get_response_headers()

    def set_response_header(self, idx, key, value):
        self.request_processor[idx].add_response_property(key, value)

    def __eq__(self, other):
        return isinstance(other, Context) and self.__dict__ == other.__dict__


class _Metrics(object):
    """Metrics calls succeed and are dropped: Local charts its own latencies."""

    def add_time(self, *args, **kwargs):
        pass

    def add_size(self, *args, **kwargs):
        pass

    def add_counter(self, *args, **kwargs):
        pass

    def add_metric(self, *args, **kwargs):
        pass
