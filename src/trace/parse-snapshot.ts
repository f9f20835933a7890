// A worker snapshot file's text to a checked TraceSnapshot: a damaged file is a clear error,
// not NaN figures downstream.
import type { TraceSnapshot } from './types.ts';

export function parseTraceSnapshot(text: string, source: string): TraceSnapshot {
  const doc = JSON.parse(text) as Partial<TraceSnapshot>;
  const ok =
    Number.isInteger(doc.pid) &&
    Number.isInteger(doc.requests) &&
    typeof doc.appDir === 'string' &&
    Array.isArray(doc.files) &&
    Array.isArray(doc.groups) &&
    doc.groups.every((g) => Array.isArray(g) && g.length === 3 && Array.isArray(g[2]) && g[2].length % 2 === 0);
  if (!ok) throw new Error(`${source} is not a leaklab trace snapshot`);
  return { depth: 0, tracerBytes: 0, ...doc } as TraceSnapshot;
}
