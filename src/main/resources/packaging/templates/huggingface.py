"""Handlers the SageMaker Hugging Face container calls for this model.

Without this file the container builds a transformers pipeline from the files at the
archive root (config.json, weights, tokenizer) and the HF_TASK environment variable.
Write these functions when you need your own loading or pre- and post-processing.
"""
import json

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer


def model_fn(model_dir):
    """Loads the tokenizer and the model once, when the container starts."""
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForSequenceClassification.from_pretrained(model_dir)
    model.eval()
    return tokenizer, model


def input_fn(request_body, content_type):
    """Accepts {"inputs": "text"} or {"inputs": ["text", ...]}."""
    if content_type == "application/json":
        inputs = json.loads(request_body)["inputs"]
        return [inputs] if isinstance(inputs, str) else inputs
    raise ValueError(f"Unsupported content type: {content_type}")


def predict_fn(texts, model_and_tokenizer):
    tokenizer, model = model_and_tokenizer
    encoded = tokenizer(texts, padding=True, truncation=True, return_tensors="pt")
    with torch.no_grad():
        logits = model(**encoded).logits
    scores = torch.softmax(logits, dim=-1)
    labels = model.config.id2label
    return [{"label": labels[int(row.argmax())], "score": float(row.max())} for row in scores]


def output_fn(prediction, accept):
    if accept in ("application/json", "*/*"):
        return json.dumps(prediction)
    raise ValueError(f"Unsupported accept type: {accept}")
