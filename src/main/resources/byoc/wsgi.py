# gunicorn's entry point: the Flask app of predictor.py.
import predictor as myapp

app = myapp.app
