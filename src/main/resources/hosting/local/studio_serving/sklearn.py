"""The scikit-learn container: its single-model endpoints run the legacy serving stack
(serving.py:150-159 starts gunicorn unless SAGEMAKER_MULTI_MODEL is set), with the defaults of
aws/sagemaker-scikit-learn-container src/sagemaker_sklearn_container/serving.py:38-108."""
from studio_serving.legacy import LegacyPersonality


class ScikitLearnPersonality(LegacyPersonality):
    container = "scikit-learn container"


PERSONALITY = ScikitLearnPersonality
