// The scenario file format. One zod schema is the single source of truth: it validates YAML
// files (every problem reported at once, with line numbers, by load.ts) and exports the JSON
// Schema that editors use (scenarios/scenario.schema.json, written by `leaklab schema`).
import * as z from 'zod';
import { compilePathTemplate } from '../load/path-template.ts';
import { VERDICTS } from '../run-data/types.ts';
import { durationProblem, parseDurationMs } from './duration.ts';

// Units are required: a bare number meant seconds here but milliseconds in the defaults.
const duration = z
  .union([z.number(), z.string()])
  .describe('A duration with its unit: "20s", "500ms", "2m", "1m30s".')
  .transform((value, ctx) => {
    const ms = parseDurationMs(value);
    if (ms === null) {
      ctx.addIssue({ code: 'custom', message: durationProblem(value) ?? 'not a duration' });
      return z.NEVER;
    }
    return ms;
  });

// A token typo ({uuid}, {rand:100:1}) must fail here, before anything starts, not in the storm.
const requestPath = z
  .string()
  .startsWith('/', 'a path starts with "/"')
  .superRefine((path, ctx) => {
    try {
      compilePathTemplate(path);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
    }
  });

// inconclusive is an answer, never an expectation: a run that has not decided must not pass.
const verdict = z
  .enum(VERDICTS.filter((v) => v !== 'inconclusive') as [string, ...string[]])
  .describe('leak | bounded | sawtooth | flat');

// A request that should answer 404 or 302 (a missing page, a login redirect) says so; only
// a status it did not expect counts as a failed request.
const httpStatus = z.number().int().min(100, 'an HTTP status, 100-599').max(599, 'an HTTP status, 100-599');

const requestSpec = z.strictObject({
  method: z
    .string()
    .regex(/^[A-Z]+$/, 'an HTTP method in capitals, e.g. GET')
    .default('GET'),
  path: requestPath.describe('Request path; may hold {seq} (a counter) and {rand:LOW:HIGH} (a random integer).'),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
  weight: z.number().positive().default(1).describe('Relative share of the request mix.'),
  status: z
    .union([httpStatus, z.array(httpStatus).min(1, 'list at least one status')])
    .optional()
    .describe(
      'The status this request should get (a number or a list, e.g. 404 or [200, 302]); any other counts as a failure. Default: any 2xx or 3xx.',
    ),
});

const workerClass = z.enum(['sync', 'gthread', 'gevent', 'eventlet']);

export const gunicornFields = {
  workers: z.number().int().min(1).max(64),
  workerClass,
  threads: z.number().int().min(1).max(256),
  maxRequests: z.number().int().min(0).describe('0 disables recycling, as in Gunicorn.'),
  maxRequestsJitter: z.number().int().min(0),
  timeout: z.number().int().min(1).describe('Seconds before the arbiter aborts a silent worker.'),
  preload: z.boolean().describe("Load the app in the master before forking (Gunicorn's preload_app)."),
  configFile: z
    .string()
    .describe(
      'Your own gunicorn.conf.py, relative to this file: its hooks and settings apply (these fields still win), and leaklab reports names in it that Gunicorn does not know, which Gunicorn ignores silently.',
    ),
  maxWorkerRssMiB: z
    .number()
    .min(0)
    .describe(
      'Recycle a worker once its RSS passes this many MiB (0: off). Gunicorn has no such setting; leaklab does it in a post_request hook, the workaround its maintainers point to.',
    ),
};
const gunicorn = z.strictObject({
  workers: gunicornFields.workers.default(2),
  workerClass: gunicornFields.workerClass.default('sync'),
  threads: gunicornFields.threads.default(1),
  maxRequests: gunicornFields.maxRequests.default(0),
  maxRequestsJitter: gunicornFields.maxRequestsJitter.default(0),
  timeout: gunicornFields.timeout.default(30),
  preload: gunicornFields.preload.default(false),
  maxWorkerRssMiB: gunicornFields.maxWorkerRssMiB.default(0),
  configFile: gunicornFields.configFile.optional(),
});
const gunicornOverride = z.strictObject(gunicornFields).partial();

