// Every worker's growth to one per-request answer for the variant. Pure. Bytes and objects are
// summed over workers and divided by the requests they served between their snapshots, so a
// worker that served more weighs more, as it does in the RSS slope.
import type { WorkerGrowth } from './diff-snapshots.ts';
import type { TraceLine, VariantTrace } from './types.ts';

/** Below this a line is churn (a counter, a cache slot), not growth worth naming. */
export const NOISE_BYTES_PER_REQUEST = 8;
/**
 * Below this, a line that made no new objects (under one per 100 requests) is a container
 * resized, not growth: a bounded container's table grows and shrinks in steps (dict-cache lru's
 * 1,000-entry cache: one table, +49 KB over 1,000 requests). A container that really grows
 * (a bytearray extended per request) passes it soon.
 */
export const RESIZE_NOISE_BYTES_PER_REQUEST = 64;
const NEW_OBJECTS_PER_REQUEST = 0.01;
export const TOP_LINES = 10;
/** App lines listed past the top ones when they did not make it. */
export const TOP_APP_LINES = 3;

export function combineWorkers(
  workers: readonly WorkerGrowth[],
  rssSlopeBytesPerRequest: number,
  codeOf: (file: string, line: number) => string = () => '',
  tracer: VariantTrace['tracer'] = 'tracemalloc',
  /**
   * The untraced pass's verdict and, when inconclusive, why: one that did not see memory
   * growing names no app line (see VariantTrace.settled).
   */
  untraced?: { verdict?: string; reason?: string },
): VariantTrace {
  const requests = workers.reduce((n, w) => n + w.requests, 0);
  if (workers.length === 0 || requests <= 0) {
    return {
      tracer,
      accountedShare: 0,
      tracedBytesPerRequest: 0,
      requests: Math.max(requests, 0),
      workers: workers.length,
      lines: [],
      problem: workers.length === 0 ? 'no worker wrote two snapshots' : 'no request was served between the snapshots',
    };
  }
  const byLine = new Map<
    string,
    { file: string; line: number; bytes: number; objects: number; directBytes: number; appFrame: boolean }
  >();
  for (const w of workers) {
    for (const l of w.lines) {
      const key = `${l.file}:${l.line}`;
      const g = byLine.get(key) ?? { ...l, bytes: 0, objects: 0, directBytes: 0 };
      g.bytes += l.bytes;
      g.objects += l.objects;
      g.directBytes += l.directBytes;
      byLine.set(key, g);
    }
  }
  const appDir = workers[0]!.appDir;
  const tracedBytesPerRequest = workers.reduce((n, w) => n + w.netBytes, 0) / requests;
  const above = [...byLine.values()]
    .map((g) => ({
      file: g.file,
      line: g.line,
      code: '',
      bytesPerRequest: g.bytes / requests,
      objectsPerRequest: g.objects / requests,
      directPerRequest: g.directBytes / requests,
      appFrame: g.appFrame,
    }))
    .filter(
      (l) =>
        l.bytesPerRequest >=
        (l.objectsPerRequest >= NEW_OBJECTS_PER_REQUEST ? NOISE_BYTES_PER_REQUEST : RESIZE_NOISE_BYTES_PER_REQUEST),
    )
    .sort((a, b) => b.bytesPerRequest - a.bytesPerRequest);
  // A container's table that grew while nothing new was kept anywhere in the app is a bounded
  // container settling, not a leak: dict-cache lru (an lru_cache of 1,000 entries turning over
  // on every request) read as one table resize, 74 B/request over a diagnose pass, with no
  // object kept. A container that leaks holds what is put in it, and those objects show on
  // their own line (dict-cache leaky: the table's line beside `return {'name': ...}`, 1 per
  // request). One buffer extended in place keeps no new objects either (leak-rate 256b:
  // GROWING.extend, 256 B/request): when the untraced pass decided that memory leaks, the
  // container is what grows, and it is named. A bounded table settling never gets that verdict
  // (dict-cache lru: flat, or inconclusive while its table fills).
  const keepsObjects = above.some(
    (l) => l.appFrame && l.objectsPerRequest >= NEW_OBJECTS_PER_REQUEST && l.bytesPerRequest >= NOISE_BYTES_PER_REQUEST,
  );
  const decidedGrowth = untraced?.verdict === 'leak' || untraced?.verdict === 'sawtooth';
  const listed =
    keepsObjects || decidedGrowth ? above : above.filter((l) => !(l.appFrame && l.objectsPerRequest < NEW_OBJECTS_PER_REQUEST));
  // The app line that keeps memory comes first: of the app lines, those that allocate growth
  // themselves, by what they allocate. An app line whose growth was all made inside a framework
  // call (a JsonResponse on a kept request) is reached from what is kept, not where it is kept.
  const keeps = (l: (typeof above)[number]) => l.appFrame && l.directPerRequest >= NOISE_BYTES_PER_REQUEST;
  const keepers = listed.filter(keeps).sort((a, b) => b.directPerRequest - a.directPerRequest);
  const rest = listed.filter((l) => !keeps(l));
  // The framework's lines often outweigh the app's (a kept request holds its environ), but the
  // app's line is the one to change: the top ones always make the list.
  const top: TraceLine[] = [
    ...keepers.slice(0, TOP_APP_LINES),
    ...rest.slice(0, TOP_LINES),
    ...rest
      .slice(TOP_LINES)
      .filter((l) => l.appFrame)
      .slice(0, TOP_APP_LINES),
  ].map(({ directPerRequest: _, ...l }) => ({
    ...l,
    // An app line reads as the user knows it (leaks/patterns/global_list.py), others stay whole.
    file: l.appFrame ? appRelative(l.file, appDir) : l.file,
    code: codeOf(l.file, l.line),
    bytesPerRequest: round(l.bytesPerRequest),
    objectsPerRequest: round(l.objectsPerRequest),
  }));
  const settled = settledVerdict(untraced);
  return {
    tracer,
    accountedShare: accountedShare(tracedBytesPerRequest, rssSlopeBytesPerRequest),
    tracedBytesPerRequest: round(tracedBytesPerRequest),
    requests,
    workers: workers.length,
    lines: settled ? top.filter((l) => !l.appFrame) : top,
    ...(settled ? { settled: { verdict: settled, appLines: top.filter((l) => l.appFrame).slice(0, TOP_APP_LINES) } } : {}),
  };
}

