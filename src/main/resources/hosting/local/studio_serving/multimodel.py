"""A container in MultiModel mode: the API SageMaker's platform calls to load, list, get and
unload models and to invoke one of them (the custom container contract for multi-model
endpoints, mms-container-apis.md of the SageMaker Developer Guide, as Multi Model Server
implements it for the framework containers).

Each loaded model has its own worker processes, as Multi Model Server starts workers per model.
A load the container has no room for answers 507 (a count limit, or the memory the loaded
models' processes use), and SageMaker then unloads the least recently used model and retries.
"""
import json
import threading

from studio_serving import base, memory


def error(status, kind, message):
    return status, "application/json", {}, base.as_bytes(base.model_server_error(status, message, kind)), None


def ok(document):
    return 200, "application/json", {}, json.dumps(document).encode("utf-8"), None


class Registry(object):
    """The models this container holds: model_name -> (pool, url)."""

    def __init__(self, make_pool, max_models, budget_mb):
        self.make_pool = make_pool
        self.max_models = max_models
        self.budget_mb = budget_mb
        self.models = {}
        self.lock = threading.Lock()

    def load(self, body):
        try:
            request = json.loads(body.decode("utf-8"))
            name, url = request["model_name"], request["url"]
        except (ValueError, KeyError, AttributeError):
            return error(400, "BadRequestException", "Parameter model_name and url are required.")
        with self.lock:
            if name in self.models:
                return error(409, "ConflictStatusException", "Model {} is already registered.".format(name))
            room = self.room()
            if room is not None:
                return error(507, "InsufficientStorageException", room)
        pool = self.make_pool(url)
        failure = pool.start()
        if failure is not None:
            pool.close()
            message = failure[0] if not failure[1] else "{} ({})".format(failure[0], failure[1])
            return error(500, "InternalServerException", "Failed to load model {}: {}".format(name, message))
        with self.lock:
            self.models[name] = (pool, url)
        print("[studio] loaded model {} from {}".format(name, url), flush=True)
        return ok({"status": "Model \"{}\" loaded".format(name)})

    def room(self):
        """None when one more model fits, else why not."""
        if self.max_models and len(self.models) >= self.max_models:
            return "{} models are loaded, as many as this container holds.".format(len(self.models))
        if self.models and self.budget_mb:
            used = sum(memory.rss_mb(pool.pids()) for pool, _ in self.models.values())
            expected = used / len(self.models)
            if used + expected > self.budget_mb:
                return "The loaded models use {:.0f} MB; one more would pass the {} MB the instance has.".format(
                    used, self.budget_mb)
        return None

    def listing(self):
        with self.lock:
            return ok({"models": [{"modelName": name, "modelUrl": url} for name, (_, url) in self.models.items()]})

    def describe(self, name):
        with self.lock:
            if name not in self.models:
                return error(404, "ModelNotFoundException", "Model not found: {}".format(name))
            return ok({"modelName": name, "modelUrl": self.models[name][1]})

    def unload(self, name):
        with self.lock:
            entry = self.models.pop(name, None)
        if entry is None:
            return error(404, "ModelNotFoundException", "Model not found: {}".format(name))
        entry[0].close()
        print("[studio] unloaded model {}".format(name), flush=True)
        return ok({"status": "Model \"{}\" unregistered".format(name)})

    def pool(self, name):
        with self.lock:
            entry = self.models.get(name)
        return None if entry is None else entry[0]

    def pids(self):
        with self.lock:
            return [pid for pool, _ in self.models.values() for pid in pool.pids()]
