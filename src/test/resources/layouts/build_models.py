"""Writes the model files the packaged-layout tests package, as users' own tools write them:

    python build_models.py OUT

OUT/half_plus_three/00000123/  a SavedModel computing x * 0.5 + 3 (TensorFlow Serving's example)
OUT/model1/1/, OUT/model2/1/   SavedModels computing x * 2 and x * 3
OUT/regression/model.joblib    a linear regression y = 2 x + 1
OUT/bert/                      a tiny BERT text classifier with its tokenizer (save_pretrained)
"""
import os
import sys

import joblib
import numpy as np
import tensorflow as tf
import torch
from sklearn.linear_model import LinearRegression
from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

out = sys.argv[1]


class Affine(tf.Module):
    def __init__(self, scale, offset):
        super().__init__()
        self.scale = tf.Variable(scale)
        self.offset = tf.Variable(offset)

    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32, name="x")])
    def serve(self, x):
        return {"y": x * self.scale + self.offset}


for folder, scale, offset in (("half_plus_three/00000123", 0.5, 3.0), ("model1/1", 2.0, 0.0), ("model2/1", 3.0, 0.0)):
    module = Affine(scale, offset)
    tf.saved_model.save(module, os.path.join(out, folder), signatures={"serving_default": module.serve})

os.makedirs(os.path.join(out, "regression"))
x = np.arange(10, dtype=float).reshape(-1, 1)
joblib.dump(LinearRegression().fit(x, 2 * x.ravel() + 1), os.path.join(out, "regression", "model.joblib"))

bert = os.path.join(out, "bert")
vocab = os.path.join(out, "vocab.txt")
with open(vocab, "w") as f:
    f.write("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "world", "good", "bad"]) + "\n")
BertTokenizer(vocab).save_pretrained(bert)
torch.manual_seed(0)
config = BertConfig(vocab_size=9, hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32,
                    num_labels=2)
BertForSequenceClassification(config).save_pretrained(bert)
