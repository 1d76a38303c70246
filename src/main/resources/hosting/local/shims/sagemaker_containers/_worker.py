"""The worker's Response (sagemaker_containers/_worker.py:118-139): what an output_fn or
transform_fn of the legacy stack may return instead of a (body, content type) tuple. A Flask
Response: its default type is application/json, and text types get '; charset=utf-8'."""
from sagemaker_containers import _content_types


class Response(object):
    default_mimetype = _content_types.JSON

    def __init__(self, response=None, accept=None, status=200, headers=None, mimetype=None,
                 direct_passthrough=False):
        self.response = response
        self.status_code = int(status)
        self.headers = dict(headers or {})
        self.mimetype = mimetype or self.default_mimetype

    @property
    def content_type(self):
        if self.mimetype.startswith("text/") or self.mimetype in ("application/xml", "application/javascript"):
            return self.mimetype + "; charset=utf-8"
        return self.mimetype

    def get_data(self):
        body = self.response
        if body is None:
            return b""
        if isinstance(body, str):
            return body.encode("utf-8")
        if isinstance(body, (bytes, bytearray)):
            return bytes(body)
        return b"".join(part.encode("utf-8") if isinstance(part, str) else bytes(part) for part in body)