/**
 * A traced window is short (hundreds of requests per worker); the untraced pass saw the whole
 * run. When that pass found memory level or levelling off, what an app line kept during the
 * window is turnover of something bounded (image-cache ttl-cache: a locmem cache of 300
 * thumbnails filling between two culls read as 1.9 KiB/request), not a leak: no line is named.
 * Likewise when it could not tell (inconclusive for too few requests, or workers that
 * disagree): the trace locates growth the untraced pass found, it does not find it. A leak,
 * a sawtooth (a leak max_requests hides) and an inconclusive run still rising name their line,
 * as --diagnose traces exactly those.
 */
export function settledVerdict(
  untraced: { verdict?: string; reason?: string } | undefined,
): 'flat' | 'bounded' | 'inconclusive' | undefined {
  const v = untraced?.verdict;
  if (v === 'flat' || v === 'bounded') return v;
  if (v === 'inconclusive' && untraced?.reason !== 'still-rising') return v;
  return undefined;
}

function appRelative(file: string, appDir: string): string {
  const dir = appDir.endsWith('/') ? appDir : `${appDir}/`;
  return file.startsWith(dir) ? file.slice(dir.length) : file;
}

/** The share of the RSS slope the traced growth explains; 0 when there is no slope to explain. */
export function accountedShare(tracedBytesPerRequest: number, rssSlopeBytesPerRequest: number): number {
  if (!(rssSlopeBytesPerRequest > 0)) return 0;
  return round(Math.max(0, tracedBytesPerRequest) / rssSlopeBytesPerRequest);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
