"""A Hugging Face entry point whose model_fn builds the model: the archive holds only code/."""
import os


class Echo(object):
    def __init__(self, model_dir):
        self.files = sorted(os.listdir(model_dir))

    def __call__(self, inputs):
        return [{"echo": inputs, "model_dir": self.files}]


def model_fn(model_dir):
    return Echo(model_dir)
