"""The web app SageMaker talks to: GET /ping answers 200 once the model loads, POST /invocations
scores a request. scoring.py holds what is particular to {{LIBRARY}}."""
import os

import flask

import scoring

MODEL_DIR = os.environ.get("SM_MODEL_DIR", "/opt/ml/model")

app = flask.Flask(__name__)
_model = None


def model():
    global _model
    if _model is None:
        _model = scoring.load(MODEL_DIR)
    return _model


@app.route("/ping", methods=["GET"])
def ping():
    try:
        model()
    except Exception as error:  # unhealthy until the model loads: SageMaker keeps the instance out of service
        return flask.Response(response="The model can't be loaded: %s\n" % error, status=404, mimetype="text/plain")
    return flask.Response(response="\n", status=200, mimetype="application/json")


@app.route("/invocations", methods=["POST"])
def invocations():
    content_type = (flask.request.content_type or scoring.CONTENT_TYPES[0]).split(";")[0].strip()
    if content_type not in scoring.CONTENT_TYPES:
        return flask.Response(response="This predictor takes %s, not %s\n" % (", ".join(scoring.CONTENT_TYPES),
                              content_type), status=415, mimetype="text/plain")
    result = scoring.predict(model(), flask.request.get_data(), content_type)
    return flask.Response(response=result, status=200, mimetype="application/json")
