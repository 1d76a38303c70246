"""Serves a SageMaker model folder on this computer the way one framework container does.

The Endpoint Studio starts one such process per local endpoint, with the user's own Python and
the Model's container environment:

    python sagemaker_serve.py --model-dir DIR --port PORT --personality sklearn

It follows the container contract (GET /ping, POST /invocations, the model folder playing
/opt/ml/model). The personality (studio_serving/) reproduces the chosen container: how it loads
the model and refuses to start, its handlers, decoders, encoders, status codes and error bodies.
This front process starts as many worker processes as the container would
(SAGEMAKER_MODEL_SERVER_WORKERS, …), gives each request to an idle one, and replaces a worker
that runs past the container's timeout or dies; /ping answers 200 while a worker can serve.

Lines on stdout starting with "STUDIO " talk to the studio: "STUDIO READY <port>" once every
worker has loaded the model and the port is open, "STUDIO FAILED <reason>" when it can't start.
"""
import argparse
import multiprocessing
import os
import queue
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from studio_serving import base, memory, multimodel, personality  # noqa: E402
from studio_serving import worker as worker_module  # noqa: E402

EXPLANATION = "X-Endpoint-Studio-Explanation"


def header_text(sentence):
    text = " ".join(str(sentence).split())
    return text.encode("ascii", "replace").decode("ascii")


class Worker(object):
    def __init__(self, process, conn, number):
        self.process = process
        self.conn = conn
        self.number = number


class Pool(object):
    """The worker processes of one endpoint. Requests wait for an idle worker, as in the model
    servers' job queues."""

    def __init__(self, name, served, model_dir, size, timeout):
        self.name = name
        self.served = served
        self.model_dir = model_dir
        self.size = size
        self.timeout = timeout
        self.context = multiprocessing.get_context("spawn")
        self.idle = queue.Queue()
        self.lock = threading.Lock()
        self.live = 0
        self.starting = 0
        self.numbers = 0
        self.shims = os.path.join(HERE, "shims")
        self.workers = []
        self.closed = False

    def spawn(self):
        parent, child = self.context.Pipe()
        with self.lock:
            self.numbers += 1
            number = self.numbers
            self.starting += 1
        process = self.context.Process(target=worker_module.run, args=(child, self.name, self.model_dir, self.shims),
                                       name="model-worker-{}".format(number), daemon=True)
        process.start()
        child.close()
        worker = Worker(process, parent, number)
        with self.lock:
            self.workers.append(worker)
        return worker

    def await_ready(self, worker):
        """None once the worker loaded the model, else (message, explanation)."""
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(1)
            message = ("failed", "the worker process exited with code {} while loading the model".format(
                worker.process.exitcode), None)
        with self.lock:
            self.starting -= 1
            if message[0] == "ready":
                self.live += 1
        if message[0] == "ready":
            return None
        self.stop(worker, counted=False)
        return message[1], message[2]

    def start(self):
        workers = [self.spawn() for _ in range(self.size)]
        failure = None
        for worker in workers:
            result = self.await_ready(worker)
            if result is None:
                self.idle.put(worker)
            elif failure is None:
                failure = result
        return failure

    def replace(self, why):
        if self.closed:
            return
        print("[studio] worker {}; starting a new one".format(why), file=sys.stderr, flush=True)

        def start_one():
            worker = self.spawn()
            failure = self.await_ready(worker)
            if failure is None:
                self.idle.put(worker)
            else:
                print("[studio] the new worker could not load the model: {}".format(failure[0]), file=sys.stderr,
                      flush=True)

        threading.Thread(target=start_one, daemon=True).start()

    def stop(self, worker, counted=True):
        with self.lock:
            if worker in self.workers:
                self.workers.remove(worker)
        try:
            worker.process.kill()
            worker.process.join(2)
        except Exception:
            pass
        try:
            worker.conn.close()
        except Exception:
            pass
        if counted:
            with self.lock:
                self.live -= 1

    def pids(self):
        with self.lock:
            return [w.process.pid for w in self.workers if w.process.pid]

    def kill(self, pid):
        """Stops one worker process (its pool notices at its next request and starts another)."""
        with self.lock:
            targets = [w for w in self.workers if w.process.pid == pid]
        for worker in targets:
            try:
                worker.process.kill()
            except Exception:
                pass

    def close(self):
        """Stops every worker: the model is unloaded."""
        self.closed = True
        with self.lock:
            workers = list(self.workers)
        for worker in workers:
            self.stop(worker, counted=False)
        with self.lock:
            self.live = 0

    def healthy(self):
        with self.lock:
            return self.live > 0

    def acquire(self):
        while True:
            try:
                return self.idle.get(timeout=1.0)
            except queue.Empty:
                with self.lock:
                    if self.live == 0 and self.starting == 0:
                        return None

    def invoke(self, headers, body, write_head, write_part):
        """Sends one request to an idle worker. Returns a complete reply tuple, or None when the
        answer went out in parts through write_head / write_part."""
        worker = self.acquire()
        if worker is None:
            return (503, "application/json", {}, base.as_bytes(base.model_server_error(
                503, "No worker is available to serve request: model", "ServiceUnavailableException")),
                "Every worker of this endpoint failed to load the model again; the endpoint's log says why.")
        try:
            worker.conn.send(("invoke", headers, body))
            message = self.receive(worker)
            if message[0] == "reply":
                self.idle.put(worker)
                return message[1:]
            write_head(*message[1:])
            while True:
                message = self.receive(worker)
                if message[0] == "end":
                    break
                write_part(message[1])
            self.idle.put(worker)
            return None
        except TimeoutError:
            self.stop(worker)
            self.replace("{} ran past the {:g} s timeout".format(worker.number, self.timeout))
            reply = self.served.timeout_reply(self.timeout)
        except (EOFError, OSError, BrokenPipeError):
            self.stop(worker)
            self.replace("{} exited (code {})".format(worker.number, worker.process.exitcode))
            reply = self.served.died_reply()
        return reply.status, reply.content_type, reply.headers, reply.body, reply.explanation

    def execution_parameters(self):
        """The container's answer to GET /execution-parameters, or None when it has no such route."""
        worker = self.acquire()
        if worker is None:
            return None
        try:
            worker.conn.send(("execution-parameters",))
            message = self.receive(worker)
            self.idle.put(worker)
            return None if message[0] == "none" else message[1:]
        except (TimeoutError, EOFError, OSError):
            self.stop(worker)
            self.replace("{} did not answer GET /execution-parameters".format(worker.number))
            return None

    def receive(self, worker):
        if not worker.conn.poll(self.timeout):
            raise TimeoutError()
        return worker.conn.recv()


