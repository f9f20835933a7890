// Two snapshots of one worker to growth per line. Pure. Growth is diffed per traceback group
// (the same allocation path), then each group is charged to one line: its most recent frame in
// the app's own code when it has one, else the frame that allocated. So a leak kept by the app
// is named by the app line that made it, not by the framework line underneath. Growth the app
// line allocated itself (it is the most recent frame: a literal, a copy, a C call's result) is
// also counted apart from growth made deeper, inside a framework call from that line: what a
// module-level list keeps is made by the app line that builds the entry, while a framework
// object made on another app line (a JsonResponse) grows only because the kept entry reaches it.
import { isAppFile } from './app-frame.ts';
import type { TraceSnapshot } from './types.ts';

/** Growth charged to one line by one worker between its two snapshots. */
export interface LineGrowth {
  file: string;
  line: number;
  bytes: number;
  objects: number;
  /** Of `bytes`, the growth allocated by this line itself (it is the traceback's most recent frame). */
  directBytes: number;
  appFrame: boolean;
}

export interface WorkerGrowth {
  pid: number;
  /** The app's folder, as the worker saw it. */
  appDir: string;
  /** Requests served between the two snapshots. */
  requests: number;
  /** Net change of every traced allocation, bytes. */
  netBytes: number;
  lines: LineGrowth[];
}

interface Group {
  frames: { file: string; line: number }[];
  size: number;
  count: number;
}

export function diffSnapshots(base: TraceSnapshot, end: TraceSnapshot): WorkerGrowth {
  const before = groupsByKey(base);
  const after = groupsByKey(end);
  const byLine = new Map<string, LineGrowth>();
  let netBytes = 0;
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = after.get(key);
    const b = before.get(key);
    const bytes = (a?.size ?? 0) - (b?.size ?? 0);
    const objects = (a?.count ?? 0) - (b?.count ?? 0);
    netBytes += bytes;
    if (bytes === 0 && objects === 0) continue;
    const frames = (a ?? b)!.frames;
    const app = frames.find((f) => isAppFile(f.file, end.appDir));
    const at = app ?? frames[0] ?? { file: '<unknown>', line: 0 };
    const lineKey = `${at.file}:${at.line}`;
    const g = byLine.get(lineKey) ?? {
      file: at.file,
      line: at.line,
      bytes: 0,
      objects: 0,
      directBytes: 0,
      appFrame: app !== undefined,
    };
    g.bytes += bytes;
    g.objects += objects;
    if (at === frames[0]) g.directBytes += bytes;
    byLine.set(lineKey, g);
  }
  return { pid: end.pid, appDir: end.appDir, requests: end.requests - base.requests, netBytes, lines: [...byLine.values()] };
}

function groupsByKey(s: TraceSnapshot): Map<string, Group> {
  const out = new Map<string, Group>();
  for (const [size, count, flat] of s.groups) {
    const frames: Group['frames'] = [];
    for (let i = 0; i < flat.length; i += 2) frames.push({ file: s.files[flat[i]!] ?? '<unknown>', line: flat[i + 1]! });
    const key = frames.map((f) => `${f.file}:${f.line}`).join('|');
    // Two groups with one key cannot come from one snapshot, but a merge keeps the sum right.
    const prev = out.get(key);
    out.set(key, prev ? { frames, size: prev.size + size, count: prev.count + count } : { frames, size, count });
  }
  return out;
}
