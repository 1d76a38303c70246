"""The parts of sagemaker-containers (the legacy serving stack of the scikit-learn and XGBoost
images) that inference scripts import: content types, encoders, errors and the worker's
Response. Behaviour as in aws/sagemaker-containers, src/sagemaker_containers."""
