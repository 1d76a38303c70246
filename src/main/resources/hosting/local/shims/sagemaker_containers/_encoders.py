"""Encoders and decoders of the legacy stack (sagemaker_containers/_encoders.py:32-234).

CSV is read with the csv module into a NumPy array that is squeezed
(_encoders.py:114-126): one row becomes a 1-D array. Content types must match exactly."""
import csv
import json
from io import BytesIO, StringIO

from sagemaker_containers import _content_types, _errors


def _np():
    import numpy
    return numpy


def array_to_npy(array_like):
    buffer = BytesIO()
    _np().save(buffer, array_like)
    return buffer.getvalue()


def npy_to_numpy(npy_array):
    return _np().load(BytesIO(npy_array), allow_pickle=True)


def array_to_json(array_like):
    def default(_array_like):
        if hasattr(_array_like, "tolist"):
            return _array_like.tolist()
        return json.JSONEncoder().default(_array_like)

    return json.dumps(array_like, default=default)


def json_to_numpy(string_like, dtype=None):
    data = json.loads(string_like)
    return _np().array(data, dtype=dtype)


def csv_to_numpy(string_like, dtype=None):
    np = _np()
    try:
        stream = StringIO(string_like)
        reader = csv.reader(stream, delimiter=",", quotechar='"', doublequote=True, strict=True)
        array = np.array([row for row in reader]).squeeze()
        array = array.astype(dtype)
    except ValueError as e:
        # with no dtype a failed conversion is ignored: the array of strings is returned as read
        if dtype is not None:
            raise _errors.ClientError("Error while writing numpy array: {}. dtype is: {}".format(e, dtype))
    except Exception as e:
        raise _errors.ClientError("Error while decoding csv: {}".format(e))
    return array


def array_to_csv(array_like):
    np = _np()
    array = np.array(array_like)
    if len(array.shape) == 1:
        array = np.reshape(array, (array.shape[0], 1))
    try:
        stream = StringIO()
        writer = csv.writer(stream, lineterminator="\n", delimiter=",", quotechar='"', doublequote=True,
                            strict=True)
        writer.writerows(array)
        return stream.getvalue()
    except csv.Error as e:
        raise _errors.ClientError("Error while encoding csv: {}".format(e))


_encoders_map = {
    _content_types.NPY: array_to_npy,
    _content_types.CSV: array_to_csv,
    _content_types.JSON: array_to_json,
}
_decoders_map = {
    _content_types.NPY: npy_to_numpy,
    _content_types.CSV: csv_to_numpy,
    _content_types.JSON: json_to_numpy,
}


def decode(obj, content_type):
    try:
        decoder = _decoders_map[content_type]
    except KeyError:
        raise _errors.UnsupportedFormatError(content_type)
    return decoder(obj)


def encode(array_like, content_type):
    try:
        encoder = _encoders_map[content_type]
    except KeyError:
        raise _errors.UnsupportedFormatError(content_type)
    return encoder(array_like)