def make_handler(pool, max_bytes, registry=None):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self):
            super().setup()
            # headers and body go out as separate writes; without this, Nagle's algorithm and the
            # client's delayed ACK add about 40 ms to every keep-alive request
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, fmt, *args):
            pass  # one line per request would drown the model's own log

        def _reply(self, status, content_type, headers, body, explanation=None, latency=None):
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                if key.lower() not in ("content-length", "content-type", "transfer-encoding", "connection"):
                    self.send_header(key, str(value))
            if explanation:
                self.send_header(EXPLANATION, header_text(explanation))
            if latency is not None:
                self.send_header("X-Model-Latency-Micros", str(latency))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if self.path == "/ping":
                self._reply(200 if registry is not None or pool.healthy() else 503, None, {}, b"")
            elif self.path == "/execution-parameters":
                reply = pool.execution_parameters() if registry is None else None
                if reply is None:
                    self._reply(404, "text/plain", {}, b"Not Found")
                else:
                    self._reply(*reply)
            elif registry is not None and self.path == "/models":
                self._reply(*registry.listing())
            elif registry is not None and self.path.startswith("/models/"):
                self._reply(*registry.describe(self.path[len("/models/"):]))
            else:
                self._reply(404, "text/plain", {}, b"Not Found")

        def do_DELETE(self):
            if registry is not None and self.path.startswith("/models/"):
                self._reply(*registry.unload(self.path[len("/models/"):]))
            else:
                self._reply(404, "text/plain", {}, b"Not Found")

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            target = pool
            if registry is not None and self.path == "/models":
                self._reply(*registry.load(body))
                return
            if registry is not None and self.path.startswith("/models/") and self.path.endswith("/invoke"):
                name = self.path[len("/models/"):-len("/invoke")]
                target = registry.pool(name)
                if target is None:
                    self._reply(*multimodel.error(404, "ModelNotFoundException", "Model not found: {}".format(name)))
                    return
            elif self.path != "/invocations" or registry is not None:
                self._reply(404, "text/plain", {}, b"Not Found")
                return
            if length > max_bytes:
                self._reply(413, "text/plain", {}, "the request body is {} bytes; the limit is {}".format(
                    length, max_bytes).encode("utf-8"))
                return
            started = time.perf_counter()
            streamed = {}

            def write_head(status, content_type, headers, explanation):
                streamed["head"] = True
                self.send_response(status)
                self.send_header("Content-Type", content_type or "text/plain")
                self.send_header("Transfer-Encoding", "chunked")
                if explanation:
                    self.send_header(EXPLANATION, header_text(explanation))
                self.send_header("X-Model-Latency-Micros", str(int((time.perf_counter() - started) * 1e6)))
                self.end_headers()

            def write_part(data):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
                self.wfile.flush()

            reply = target.invoke(list(self.headers.items()), body, write_head, write_part)
            if reply is None or streamed:
                if streamed:
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                return
            status, content_type, headers, data, explanation = reply
            self._reply(status, content_type, headers, data, explanation,
                        int((time.perf_counter() - started) * 1_000_000))

    return Handler


