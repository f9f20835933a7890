# The seed's gunicorn.conf.py from 原則 1 (設置記憶體限制), as written, with the limit scaled
# from 512 MB to 100 MiB so that the global-list leak reaches it within a quick run: a worker's
# address space is ~50 MiB at start (RSS ~41 MiB), so it may leak ~50 MiB (~9,000 requests).
# RLIMIT_AS caps virtual address space, not RSS; set in the master, every forked worker inherits it.
import resource

LIMIT = 100 * 1024 * 1024  # the seed: 512 * 1024 * 1024


def on_starting(server):
    """限制 Worker 記憶體"""
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))
