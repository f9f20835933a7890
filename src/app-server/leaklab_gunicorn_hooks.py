"""Gunicorn server hooks that let leaklab see inside any WSGI app without touching it.

Loaded with ``gunicorn -c <this file>``; every setting comes from the command line, so this file
only adds hooks. They write to LEAKLAB_STATE_DIR:

* ``workers/<pid>``: an 8-byte little-endian counter of requests served, mapped into memory
  so that updating it costs a store per request, and the harness reads it with one pread.
* ``events.jsonl``: one JSON line per worker life event (spawn, ready, exit with cause,
  reaped), appended with O_APPEND so concurrent workers never interleave a line.

With LEAKLAB_MAX_WORKER_RSS (bytes, 0 = off) a worker whose RSS passes the limit finishes its
request and is recycled: Gunicorn has no memory limit, and this is the workaround its
maintainers point to (set ``alive = False`` from a hook), checked every RSS_CHECK_EVERY requests.

With LEAKLAB_GUNICORN_CONFIG, the user's own gunicorn.conf.py runs first: its settings become
this file's (command-line flags from the scenario still win, as in Gunicorn), its hooks are
chained before leaklab's, and any lower-case name that is not a Gunicorn setting is reported:
Gunicorn's loader skips unknown names without a word (uWSGI's max_worker_lifetime, say).

Requests the storm tags with ``X-Leaklab-Entry: <mix index>`` are also counted per entry, in
``workers/<pid>.entries`` (ENTRY_SLOTS 8-byte counters, the same mapping and read), so leaklab
can tell which endpoint a worker's memory grew with (src/analyze/attribution*.ts).

With LEAKLAB_TRACE_DIR, every worker starts tracemalloc after its LEAKLAB_TRACE_WARMUP-th
request (from a hook, so the app needs no code), writes ``<pid>-base.json`` LEAKLAB_TRACE_SETTLE
requests later and ``<pid>-end.json`` at exit and every LEAKLAB_TRACE_EVERY requests after that
(a SIGKILLed worker loses at most that many): sizes grouped by traceback, which leaklab diffs
(src/trace/). With LEAKLAB_TRACER=memray, memray's Tracker (native frames too) starts at the same
point instead, into ``<pid>.memray``; at exit the worker closes it and writes
``<pid>-memray.json`` (requests served), and leaklab turns what is still allocated into the
same end-snapshot format with leaklab_memray_snapshot.py, run with the app's Python.

The master also watches its parent: if the harness dies without stopping it (SIGKILL), the
master shuts itself down instead of leaving workers behind.
"""

import json
import mmap
import os
import signal
import struct
import threading
import time
import types

_STATE_DIR = os.environ.get("LEAKLAB_STATE_DIR")
_MAX_RSS = int(os.environ.get("LEAKLAB_MAX_WORKER_RSS") or 0)
RSS_CHECK_EVERY = 32
_PAGE = os.sysconf("SC_PAGE_SIZE")
_counter = None
_pack = struct.Struct("<Q").pack_into
_OWN_HOOKS = ("when_ready", "post_fork", "post_worker_init", "post_request", "worker_exit", "worker_abort", "child_exit")
_user_hooks = {}
_unknown_settings = []


def _load_user_config(path):
    from gunicorn.config import KNOWN_SETTINGS

    known = {s.name for s in KNOWN_SETTINGS}
    namespace = {"__file__": path, "__name__": "__config__"}
    with open(path, "rb") as f:
        exec(compile(f.read(), path, "exec"), namespace)
    for name, value in namespace.items():
        if name.startswith("_") or isinstance(value, types.ModuleType):
            continue
        if name in _OWN_HOOKS and callable(value):
            _user_hooks[name] = value
        elif name in known:
            globals()[name] = value
        elif name.islower() and not callable(value):
            _unknown_settings.append(name)


def _user(hook, *args):
    fn = _user_hooks.get(hook)
    if fn is not None:
        fn(*args)


if os.environ.get("LEAKLAB_GUNICORN_CONFIG"):
    _load_user_config(os.environ["LEAKLAB_GUNICORN_CONFIG"])