def main():
    parser = argparse.ArgumentParser(description="Serve a SageMaker model folder on 127.0.0.1.")
    parser.add_argument("--model-dir", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--personality", default="toolkit")
    parser.add_argument("--max-payload-bytes", type=int, default=6 * 1024 * 1024)
    parser.add_argument("--multi-model", action="store_true",
                        help="MultiModel mode: models are loaded through the /models API")
    parser.add_argument("--max-models", type=int, default=0)
    parser.add_argument("--memory-budget-mb", type=int, default=0)
    parser.add_argument("--memory-limit-mb", type=int, default=0)
    args = parser.parse_args()
    model_dir = os.path.abspath(args.model_dir)
    os.environ.setdefault("SAGEMAKER_MODEL_DIR", model_dir)
    if args.multi_model:
        serve_multi_model(args)
        return

    try:
        served = personality(args.personality)
        size = served.workers(model_dir)
        timeout = served.timeout(model_dir)
    except base.StartupRefusal as e:
        fail(str(e), e.explanation, 3)
    print("[studio] {}: {} worker{}, {:g} s timeout".format(served.container, size, "" if size == 1 else "s", timeout),
          flush=True)
    pool = Pool(args.personality, served, model_dir, max(1, size), timeout)
    failure = pool.start()
    if failure is not None:
        fail(failure[0], failure[1], 4)
    try:
        server = ThreadingHTTPServer((args.host, args.port), make_handler(pool, args.max_payload_bytes))
    except OSError as e:
        fail("port {} can't be opened on {}: {}".format(args.port, args.host, e.strerror), None, 5)
    if args.memory_limit_mb:
        memory.enforce(args.memory_limit_mb, pool.pids, pool.kill)
    serve(server)


def serve(server):
    server.daemon_threads = True
    print("STUDIO READY {}".format(server.server_address[1]), flush=True)
    threading.Thread(target=_exit_with_parent, daemon=True).start()
    server.serve_forever()


def serve_multi_model(args):
    """A container in MultiModel mode starts with no model; each is loaded when SageMaker asks."""
    try:
        served = personality(args.personality)
    except base.StartupRefusal as e:
        fail(str(e), e.explanation, 3)

    def make_pool(url):
        return Pool(args.personality, served, url, max(1, served.workers(url)), served.timeout(url))

    registry = multimodel.Registry(make_pool, args.max_models, args.memory_budget_mb)
    print("[studio] {} in multi-model mode: models are loaded on their first invocation".format(served.container),
          flush=True)
    try:
        server = ThreadingHTTPServer((args.host, args.port), make_handler(None, args.max_payload_bytes, registry))
    except OSError as e:
        fail("port {} can't be opened on {}: {}".format(args.port, args.host, e.strerror), None, 5)
    if args.memory_limit_mb:
        memory.enforce(args.memory_limit_mb, registry.pids, lambda pid: [p.kill(pid) for p, _ in
                                                                           list(registry.models.values())])
    serve(server)


def fail(message, explanation, code):
    text = " ".join(str(message).split())
    if explanation:
        text += " | " + " ".join(str(explanation).split())
    print("STUDIO FAILED {}".format(text), flush=True)
    sys.exit(code)


def _exit_with_parent():
    """Ends the process when the studio's end of stdin closes, so no server outlives it."""
    try:
        while sys.stdin.read(1):
            pass
    except Exception:
        pass
    for child in multiprocessing.active_children():
        child.kill()
    os._exit(0)


if __name__ == "__main__":
    main()
