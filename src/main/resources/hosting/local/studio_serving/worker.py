"""One worker process: loads the model the way the chosen personality's container does, then
answers the requests the front process sends over its pipe, one at a time.

Messages in: ("invoke", headers, body) or ("execution-parameters",). Messages out: ("ready",) or
("failed", message, explanation) once; then per request ("reply", status, content_type, headers,
body, explanation), or for an answer in parts ("head", ...), ("part", bytes)..., ("end",); for
execution parameters a "reply", or ("none",) when the container has no such route.
"""
import os
import sys
import traceback

from studio_serving import base, personality


def prepare_path(model_dir, shims):
    """The code folder first (the toolkits put it on PYTHONPATH), then the modules the images
    install for scripts (sagemaker_inference, sagemaker_containers)."""
    for entry in (shims, base.code_dir(model_dir)):
        if entry not in sys.path:
            sys.path.insert(0, entry)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [base.code_dir(model_dir), shims] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])


def run(conn, name, model_dir, shims):
    prepare_path(model_dir, shims)
    try:
        served = personality(name)(model_dir)
        served.load()
    except base.StartupRefusal as e:
        conn.send(("failed", str(e), e.explanation))
        return
    except Exception as e:
        traceback.print_exc(file=sys.stderr)
        served = locals().get("served")
        stage = getattr(served, "stage", None)
        message = "{}: {}".format(type(e).__name__, e)
        conn.send(("failed", "loading the model failed: {} raised {}".format(stage, message) if stage else message,
                   base.explain_exception(e, getattr(served, "container", "container"))))
        return
    conn.send(("ready",))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] == "execution-parameters":
            reply = execution_parameters(served)
            conn.send(("none",) if reply is None else
                      ("reply", reply.status, reply.content_type, reply.headers, reply.body, reply.explanation))
            continue
        reply = answer(served, base.Request(message[1], message[2]))
        if reply.parts is None:
            conn.send(("reply", reply.status, reply.content_type, reply.headers, reply.body, reply.explanation))
            continue
        conn.send(("head", reply.status, reply.content_type, reply.headers, reply.explanation))
        try:
            for part in reply.parts:
                data = base.as_bytes(part)
                if data:
                    conn.send(("part", data))
        except Exception:
            traceback.print_exc(file=sys.stderr)
        conn.send(("end",))


def answer(served, request):
    try:
        return served.invoke(request)
    except Exception as e:  # a personality answers every failure itself; this is the last guard
        traceback.print_exc(file=sys.stderr)
        return base.Reply(500, "{}: {}".format(type(e).__name__, e), "text/plain")


def execution_parameters(served):
    """GET /execution-parameters, which batch transform asks before its first request; None where the
    container has no such route (it answers 404 and SageMaker uses its defaults)."""
    method = getattr(served, "execution_parameters", None)
    if method is None:
        return None
    try:
        return method()
    except Exception as e:
        traceback.print_exc(file=sys.stderr)
        return base.Reply(500, "{}: {}".format(type(e).__name__, e), "text/plain")
