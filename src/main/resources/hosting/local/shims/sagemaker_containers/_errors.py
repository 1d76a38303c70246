"""Errors, as in sagemaker_containers/_errors.py:21-83. Every exception a script's handler raises
is re-raised as a ClientError (_functions.py:80-97)."""
import textwrap


class ClientError(Exception):
    """Error class used to separate framework and user errors."""


class ImportModuleError(ClientError):
    """A module failed to import."""


class UnsupportedFormatError(Exception):
    def __init__(self, content_type, **kwargs):
        self.message = textwrap.dedent(
            """Content type %s is not supported by this framework.

            Please implement input_fn to to deserialize the request data or an output_fn to
            serialize the response. For more information, see the SageMaker Python SDK README."""
            % content_type
        )
        self.content_type = content_type
        super().__init__(self.message, **kwargs)
