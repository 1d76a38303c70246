"""Keeps the MXNet container's default handlers: no model_fn, so the default loads the files."""
