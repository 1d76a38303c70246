"""The names scripts import as sagemaker_containers.beta.framework (content_types, encoders,
errors, worker), as in sagemaker_containers/beta/framework/__init__.py."""
from sagemaker_containers import _content_types as content_types  # noqa: F401
from sagemaker_containers import _encoders as encoders  # noqa: F401
from sagemaker_containers import _errors as errors  # noqa: F401
from sagemaker_containers import _worker as worker  # noqa: F401
