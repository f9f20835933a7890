"""memray capture files of a traced pass to leaklab trace snapshots (the tracemalloc format).

Run by leaklab with the app's Python after the pass: ``python leaklab_memray_snapshot.py DIR``.
For each ``<pid>-memray.json`` that a worker wrote at exit, reads ``<pid>.memray`` and writes
``<pid>-end.json``: what was allocated while tracking and is still allocated at the end, grouped
by stack (Python and native frames merged, most recent first), so src/trace/ diffs it against
the empty ``<pid>-base.json`` like a tracemalloc pair. Prints one JSON line per worker.
"""

import json
import os
import sys


def _frames(record, depth):
    try:
        # Python and C frames in one stack: the C library's malloc and the Python line above it.
        stack = record.hybrid_stack_trace(max_stacks=depth)
    except NotImplementedError:
        stack = record.stack_trace(max_stacks=depth)
    return tuple((filename, lineno) for _function, filename, lineno in stack)


def convert(directory, pid_meta):
    from memray import FileReader

    depth = max(1, int(pid_meta.get("depth") or 10))
    pid = pid_meta["pid"]
    reader = FileReader(os.path.join(directory, "%d.memray" % pid))
    groups = {}
    for record in reader.get_leaked_allocation_records(merge_threads=True):
        key = _frames(record, depth)
        size, count = groups.get(key, (0, 0))
        groups[key] = (size + record.size, count + record.n_allocations)
    files = {}
    out = []
    for frames, (size, count) in groups.items():
        flat = []
        for filename, lineno in frames:
            flat.append(files.setdefault(filename, len(files)))
            flat.append(lineno)
        out.append([size, count, flat])
    base = {"pid": pid, "requests": pid_meta["baseRequests"], "appDir": pid_meta["appDir"], "depth": depth,
            "tracerBytes": 0, "files": [], "groups": []}
    end = dict(base, requests=pid_meta["requests"], files=list(files), groups=out)
    for kind, doc in (("base", base), ("end", end)):
        path = os.path.join(directory, "%d-%s.json" % (pid, kind))
        with open(path + ".tmp", "w") as f:
            f.write(json.dumps(doc, separators=(",", ":")))
        os.replace(path + ".tmp", path)
    return {"pid": pid, "groups": len(out), "bytes": sum(g[0] for g in out)}


def main(directory):
    for name in sorted(os.listdir(directory)):
        if not name.endswith("-memray.json"):
            continue
        with open(os.path.join(directory, name)) as f:
            meta = json.load(f)
        try:
            print(json.dumps(convert(directory, meta)), flush=True)
        except Exception as err:  # one unreadable capture leaves the other workers' answers
            print(json.dumps({"pid": meta.get("pid"), "error": "%s: %s" % (type(err).__name__, err)}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