export const loadFields = {
  connections: z.number().int().min(1).max(1024),
  duration,
  requests: z.number().int().positive().describe('Stop after exactly this many responses.'),
  warmup: duration.describe('Load before which memory growth is treated as warm-up, at least.'),
};
// Pages behind login: one session per variant, made before the storm (src/load/login.ts).
const login = z
  .strictObject({
    path: z
      .string()
      .startsWith('/', 'a path starts with "/"')
      .describe('The login form, e.g. /accounts/login/: GET for the CSRF token, then POST.'),
    form: z
      .record(z.string(), z.string())
      .describe('Fields posted with the CSRF token, e.g. {username: reader, password: ...}; create that user in app.setup.'),
    status: z
      .union([httpStatus, z.array(httpStatus).min(1, 'list at least one status')])
      .default(302)
      .transform((s) => (Array.isArray(s) ? s : [s]))
      .describe("What the POST answers when the credentials are right (Django's LoginView: 302)."),
  })
  .describe(
    'Log in before the storm: GET path (Django sets csrftoken), POST form + csrfmiddlewaretoken, then every request sends the cookies it got (and X-CSRFToken on POST/PUT/PATCH/DELETE).',
  );

const load = z.strictObject({
  connections: loadFields.connections.default(8),
  duration: loadFields.duration.optional(),
  requests: loadFields.requests.optional(),
  warmup: loadFields.warmup.optional(),
  until: z
    .enum(['verdict'])
    .optional()
    .describe(
      'verdict: judge while the storm runs and stop each variant once its verdict is decided; duration/requests stay the cap.',
    ),
  mix: z.array(requestSpec).min(1).describe('The requests to send; a variant may replace them.'),
  login: login.optional(),
  quick: z
    .strictObject({ duration: loadFields.duration.optional(), requests: loadFields.requests.optional() })
    .optional()
    .describe('What --quick changes: shorter, but long enough for every verdict to be right.'),
});

const thresholds = z
  .strictObject({
    materialGrowthBytes: z.number().nonnegative(),
    materialSlopeBytesPerRequest: z.number().nonnegative(),
    plateauFraction: z.number().gt(0).lt(1),
    confidence: z.number().gt(0).lt(1),
    minWarmupRequests: z.number().int().nonnegative(),
  })
  .partial();

const env = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'), z.string());

const app = z.strictObject({
  dir: z.string().default('../sample-django-app').describe('The app directory, relative to this file.'),
  wsgi: z
    .string()
    .regex(/^[\w.]+:[\w.]+$/, 'module:callable, e.g. config.wsgi:application')
    .default('config.wsgi:application'),
  requirements: z
    .string()
    .default('requirements.txt')
    .describe(
      'Installed into <dir>/.venv by leaklab; without this file a pip-installable pyproject.toml is installed instead (pip install -e .). Not used with app.python.',
    ),
  python: z
    .string()
    .min(1)
    .optional()
    .describe(
      'An existing venv folder or Python interpreter, relative to this file (e.g. .venv or .venv/bin/python): Gunicorn runs from it as-is and leaklab installs nothing (it must hold gunicorn). Local target only; uv and poetry projects need it.',
    ),
  readyPath: z.string().startsWith('/').default('/ok/').describe('Answers 200 once the app is up.'),
  env: env.default({}),
  setup: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Shell commands run once in the app directory before the variants, with the venv first on PATH (e.g. "python manage.py migrate --noinput").',
    ),
  setupTimeout: duration
    .default(600_000)
    .describe('How long one setup command may run before it is stopped and the run fails (exit 3).'),
});

const sampling = z.strictObject({
  interval: duration.default(100).describe('How often RSS is read for every worker.'),
  smapsInterval: duration.default(500).describe('How often USS/PSS are read (smaps_rollup costs milliseconds on big processes).'),
});

// Backing services a variant's app needs. leaklab takes REDIS_URL / DATABASE_URL from the
// environment, else starts a private redis-server / PostgreSQL, else skips the variant.
const services = z
  .array(z.enum(['redis', 'postgres']))
  .describe(
    "Services the app needs: redis (REDIS_URL: Django's Redis cache) and/or postgres (DATABASE_URL). Each comes from the environment variable when it is set, else leaklab starts a private redis-server / PostgreSQL on a free loopback port, else the variant is skipped with the reason. A variant's list replaces the scenario's ([] runs it with neither); variants that do not name a service run without its variable (locmem cache, SQLite) even when it is set.",
  );

