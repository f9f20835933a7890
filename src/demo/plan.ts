// The talk: `leaklab demo` in the source material's order (causes → diagnosis → fixes →
// principles → the image-service case study → the summary), one step per claim. A step says
// what the seed predicts for each variant; the verdict (confirmed / refuted / depends) is
// computed from the run's verdicts (step-outcome.ts), never written here.
import type { Verdict } from '../run-data/types.ts';
import type { PlanOverrides } from '../scenario/plan.ts';

export interface DemoStep {
  /** What `--only` names. */
  id: string;
  /** The seed's section, in English, with its own heading to find it. */
  section: string;
  /** The seed's claim, short, in English. */
  claim: string;
  scenario: string;
  /**
   * Variant → the verdicts that would bear the claim out. Only these decide the step's outcome;
   * they are the seed's words turned into verdicts, not what leaklab measured.
   */
  predicts: Record<string, Verdict[]>;
  /** Variants shown beside the predicted ones for comparison (a control, the fix). */
  context?: string[];
  /** Two lines for the audience, written for the outcome the scenario's expectations foresee. */
  takeaway: [string, string];
  /** false: too slow for the quick demo's time; given with --full, or by name with --only. */
  quick?: false;
}

/**
 * Per-scenario settings of the demo's quick profile, applied wherever a scenario's variants run.
 * The demo runs until decided, so these are caps; a request count rather than a time, so a
 * loaded machine still serves each worker enough requests past warm-up.
 * global-list: 20,000. 7,000 held all three verdicts at ~300 req/s (loaded) but on a quiet
 * machine (~3,500 req/s, 2026-12-03) were served within the scenario's 2 s warm-up itself:
 * leaky and fixed came out inconclusive, no request after warm-up. Leaky stops on its verdict
 * after ~7 s; fixed (a 17 B/request creep) runs to the cap, ~6 s quiet.
 */
export const DEMO_RUN_SETTINGS: Record<string, Pick<PlanOverrides, 'requests' | 'durationMs'>> = {
  'global-list': { requests: 20000 },
};

