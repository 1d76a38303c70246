"""The toolkit's exceptions (sagemaker_inference/errors.py:19-71).

UnsupportedFormatError is a plain Exception: the transformer answers it with 500, not 415
(transformer.py:158-167). A BaseInferenceToolkitError carries its own status code.
"""
import textwrap


class UnsupportedFormatError(Exception):
    def __init__(self, content_type, **kwargs):
        self._message = textwrap.dedent(
            """Content type %s is not supported by this framework.

            Please implement input_fn to to deserialize the request data or an output_fn to
            serialize the response. For more information, see the SageMaker Python SDK README."""
            % content_type
        )
        self.content_type = content_type
        super().__init__(self._message, **kwargs)


class BaseInferenceToolkitError(Exception):
    def __init__(self, status_code, message, phrase):
        self.status_code = status_code
        self.message = message
        self.phrase = phrase
        super().__init__(status_code, message, phrase)


class GenericInferenceToolkitError(BaseInferenceToolkitError):
    def __init__(self, status_code, message=None, phrase=None):
        message = message or "Invalid Request"
        phrase = phrase or message
        super().__init__(status_code, message, phrase)