// A request sent outside the storm (before it, or after it while Gunicorn still runs) whose
// response is kept in the run directory: a diagnosis endpoint's answer (a tracemalloc snapshot,
// object growth). See src/pipeline/probes.ts.
const probe = z.strictObject({
  path: z.string().startsWith('/', 'a path starts with "/"').describe('Request path (GET).'),
  when: z
    .enum(['before', 'after'])
    .default('after')
    .describe('before: once the app is ready, before the storm; after: after the storm, before Gunicorn stops.'),
  save: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a file name (letters, digits, ".", "-", "_"), no folder')
    .describe('File name for the response body, saved as probes/<variant>-<save> in the run directory.'),
  timeout: duration.default(30_000).describe('How long the probe may take (a tracemalloc snapshot of a big heap takes seconds).'),
});
const probes = z.array(probe).describe('Requests whose responses are saved in the run directory.');

// Settings only a container can enforce (--target docker): the container equivalent of the
// seed's systemd MemoryLimit=512M. The local target cannot honour them (see start-target.ts).
const container = z
  .strictObject({
    memoryMiB: z
      .number()
      .int()
      .min(16)
      .describe(
        "Hard memory limit of the app's container (master and workers together), MiB; the kernel's OOM killer SIGKILLs a worker that passes it.",
      ),
  })
  .partial()
  .describe(
    'Container settings, honoured only with --target docker: a variant that sets them is skipped on --target local; scenario-level ones are ignored there with a warning.',
  );

// tracemalloc in every worker (the same as --trace): an extra, traced pass of each variant
// names the lines whose allocations grow. Its curve never feeds the verdict.
const trace = z
  .strictObject({
    tracer: z
      .enum(['tracemalloc', 'memray'])
      .default('tracemalloc')
      .describe(
        "tracemalloc (Python allocations; nothing to install) or memray (native frames too: a C library or extension; memray must be installed in the app's venv).",
      ),
    depth: z.number().int().min(1).max(100).default(10).describe('Frames kept per allocation (tracemalloc.start(depth)).'),
    everyRequests: z
      .number()
      .int()
      .min(0)
      .default(2000)
      .describe('Also write the end snapshot every N requests, so a killed worker loses little (0: only at exit).'),
  })
  .describe('Run each variant a second time with tracemalloc in every worker, to name the growing lines (like --trace).');

// A real Celery worker beside Gunicorn (src/app-server/celery-worker.ts): same venv, app folder
// and environment. Its processes are sampled as their own series (role celery in samples.csv)
// and never judged with the web workers.
const celery = z
  .strictObject({
    app: z
      .string()
      .regex(/^[A-Za-z_][\w.]*(:[A-Za-z_]\w*)?$/, 'a module (or module:attribute) holding the Celery app, e.g. config.celery_app')
      .describe("Celery's -A: the module (or module:attribute) holding the Celery app, e.g. config.celery_app."),
    concurrency: z.number().int().min(1).max(16).default(2).describe('Pool processes of the prefork worker (--concurrency).'),
  })
  .describe(
    "Start a Celery worker (prefork, --without-gossip --without-mingle --without-heartbeat) from the app's venv beside Gunicorn, with the variant's environment (its broker: name services: [redis], the app reads REDIS_URL). Its processes are sampled as their own series (role celery in samples.csv, labelled in the chart) and are not part of the verdict; the explanation says what they did. Local target only.",
  );

// A variant whose requests cost a fraction of the others' (a file served from disk beside a
// thumbnail made in the request) needs more of them in the same time: its own stop condition.
const variantLoad = z
  .strictObject({
    duration: loadFields.duration.optional(),
    requests: loadFields.requests.optional(),
    quick: z.strictObject({ duration: loadFields.duration.optional(), requests: loadFields.requests.optional() }).optional(),
  })
  .describe(
    "This variant's own stop condition (duration or requests, and what --quick changes), replacing the scenario's; connections, warm-up and mix stay the scenario's. --duration and --requests still win.",
  );

