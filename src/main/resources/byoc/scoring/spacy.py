"""spaCy: the model folder is a saved pipeline (nlp.to_disk); each text comes back as its tokens
and named entities."""
import json

import spacy

CONTENT_TYPES = ["application/json", "text/plain"]


def load(model_dir):
    return spacy.load(model_dir)


def predict(nlp, body, content_type):
    """text/plain is one text; JSON is {"text": ...}, a string, or a list of either."""
    if content_type == "text/plain":
        texts = [body.decode("utf-8")]
    else:
        data = json.loads(body)
        items = data if isinstance(data, list) else [data]
        texts = [item["text"] if isinstance(item, dict) else item for item in items]
    answers = []
    for doc in nlp.pipe(texts):
        answers.append({
            "tokens": [token.text for token in doc],
            "entities": [{"text": ent.text, "label": ent.label_, "start": ent.start_char, "end": ent.end_char}
                         for ent in doc.ents],
        })
    return json.dumps(answers)
