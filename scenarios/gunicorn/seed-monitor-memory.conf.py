# The seed's monitor_memory.sh from 原則 4 (定期重啟 Worker, 3. 記憶體使用限制), run as a thread in
# the Gunicorn master instead of a shell loop (same effect: a process outside the worker reads
# its RSS and sends `kill -HUP`). Scaled so it acts within a quick run: 80 MiB instead of 512 MB,
# every second instead of every 60 s. It lists workers from the arbiter rather than with
# `pgrep -f 'gunicorn.*worker'`, which matches whatever command line holds "gunicorn" and then
# "worker" (the master's too, when it was started with --workers).
import os
import signal
import threading
import time

LIMIT_KB = 80 * 1024  # the seed: 524288 (512 MB)
EVERY_S = 1.0  # the seed: sleep 60
_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def _rss_kb(pid):
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE_KB
    except (OSError, ValueError, IndexError):
        return 0


def _monitor(server):
    while True:
        time.sleep(EVERY_S)
        for pid in list(server.WORKERS):
            mem = _rss_kb(pid)
            if mem > LIMIT_KB:
                server.log.warning("monitor_memory: worker %s at %d KB > %d KB: kill -HUP", pid, mem, LIMIT_KB)
                try:
                    os.kill(pid, signal.SIGHUP)
                except ProcessLookupError:
                    pass


def when_ready(server):
    threading.Thread(target=_monitor, args=(server,), daemon=True).start()
