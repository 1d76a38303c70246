"""Default encoders (sagemaker_inference/encoder.py:25-104)."""
import json
from io import BytesIO, StringIO

from sagemaker_inference import content_types, errors


def _array_to_json(array_like):
    def default(_array_like):
        if hasattr(_array_like, "tolist"):
            return _array_like.tolist()
        return json.JSONEncoder().default(_array_like)

    return json.dumps(array_like, default=default)


def _array_to_npy(array_like):
    import numpy
    buffer = BytesIO()
    numpy.save(buffer, array_like)
    return buffer.getvalue()


def _array_to_csv(array_like):
    import numpy
    stream = StringIO()
    numpy.savetxt(stream, array_like, delimiter=",", fmt="%s")
    return stream.getvalue()


_encoder_map = {
    content_types.NPY: _array_to_npy,
    content_types.CSV: _array_to_csv,
    content_types.JSON: _array_to_json,
}

SUPPORTED_CONTENT_TYPES = set(_encoder_map.keys())


def encode(array_like, content_type):
    try:
        encoder = _encoder_map[content_type]
    except KeyError:
        raise errors.UnsupportedFormatError(content_type)
    return encoder(array_like)
