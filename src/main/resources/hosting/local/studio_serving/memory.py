"""The memory a model server's processes use, and a limit on it: a serverless endpoint's memory
size, applied the way a container's memory limit acts (the largest process is stopped when the
sum passes it, as the kernel's out-of-memory killer stops one in a container).

Resident memory is read from /proc on Linux and from ps elsewhere; where neither answers (Windows)
no limit can be applied, and the server says so once.
"""
import os
import subprocess
import sys
import threading
import time


def rss_mb(pids):
    return sum(_rss_kb(pid) for pid in pids) / 1024.0


def _rss_kb(pid):
    try:
        with open("/proc/{}/status".format(pid)) as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0
    except OSError:
        pass
    if sys.platform == "win32":
        return 0
    try:
        out = subprocess.run(["ps", "-o", "rss=", "-p", str(pid)], capture_output=True, text=True, timeout=5)
        return int(out.stdout.strip() or 0)
    except (OSError, ValueError, subprocess.SubprocessError):
        return 0


def measurable():
    return sys.platform != "win32"


def enforce(limit_mb, worker_pids, stop_worker, interval=0.2):
    """Watches this process and its workers; when together they pass limit_mb, stops the worker
    using the most (the pool replaces it, and the request it served gets the container's answer
    for a worker that died)."""
    if not measurable():
        print("[studio] the memory size of {} MB can't be applied on this system".format(limit_mb), flush=True)
        return

    def watch():
        while True:
            time.sleep(interval)
            pids = list(worker_pids())
            used = rss_mb([os.getpid()] + pids)
            if used <= limit_mb or not pids:
                continue
            largest = max(pids, key=_rss_kb)
            print("[studio] the model server used {:.0f} MB, more than the endpoint's memory size of {} MB; "
                  "its largest worker was stopped".format(used, limit_mb), file=sys.stderr, flush=True)
            stop_worker(largest)

    threading.Thread(target=watch, name="memory-limit", daemon=True).start()
