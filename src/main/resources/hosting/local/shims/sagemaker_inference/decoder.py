"""Default decoders (sagemaker_inference/decoder.py:26-108): the content type must match a key
exactly, so 'application/json; charset=utf-8' is unsupported. CSV goes through
numpy.genfromtxt, which turns a single row into a 1-D array."""
import json
from io import BytesIO, StringIO

from sagemaker_inference import content_types, errors


def _numpy():
    import numpy
    return numpy


def _json_to_numpy(string_like, dtype=None):
    data = json.loads(string_like)
    return _numpy().array(data, dtype=dtype)


def _csv_to_numpy(string_like, dtype=None):
    stream = StringIO(string_like)
    return _numpy().genfromtxt(stream, dtype=dtype, delimiter=",")


def _npy_to_numpy(npy_array):
    stream = BytesIO(npy_array)
    return _numpy().load(stream, allow_pickle=True)


def _npz_to_sparse(npz_bytes):
    import scipy.sparse
    return scipy.sparse.load_npz(BytesIO(npz_bytes))


_decoder_map = {
    content_types.NPY: _npy_to_numpy,
    content_types.CSV: _csv_to_numpy,
    content_types.JSON: _json_to_numpy,
    content_types.NPZ: _npz_to_sparse,
}


def decode(obj, content_type):
    try:
        decoder = _decoder_map[content_type]
    except KeyError:
        raise errors.UnsupportedFormatError(content_type)
    return decoder(obj)
