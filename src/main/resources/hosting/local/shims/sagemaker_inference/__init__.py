"""The parts of the SageMaker inference toolkit that inference scripts import.

The framework images (PyTorch, MXNet, Hugging Face, XGBoost, scikit-learn) install the
toolkit, so scripts may import its decoders, encoders and errors. This copy behaves as the
toolkit does (aws/sagemaker-inference-toolkit, src/sagemaker_inference), reduced to what a
script can see; the model server itself is played by Endpoint Studio.
"""
