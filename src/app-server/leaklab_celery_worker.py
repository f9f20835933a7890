"""Runs `celery <args>` (a worker) with leaklab's counters, so the harness can sample the Celery
worker's processes beside Gunicorn's without touching the app.

Started as ``python leaklab_celery_worker.py -A <app> worker ...`` from the app folder, with
LEAKLAB_CELERY_STATE_DIR set. It connects to Celery's signals, then hands over to Celery's own
command line. Each process of the worker gets ``<dir>/<pid>``: two little-endian 8-byte words,
mapped into memory (a store per task, one pread for the harness, as the Gunicorn hooks do):

* word 0: a count. The main process counts tasks received from the broker (task_received); a
  pool process counts tasks it finished (task_postrun).
* word 1: the slot (0 for the main process, 1 + the pool index for a pool process, so a
  replaced pool process continues its predecessor's line on the chart).

The file is written whole under another name and renamed, so the harness never reads a slot
that is not there yet. ``<dir>/ready`` appears when the worker consumes (worker_ready).
"""

import mmap
import os
import struct
import sys

_DIR = os.environ.get("LEAKLAB_CELERY_STATE_DIR")
_pack = struct.Struct("<Q").pack_into
_counter = None
_count = 0


def _open_counter(slot):
    global _counter, _count
    if not _DIR:
        return
    path = os.path.join(_DIR, str(os.getpid()))
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<QQ", 0, slot))
    os.replace(tmp, path)
    fd = os.open(path, os.O_RDWR)
    try:
        _counter = mmap.mmap(fd, 16)
    finally:
        os.close(fd)
    _count = 0


def _count_one():
    global _count
    _count += 1
    if _counter is not None:
        _pack(_counter, 0, _count)


def on_worker_init(**_):
    _open_counter(0)


def on_worker_process_init(**_):
    # A forked pool process inherits the main process's mapping: it gets its own file instead.
    from billiard.process import current_process

    index = getattr(current_process(), "index", None)
    _open_counter(1 + (index if isinstance(index, int) else os.getpid() % 1000))


def on_task_received(**_):
    _count_one()


def on_task_postrun(**_):
    _count_one()


def on_worker_ready(**_):
    if _DIR:
        with open(os.path.join(_DIR, "ready"), "w") as f:
            f.write(str(os.getpid()))


def main():
    # A script's folder is put on sys.path, not the working directory, where the app lives.
    sys.path.insert(0, os.getcwd())
    from celery import signals

    signals.worker_init.connect(on_worker_init, weak=False)
    signals.worker_process_init.connect(on_worker_process_init, weak=False)
    signals.task_received.connect(on_task_received, weak=False)
    signals.task_postrun.connect(on_task_postrun, weak=False)
    signals.worker_ready.connect(on_worker_ready, weak=False)
    from celery.bin.celery import main as celery_main

    sys.argv = ["celery", *sys.argv[1:]]
    sys.exit(celery_main())


if __name__ == "__main__":
    main()
