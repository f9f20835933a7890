// Hand-made worker snapshots for the trace tests: frames are written most recent first, as the hooks write them.
import type { TraceSnapshot } from '../../../src/trace/types.ts';

export const APP = '/srv/app';
export const DJANGO = `${APP}/.venv/lib/python3.11/site-packages/django/core/handlers/base.py`;
export const VIEW = `${APP}/leaks/patterns/global_list.py`;
export const GUNICORN = `${APP}/.venv/lib/python3.11/site-packages/gunicorn/http/wsgi.py`;

/** groups: [size, count, [[file, line], ...]] */
export function snapshot(pid: number, requests: number, groups: [number, number, [string, number][]][]): TraceSnapshot {
  const files: string[] = [];
  const index = (f: string) => {
    if (!files.includes(f)) files.push(f);
    return files.indexOf(f);
  };
  return {
    pid,
    requests,
    appDir: APP,
    depth: 10,
    tracerBytes: 0,
    files,
    groups: groups.map(([size, count, frames]) => [size, count, frames.flatMap(([f, l]) => [index(f), l])]),
  };
}
