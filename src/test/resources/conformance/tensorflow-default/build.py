"""A SavedModel under 1/ whose serving signature computes x @ [1, 2, 3]."""
import os
import sys

import tensorflow as tf


class Dot(tf.Module):
    def __init__(self):
        super().__init__()
        self.w = tf.Variable([[1.0], [2.0], [3.0]])

    @tf.function(input_signature=[tf.TensorSpec([None, 3], tf.float32, name="x")])
    def serve(self, x):
        return {"y": tf.matmul(x, self.w)}


model = Dot()
tf.saved_model.save(model, os.path.join(sys.argv[1], "1"), signatures={"serving_default": model.serve})
