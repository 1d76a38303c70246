"""A tiny BERT text classifier with random weights and its tokenizer, saved as the Hugging Face
container expects them (no download: the vocabulary is written here)."""
import os
import sys

import torch
from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

model_dir = sys.argv[1]
vocab = os.path.join(sys.argv[2], "vocab.txt")
with open(vocab, "w") as f:
    f.write("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "world", "good", "bad"]) + "\n")
BertTokenizer(vocab).save_pretrained(model_dir)
torch.manual_seed(0)
config = BertConfig(vocab_size=9, hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32,
                    num_labels=2)
BertForSequenceClassification(config).save_pretrained(model_dir)