def _event(kind, **fields):
    if not _STATE_DIR:
        return
    line = json.dumps({"t": time.time(), "kind": kind, **fields}) + "\n"
    fd = os.open(os.path.join(_STATE_DIR, "events.jsonl"), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


def _watch_parent(server, parent_pid):
    while True:
        time.sleep(1)
        if os.getppid() != parent_pid:
            server.log.warning("leaklab: the harness is gone; shutting down")
            os.kill(os.getpid(), signal.SIGTERM)
            return


def when_ready(server):
    _user("when_ready", server)
    if _unknown_settings:
        _event("unknown_settings", names=sorted(_unknown_settings))
    watcher = threading.Thread(target=_watch_parent, args=(server, os.getppid()), daemon=True)
    watcher.start()


def post_fork(server, worker):
    _user("post_fork", server, worker)
    _event("spawn", pid=worker.pid, age=worker.age)


def post_worker_init(worker):
    # The counter appears only once the app is loaded, so the harness starts sampling a worker
    # when it can serve: a fresh fork without preload is the master's ~20 MB image for a few
    # hundred milliseconds, and that boot dip is not the app's memory.
    global _counter
    _user("post_worker_init", worker)
    if not _STATE_DIR:
        return
    # Before the counter: the harness finds a worker by its counter file and opens both then.
    _entries_open(worker.pid)
    path = os.path.join(_STATE_DIR, "workers", str(worker.pid))
    with open(path, "wb") as f:
        f.write(b"\0" * 8)
    fd = os.open(path, os.O_RDWR)
    try:
        _counter = mmap.mmap(fd, 8)
    finally:
        os.close(fd)
    _event("ready", pid=worker.pid)


def post_request(worker, req, environ, resp):
    _user("post_request", worker, req, environ, resp)
    if _counter is not None:
        _pack(_counter, 0, worker.nr)
    if _entries is not None:
        _entries_count(environ)
    if _TRACE_DIR:
        _trace_after_request(worker)
    if _MAX_RSS and worker.nr % RSS_CHECK_EVERY == 0 and _rss() > _MAX_RSS:
        worker.leaklab_exit_cause = "memory_limit"
        worker.alive = False


def _rss():
    with open("/proc/self/statm", "rb") as f:
        return int(f.read().split()[1]) * _PAGE


def worker_exit(server, worker):
    _user("worker_exit", server, worker)
    # max_requests already includes the jitter Gunicorn drew for this worker.
    recycled = worker.max_requests and worker.nr >= worker.max_requests
    cause = getattr(worker, "leaklab_exit_cause", None) or ("max_requests" if recycled else "signal")
    _event("exit", pid=worker.pid, cause=cause, requests=worker.nr)
    if _TRACE_DIR:
        _trace_stop(worker)


def worker_abort(worker):
    _user("worker_abort", worker)
    worker.leaklab_exit_cause = "timeout"


def child_exit(server, worker):
    _user("child_exit", server, worker)
    _event("reaped", pid=worker.pid)


# --- per-entry counts (attribution): kept apart from the hooks above; they only call in. ------

ENTRY_SLOTS = 64
_entries = None
_entry_counts = [0] * ENTRY_SLOTS


def _entries_open(pid):
    global _entries
    path = os.path.join(_STATE_DIR, "workers", "%d.entries" % pid)
    with open(path, "wb") as f:
        f.write(b"\0" * (8 * ENTRY_SLOTS))
    fd = os.open(path, os.O_RDWR)
    try:
        _entries = mmap.mmap(fd, 8 * ENTRY_SLOTS)
    finally:
        os.close(fd)


def _entries_count(environ):
    tag = environ.get("HTTP_X_LEAKLAB_ENTRY")
    if not tag or not tag.isdigit():
        return
    i = int(tag)
    if i < ENTRY_SLOTS:
        _entry_counts[i] += 1
        _pack(_entries, 8 * i, _entry_counts[i])


# --- tracing (--trace): kept apart from the hooks above; they only call in. -----------------

import gc  # noqa: E402
import tracemalloc  # noqa: E402  (importing does not start tracing)
from itertools import groupby  # noqa: E402
from operator import itemgetter  # noqa: E402

_tb_of = itemgetter(2)
_size_of = itemgetter(1)

_TRACE_DIR = os.environ.get("LEAKLAB_TRACE_DIR")
_TRACE_DEPTH = int(os.environ.get("LEAKLAB_TRACE_DEPTH") or 10)
_TRACE_WARMUP = int(os.environ.get("LEAKLAB_TRACE_WARMUP") or 500)
_TRACE_EVERY = int(os.environ.get("LEAKLAB_TRACE_EVERY") or 0)
_TRACER = os.environ.get("LEAKLAB_TRACER") or "tracemalloc"
_memray_tracker = None
_TRACER_FILES = frozenset((__file__, tracemalloc.__file__))
_TRACE_SETTLE = int(os.environ.get("LEAKLAB_TRACE_SETTLE") or 0)
_trace_started_at = None  # requests served when this worker started tracing
_trace_base_at = None  # requests served when this worker's base snapshot was written


def _trace_after_request(worker):
    global _trace_base_at, _trace_started_at
    if _trace_started_at is None:
        if worker.nr >= _TRACE_WARMUP:
            # Tracing starts here, not at fork: a traced allocation costs ~10-30x an untraced
            # one (a traceback of _TRACE_DEPTH frames, each line number decoded), so warm-up
            # runs at full speed, and snapshots hold only what was allocated since: small, so
            # writing one in the request path takes milliseconds, not the seconds a whole traced
            # Django heap took (requests timed out behind it).
            _trace_started_at = worker.nr
            if _TRACER == "memray":
                _memray_start(worker)
            else:
                tracemalloc.start(_TRACE_DEPTH)
    elif _TRACER != "tracemalloc":
        return
    elif _trace_base_at is None:
        # The base snapshot waits LEAKLAB_TRACE_SETTLE traced requests: a bounded cache that
        # replaces entries made before tracing started would look like growth until all of
        # them are replaced; once its entries are all traced, replacing one is +1 -1.
        if worker.nr - _trace_started_at >= _TRACE_SETTLE:
            _trace_base_at = worker.nr
            _trace_write(worker, "base")
    elif _TRACE_EVERY and (worker.nr - _trace_base_at) % _TRACE_EVERY == 0:
        _trace_write(worker, "end")


def _trace_write(worker, kind):
    """Sizes grouped by traceback, frames most recent first, file names interned."""
    if not tracemalloc.is_tracing() or _trace_base_at is None:
        return
    # Grouped from the raw traces (frames most recent first) rather than through Snapshot's
    # statistics and filters: those build objects and run fnmatch per trace. Only allocations
    # since warm-up are traced, so this is quick unless the app keeps a great many objects; the
    # traced pass still runs with a long worker timeout, and end snapshots are also written
    # every LEAKLAB_TRACE_EVERY requests in case the one at exit does not finish in time.
    # Sorted and grouped in C: a Python loop per trace runs with tracing on and costs more.
    # Garbage in reference cycles is not growth, but it lives until a collection reaches it, and
    # a leaking worker's full collections grow rare (CPython waits for the long-lived heap to grow
    # by a quarter): on global-list, JsonResponses awaiting collection outweighed the kept entries.
    gc.collect()
    traces = tracemalloc._get_traces()  # [(domain, size, traceback, total frames)]
    traces.sort(key=_tb_of)
    per_tb = []
    for tb, same in groupby(traces, key=_tb_of):
        same = list(same)
        per_tb.append((tb, sum(map(_size_of, same)), len(same)))
    del traces
    files = {}
    groups = []
    for tb, size, count in per_tb:
        # Allocations by tracemalloc itself or by these hooks are the tracer's, not the app's.
        if any(f[0] in _TRACER_FILES for f in tb):
            continue
        frames = []
        for filename, lineno in tb:
            frames.append(files.setdefault(filename, len(files)))
            frames.append(lineno)
        groups.append([size, count, frames])
    del per_tb
    doc = {
        "pid": worker.pid,
        "requests": worker.nr,
        "appDir": os.getcwd(),
        "depth": _TRACE_DEPTH,
        "tracerBytes": tracemalloc.get_tracemalloc_memory(),
        "files": list(files),
        "groups": groups,
    }
    path = os.path.join(_TRACE_DIR, "%d-%s.json" % (worker.pid, kind))
    # Written aside and renamed, so the harness never reads half a file.
    # dumps, not dump: dump encodes in Python, chunk by chunk, minutes on a traced heap.
    text = json.dumps(doc, separators=(",", ":"))
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


def _trace_stop(worker):
    if _memray_tracker is None:
        _trace_write(worker, "end")
        return
    # Closing the Tracker flushes the capture file; what is still allocated then is the growth
    # (cyclic garbage collected first, as for tracemalloc's end snapshot).
    gc.collect()
    _memray_tracker.__exit__(None, None, None)
    _write_json(os.path.join(_TRACE_DIR, "%d-memray.json" % worker.pid), {
        "pid": worker.pid,
        "baseRequests": _trace_base_at,
        "requests": worker.nr,
        "appDir": os.getcwd(),
        "depth": _TRACE_DEPTH,
    })


def _memray_start(worker):
    global _memray_tracker, _trace_base_at
    # memray cannot be read mid-run: what it reports is what was allocated since tracing
    # started and is still allocated at exit, so its base is the start.
    import memray  # only here: tracemalloc runs need no memray in the app's venv

    # native_traces: a C library's malloc is named through the C frames up to the Python line
    # that called in, which tracemalloc cannot see. follow_fork is off: this worker is the fork.
    tracker = memray.Tracker(os.path.join(_TRACE_DIR, "%d.memray" % worker.pid), native_traces=True)
    tracker.__enter__()
    _memray_tracker = tracker
    _trace_base_at = worker.nr


def _write_json(path, doc):
    with open(path + ".tmp", "w") as f:
        f.write(json.dumps(doc, separators=(",", ":")))
    os.replace(path + ".tmp", path)