export const DEMO_STEPS: readonly DemoStep[] = [
  {
    id: 'global-list',
    section: '2. Why leaks happen, cause 1: global variables accumulate (原因 1)',
    claim: 'A module-level list that every request appends to is never freed.',
    scenario: 'global-list',
    predicts: { leaky: ['leak'] },
    takeaway: [
      'Every request leaves its entry behind: the slope is bytes per request, for good.',
      'Anything reachable from a module lives as long as the worker does.',
    ],
  },
  {
    id: 'dict-cache',
    section: '2. Why leaks happen, cause 2: a cache with no expiry (原因 2)',
    claim: 'A dict used as a cache, never evicted, keeps every entry forever.',
    scenario: 'dict-cache',
    predicts: { leaky: ['leak'] },
    takeaway: [
      'Every new id adds an entry that nothing removes: it grows with the distinct keys seen.',
      'A cache needs a bound: an expiry, a size limit, or another process.',
    ],
  },
  {
    id: 'circular-refs',
    section: '2. Why leaks happen, cause 3: reference cycles (原因 3)',
    claim: 'Parent↔child reference cycles keep a tree in memory after the view returns.',
    scenario: 'circular-refs',
    predicts: { cycles: ['leak'] },
    takeaway: [
      "CPython's cyclic collector frees the trees: a one-off step, then level.",
      'Cycles delay freeing; they do not leak.',
    ],
  },
  {
    id: 'unclosed-cursor',
    section: '2. Why leaks happen, cause 4: database connections never closed (原因 4)',
    claim: 'A cursor that is never closed leaks a database connection on every request.',
    scenario: 'unclosed-cursor',
    predicts: { unclosed: ['leak'] },
    takeaway: [
      'Reference counting frees the cursor; Django closes the connection after each request.',
      'Close cursors anyway, but this is not where a leak comes from.',
    ],
  },
  {
    id: 'queryset',
    section: '2. Why leaks happen, cause 5: QuerySets left uncleaned (原因 5)',
    claim: 'Iterating a whole QuerySet caches every row, and the memory stays taken.',
    scenario: 'queryset',
    predicts: { 'whole-queryset': ['leak'] },
    takeaway: [
      'The cached rows are a peak inside one request: garbage when the view returns.',
      'A bigger table raises the level; it does not make memory grow per request.',
    ],
  },
  {
    id: 'numpy',
    section: '2. Why leaks happen, cause 6: third-party C extensions (原因 6)',
    claim: 'NumPy operations (np.random.rand + np.dot) may not free their memory.',
    scenario: 'numpy-buffers',
    predicts: { dropped: ['leak'] },
    takeaway: [
      'The arrays dropped at the end of the view are freed: a step at import, then level.',
      'A NumPy "leak" in a view is almost always an array some Python code keeps.',
    ],
  },
  {
    id: 'diagnosis',
    section: '3. How to diagnose: step 1 watch RSS, step 3 a tracemalloc middleware (步驟 1, 3)',
    claim: "Watching each worker's memory shows the leak, and the leak still shows under tracemalloc.",
    scenario: 'diagnosis',
    predicts: { leaky: ['leak'], 'trace-middleware': ['leak'] },
    takeaway: [
      'Per-worker memory against requests served is the first and cheapest signal.',
      'Tracing every request costs throughput; trace once, on a copy, to name the line.',
    ],
  },
  {
    id: 'memory-profiler',
    section: "3. How to diagnose: step 2, memory_profiler's +100 MiB (步驟 2)",
    claim: "The seed's memory_intensive_view adds a hundred MiB that memory_profiler shows.",
    scenario: 'memory-intensive',
    predicts: { seed: ['leak'], 'unique-strings': ['leak'] },
    takeaway: [
      'A peak per request, not a leak: each worker jumps once, then stays at its high-water mark.',
      'memory_profiler is for one call in a shell; under Gunicorn it slows the view many times over.',
    ],
    // Requests of tens of ms to seconds: too slow for the quick demo.
    quick: false,
  },
  {
    id: 'fix-logging',
    section: '4. Fixes, fix 1: log instead of keeping a global list (方案 1)',
    claim: 'Handing the record to logging instead of a global list keeps nothing.',
    scenario: 'global-list',
    predicts: { fixed: ['flat'] },
    context: ['leaky'],
    takeaway: [
      'Same information, written out instead of kept: the line stays level.',
      'The fix for a leak is to stop referencing what you no longer need.',
    ],
  },
  {
    id: 'fix-lru-cache',
    section: '4. Fixes, fix 1 (right 2): a cache with a size limit (方案 1 正確 2)',
    claim: 'lru_cache with a maxsize cannot grow without bound, unlike a plain dict.',
    scenario: 'bounded-cache',
    predicts: { 'lru-10k': ['bounded', 'flat'], 'deque-10k': ['bounded', 'flat'] },
    takeaway: [
      'Memory climbs while the cache fills, then levels off.',
      'The bound, not the cache, is what keeps memory in check.',
    ],
    // Each worker must serve well past the cache's size: tens of thousands of requests.
    quick: false,
  },
  {
    id: 'fix-redis',
    section: '4. Fixes, fix 2: a Redis cache with a TTL (方案 2)',
    claim: "Django's cache on Redis with a timeout keeps nothing in the worker.",
    scenario: 'dict-cache',
    predicts: { 'ttl-redis': ['flat'] },
    context: ['leaky'],
    takeaway: [
      'The entries live in Redis, with an expiry, outside the worker.',
      'A cache needs a bound: a TTL, a size, or another process.',
    ],
  },
  {
    id: 'fix-iterator',
    section: '4. Fixes, fix 3: .iterator() for large QuerySets (方案 3)',
    claim: '.iterator(chunk_size=1000) reads a chunk at a time and keeps memory level.',
    scenario: 'queryset',
    predicts: { iterator: ['flat'], 'values-list': ['flat'] },
    context: ['whole-queryset'],
    takeaway: [
      'iterator() lowers the level each worker settles at; values_list() is faster too.',
      'Neither was fixing a leak: the whole QuerySet is level as well.',
    ],
  },
  {
    id: 'fix-max-requests',
    section: '4. Fixes, fix 4 and principle 4: max_requests restarts workers (方案 4, 原則 4)',
    claim: 'max_requests = 1000 (+ jitter) restarts each worker and releases a small leak.',
    scenario: 'global-list',
    predicts: { 'leaky-max-requests': ['sawtooth'] },
    context: ['leaky'],
    takeaway: [
      'Each worker is recycled before the leak grows far: a sawtooth, capped.',
      'The leak is still there in every life: a safety net, not a fix.',
    ],
  },
  {
    id: 'fix-gc',
    section: '4. Fixes, fix 5: gc.collect() by hand (方案 5)',
    claim: 'Calling gc.collect() after heavy work frees the memory of reference cycles.',
    scenario: 'circular-refs',
    predicts: { 'gc-collect': ['flat'] },
    context: ['cycles'],
    // A full collection per request halves an already slow view's rate: minutes on a busy machine.
    quick: false,
    takeaway: [
      'Level, as the cycles were without it: the collector was already running.',
      'A full collection on every request costs throughput for nothing here.',
    ],
  },
  {
    id: 'fix-with-cursor',
    section: '4. Fixes, fix 6: a context manager closes the cursor (方案 6)',
    claim: '`with connection.cursor()` makes sure the cursor is released.',
    scenario: 'unclosed-cursor',
    predicts: { 'with-cursor': ['flat'] },
    context: ['unclosed'],
    takeaway: ['Level, as the unclosed cursor was.', 'Good hygiene; it frees the result set at once.'],
  },
  {
    id: 'memory-limit',
    section: '5. Principles, principles 1 and 4: a memory limit per worker (原則 1, 原則 4)',
    claim: "Limiting each worker's memory, and restarting those past it, keeps a leak in check.",
    scenario: 'memory-limits',
    predicts: { 'rss-limit': ['sawtooth'], 'seed-rlimit-as': ['sawtooth'], 'seed-monitor-hup': ['sawtooth'] },
    context: ['no-limit'],
    takeaway: [
      "A limit with a clean restart caps the damage; the seed's setrlimit and kill -HUP do not restart cleanly.",
      'Either way the leak is still there: a limit is a second line of defence.',
    ],
    // Tens of thousands of requests per variant for the limit to be reached several times.
    quick: false,
  },
  {
    id: 'weakref',
    section: '5. Principles, principle 3: weak references (原則 3)',
    claim: 'A parent held as weakref.ref means no cycle, so the tree is freed at once.',
    scenario: 'circular-refs',
    predicts: { weakref: ['flat'] },
    context: ['cycles'],
    takeaway: [
      'No cycle: reference counting frees each tree as the view returns, a lower level.',
      'Worth it for memory held between collections, not to stop a leak.',
    ],
  },
  {
    id: 'image-service',
    section: '6. Case study: the image-processing service (實戰案例, 問題描述, 方案 1 and 方案 2)',
    claim:
      'Thumbnails cached in a module-level dict grow for good; a Redis cache with a TTL fixes it, and so does a Celery task that makes them ahead.',
    scenario: 'image-cache',
    predicts: { dict: ['leak'], 'ttl-redis': ['flat'], celery: ['flat'] },
    takeaway: [
      'The dict keeps every thumbnail: a leak in proportion to the images served.',
      'Moved to Redis with a TTL, or made by a Celery worker, the web workers stay level; the chart shows the memory in its pool processes.',
    ],
  },
  {
    id: 'small-leaks',
    section: 'Summary: leaks are cumulative, a small leak becomes a big problem (小結)',
    claim: 'Even a small leak grows without limit over time.',
    scenario: 'leak-rate',
    predicts: { '256b': ['leak'] },
    context: ['none'],
    takeaway: [
      'A few hundred bytes per request is seen, and it never stops growing.',
      'Small leaks need requests, not time, to show: measure per request served.',
    ],
  },
];