const variant = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  description: z.string().optional(),
  expect: verdict.optional().describe('The verdict this variant must get; exit code 1 when it does not.'),
  mix: z.array(requestSpec).min(1).optional(),
  load: variantLoad.optional(),
  gunicorn: gunicornOverride.optional(),
  env: env.optional(),
  services: services.optional(),
  celery: celery.optional(),
  container: container.optional(),
  thresholds: thresholds.optional(),
  probes: probes.optional().describe("Replace the scenario's probes for this variant."),
  maxFailedShare: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe(
      'Share of requests that may fail before the variant is void (default 0.01); raise it where failures are the finding (a memory limit that makes the app answer 500).',
    ),
});

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    title: z.string(),
    claim: z.string().describe("The source material's claim, in one line."),
    source: z.string().optional().describe('Where in the source material the claim stands.'),
    explanation: z.string().optional(),
    app: app.default(() => app.parse({})),
    load,
    gunicorn: gunicorn.default(() => gunicorn.parse({})),
    sampling: sampling.default(() => sampling.parse({})),
    thresholds: thresholds.optional(),
    services: services.default([]),
    container: container.optional(),
    probes: probes.default([]),
    trace: trace.optional(),
    variants: z.array(variant).min(1),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.variants.forEach((v, i) => {
      if (seen.has(v.name)) {
        ctx.addIssue({ code: 'custom', path: ['variants', i, 'name'], message: `variant "${v.name}" is named twice` });
      }
      seen.add(v.name);
      duplicateSaves(v.probes ?? [], ctx, ['variants', i, 'probes']);
      if (v.load && v.load.duration === undefined && v.load.requests === undefined) {
        ctx.addIssue({ code: 'custom', path: ['variants', i, 'load'], message: 'give load.duration or load.requests' });
      }
      warmupShorterThanRun(s.load.warmup, v.load?.duration, ['variants', i, 'load', 'duration'], ctx);
      warmupShorterThanRun(s.load.warmup, v.load?.quick?.duration, ['variants', i, 'load', 'quick', 'duration'], ctx);
    });
    duplicateSaves(s.probes, ctx, ['probes']);
    if (s.load.duration === undefined && s.load.requests === undefined) {
      ctx.addIssue({ code: 'custom', path: ['load'], message: 'give load.duration or load.requests' });
    }
    warmupShorterThanRun(s.load.warmup, s.load.duration, ['load', 'duration'], ctx);
    warmupShorterThanRun(s.load.warmup, s.load.quick?.duration, ['load', 'quick', 'duration'], ctx);
  });

/** A warm-up as long as the run leaves nothing to judge: refused rather than silently inconclusive. */
export function warmupProblem(warmupMs: number | undefined, durationMs: number | undefined): string | null {
  if (warmupMs === undefined || durationMs === undefined || warmupMs < durationMs) return null;
  return `the warm-up (${warmupMs} ms) is at least as long as the run (${durationMs} ms): nothing would be judged`;
}

function warmupShorterThanRun(
  warmupMs: number | undefined,
  durationMs: number | undefined,
  path: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  const message = warmupProblem(warmupMs, durationMs);
  if (message) ctx.addIssue({ code: 'custom', path: ['load', 'warmup'], message: `${message} (${path.join('.')})` });
}

function duplicateSaves(list: { save: string }[], ctx: z.RefinementCtx, path: (string | number)[]): void {
  const saves = new Set<string>();
  list.forEach((p, j) => {
    if (saves.has(p.save)) ctx.addIssue({ code: 'custom', path: [...path, j, 'save'], message: `"${p.save}" is saved twice` });
    saves.add(p.save);
  });
}

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioVariant = Scenario['variants'][number];
export type GunicornSettings = Scenario['gunicorn'];
export type RequestMixEntry = Scenario['load']['mix'][number];
export type ProbeSpec = Scenario['probes'][number];
export type TraceSettings = z.output<typeof trace>;
export type CelerySettings = z.output<typeof celery>;
export const DEFAULT_TRACE: TraceSettings = trace.parse({});