/**
 * The steps `--only` names, in the talk's order (unknown names reported all at once); without
 * --only, every step, less those too slow for the quick demo unless `full`.
 */
export function selectSteps(
  only: readonly string[] | undefined,
  opts: { full?: boolean } = {},
  steps: readonly DemoStep[] = DEMO_STEPS,
): { steps: DemoStep[]; unknown: string[] } {
  if (!only || only.length === 0) return { steps: steps.filter((s) => opts.full || s.quick !== false), unknown: [] };
  const known = new Set(steps.map((s) => s.id));
  return { steps: steps.filter((s) => only.includes(s.id)), unknown: only.filter((id) => !known.has(id)) };
}

export interface ScenarioRun {
  scenario: string;
  /** Every variant any selected step shows, in the order they first appear. */
  variants: string[];
}

/**
 * One run per scenario, at the first step that needs it, with every variant the selected steps
 * name: a later step (a fix) reads the same run rather than paying for Gunicorn and setup again.
 */
export function scenarioRuns(steps: readonly DemoStep[]): ScenarioRun[] {
  const runs = new Map<string, string[]>();
  for (const step of steps) {
    const variants = runs.get(step.scenario) ?? [];
    for (const v of stepVariants(step)) if (!variants.includes(v)) variants.push(v);
    runs.set(step.scenario, variants);
  }
  return [...runs].map(([scenario, variants]) => ({ scenario, variants }));
}

/** The predicted variants first, then the context. */
export function stepVariants(step: DemoStep): string[] {
  return [...Object.keys(step.predicts), ...(step.context ?? []).filter((v) => !(v in step.predicts))];
}

/**
 * What the demo asks of one scenario's run: quick (the demo's request counts above) unless
 * `full`, the variants its steps show, and each variant stopped once its verdict is decided
 * unless `untilVerdict` is false, the quick or full size then being the cap.
 */
export function demoRunOverrides(run: ScenarioRun, opts: { full?: boolean; untilVerdict?: boolean } = {}): PlanOverrides {
  return {
    quick: !opts.full,
    variants: run.variants,
    untilVerdict: opts.untilVerdict !== false,
    ...(opts.full ? {} : DEMO_RUN_SETTINGS[run.scenario]),
  };
}
