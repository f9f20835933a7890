// The compare gate, case by case: every row of the README's gate table, each with its exit
// code and the first line a reader (or a CI log tail) sees. The run directories are the
// recorded global-list --quick run, re-judged by `leaklab report`, then changed the way a real
// after-run would differ: its samples (a worse leak), or its run.json / scenario.yaml (a failed,
// interrupted, partial or differently configured run). No Gunicorn.
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { RunRecord, VariantRecord } from '../../../src/run-data/run-record.ts';
import { scratchDir } from '../../scratch.ts';
import { leaklab, recordedRunDir } from './cli-harness.ts';

const readRun = (dir: string) => JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunRecord;
const writeRun = (dir: string, run: RunRecord) => writeFileSync(join(dir, 'run.json'), `${JSON.stringify(run, null, 2)}\n`);

/** A copy of an analysed run with its run.json changed by `edit`. */
function variantOf(source: string, edit: (run: RunRecord) => void, yaml?: (text: string) => string): string {
  const dir = join(scratchDir('gate'), 'run');
  cpSync(source, dir, { recursive: true });
  const run = readRun(dir);
  edit(run);
  writeRun(dir, run);
  if (yaml) writeFileSync(join(dir, 'scenario.yaml'), yaml(readFileSync(join(dir, 'scenario.yaml'), 'utf8')));
  return dir;
}

const named = (run: RunRecord, name: string) => run.variants.find((v) => v.name === name)!;
const TRACEBACK = [
  'the app did not answer /ok/ within 30 s (see logs/fixed-gunicorn.log)',
  'Traceback (most recent call last):',
  '  File "/home/ci/work/sample-django-app/config/wsgi.py", line 16, in <module>',
  '    application = get_wsgi_application()',
  "ModuleNotFoundError: No module named 'leaks.fixed'",
].join('\n');

function failed(v: VariantRecord, error: string): VariantRecord {
  const { verdict: _v, analysis: _a, expectationMet: _e, ...rest } = v;
  return { ...rest, status: 'failed', error, slopeBytesPerRequest: 0, growthBytes: 0 };
}

/** Rewrites the samples of one variant, e.g. to scale its memory. */
function scaleVariant(dir: string, variant: string, factor: number): void {
  const lines = readFileSync(join(dir, 'samples.csv'), 'utf8').trimEnd().split('\n');
  const out = lines.map((l, i) => {
    const c = l.split(',');
    if (i === 0 || c[1] !== variant) return l;
    for (const k of [5, 6, 7]) if (c[k]) c[k] = String(Math.round(Number(c[k]) * factor));
    return c.join(',');
  });
  writeFileSync(join(dir, 'samples.csv'), `${out.join('\n')}\n`);
}

/** "fixed" served the leaky code: its rows become a copy of leaky's (as cli/compare.test.ts does). */
function makeFixedLeak(dir: string): void {
  const csv = readFileSync(join(dir, 'samples.csv'), 'utf8').trimEnd().split('\n');
  const rows = [
    ...csv.filter((l) => l.split(',')[1] !== 'fixed'),
    ...csv.filter((l) => l.split(',')[1] === 'leaky').map((l) => l.replace(',leaky,', ',fixed,')),
  ];
  writeFileSync(join(dir, 'samples.csv'), `${rows.join('\n')}\n`);
}

const dirs: Record<string, string> = {};

before(async () => {
  dirs.good = recordedRunDir('good');
  dirs.worse = recordedRunDir('worse');
  makeFixedLeak(dirs.worse);
  dirs.steeper = recordedRunDir('steeper');
  scaleVariant(dirs.steeper, 'leaky', 1.5);
  // Re-judged from their samples, as `leaklab run` would have: exit 1 is worse's missed expectation.
  for (const name of ['good', 'worse', 'steeper']) await leaklab(['report', dirs[name]!]);
  assert.equal(named(readRun(dirs.worse), 'fixed').verdict, 'leak');
  assert.equal(named(readRun(dirs.steeper), 'leaky').verdict, 'leak');
  const g = dirs.good;
  dirs.failed = variantOf(g, (r) => {
    r.status = 'failed';
    r.variants = r.variants.map((v) => failed(v, TRACEBACK));
  });
  // The case: the after run failed before it measured anything.
  dirs.failedEmpty = variantOf(g, (r) => {
    r.status = 'failed';
    r.variants = [];
  });
  dirs.interrupted = variantOf(g, (r) => {
    r.status = 'interrupted';
    r.variants = r.variants.slice(0, 2);
  });
  dirs.partial = variantOf(g, (r) => {
    r.variants = r.variants.filter((v) => v.name !== 'leaky-max-requests');
  });
  dirs.skipped = variantOf(g, (r) => {
    const { verdict: _v, analysis: _a, expectationMet: _e, ...rest } = named(r, 'fixed');
    r.variants[1] = { ...rest, status: 'skipped', skipReason: 'needs Redis: set REDIS_URL or install redis-server' };
  });
  dirs.otherScenario = variantOf(
    g,
    (r) => {
      r.scenario = 'dict-cache';
    },
    (y) => y.replace('name: global-list', 'name: dict-cache'),
  );
  dirs.otherMix = variantOf(
    g,
    () => {},
    (y) => y.replace('path: /leaks/global-list/fixed/', 'path: /leaks/global-list/fixed/?v=2'),
  );
  dirs.otherWorkers = variantOf(g, (r) => {
    for (const v of r.variants) v.gunicorn = { ...v.gunicorn, workers: 4 };
  });
  dirs.inconclusive = variantOf(g, (r) => {
    named(r, 'fixed').verdict = 'inconclusive';
  });
  // A rise past the limit that the two intervals cannot tell from noise.
  dirs.noisy = variantOf(g, (r) => {
    const v = named(r, 'fixed');
    v.slopeBytesPerRequest += 200;
    v.analysis!.slope = { ...v.analysis!.slope, bytesPerRequest: v.slopeBytesPerRequest, low: -400, high: 600 };
  });
  dirs.noisyBefore = variantOf(g, (r) => {
    const v = named(r, 'fixed');
    v.analysis!.slope = { ...v.analysis!.slope, low: -300, high: 300 };
  });
});

interface GateCase {
  name: string;
  before: string;
  after: string;
  args?: string[];
  code: number;
  /** The first line of stdout, or of stderr when the runs are refused. */
  first: RegExp;
  /** Something the rest of the output must say. */
  says?: RegExp;
}

const CASES: GateCase[] = [
  { name: 'identical', before: 'good', after: 'good', code: 0, first: /^### ✅ global-list: no regression$/ },
  {
    name: 'fixed',
    before: 'worse',
    after: 'good',
    code: 0,
    first: /^### ✅ global-list: no regression \(fixed: leak → flat\)$/,
    says: /\| fixed \| leak \| flat \| .*✅ fixed: leak → flat \|/,
  },
  {
    name: 'regressed slope',
    before: 'good',
    after: 'steeper',
    code: 1,
    first: /^### ❌ global-list: 1 regression \(leaky: slope rose by [\d,]+ B\/request \(limit 128\), outside both intervals\)$/,
  },
  {
    name: 'regressed verdict',
    before: 'good',
    after: 'worse',
    code: 1,
    first: /^### ❌ global-list: 1 regression \(fixed: flat → leak\)$/,
  },
  {
    name: 'after failed',
    before: 'good',
    after: 'failed',
    code: 1,
    first: /^### ❌ global-list: 4 regressions \(the after run failed; leaky: failed in the after run; \+2 more\)$/,
    says: /\| fixed \| flat \| failed \| .*❌ regression: failed in the after run \|/,
  },
  {
    name: 'after failed before measuring any variant',
    before: 'good',
    after: 'failedEmpty',
    code: 1,
    first: /^### ❌ global-list: 4 regressions \(the after run failed; leaky: missing from the after run; \+2 more\)$/,
    says: /\| leaky-max-requests \| sawtooth \| — \| .*❌ regression: missing from the after run \|/,
  },
  {
    name: 'after interrupted',
    before: 'good',
    after: 'interrupted',
    code: 1,
    first:
      /^### ❌ global-list: 2 regressions \(the after run was interrupted; leaky-max-requests: missing from the after run\)$/,
  },
  {
    name: 'variant missing',
    before: 'good',
    after: 'partial',
    code: 1,
    first: /^### ❌ global-list: 1 regression \(leaky-max-requests: missing from the after run\)$/,
  },
  {
    name: 'variant skipped',
    before: 'good',
    after: 'skipped',
    code: 1,
    first: /^### ❌ global-list: 1 regression \(fixed: skipped in the after run only\)$/,
  },
  {
    name: 'different scenario',
    before: 'good',
    after: 'otherScenario',
    code: 2,
    first: /^leaklab: these runs cannot be compared$/,
    says: /^ {2}different scenarios: global-list before, dict-cache after$/m,
  },
  {
    name: 'different mix',
    before: 'good',
    after: 'otherMix',
    code: 2,
    first: /^leaklab: these runs cannot be compared$/,
    says: /fixed: the request mix differs \(GET \/leaks\/global-list\/fixed\/ before, GET \/leaks\/global-list\/fixed\/\?v=2 after\)/,
  },
  {
    name: 'different workers',
    before: 'good',
    after: 'otherWorkers',
    code: 2,
    first: /^leaklab: these runs cannot be compared$/,
    says: /leaky: gunicorn settings \(run\.json\) differ: workers 2 → 4/,
  },
  {
    name: 'inconclusive after',
    before: 'good',
    after: 'inconclusive',
    code: 1,
    first: /^### ❌ global-list: 1 regression \(fixed: flat → inconclusive: the after run could not decide\)$/,
  },
  {
    name: 'improved',
    before: 'steeper',
    after: 'good',
    code: 0,
    first: /^### ✅ global-list: no regression \(leaky: slope fell by [\d,]+ B\/request, outside both intervals\)$/,
    says: /\| leaky \| leak \| leak \| .*✅ improved: slope fell/,
  },
  {
    name: 'noise-only change within intervals',
    before: 'noisyBefore',
    after: 'noisy',
    code: 0,
    first: /^### ✅ global-list: no regression$/,
    says: /\| fixed \| flat \| flat \| .*➖ same: same verdict; slope rose by 200 B\/request but the intervals overlap \(noise\) \|/,
  },
  {
    name: 'a raised limit does not hide a worse verdict',
    before: 'good',
    after: 'worse',
    args: ['--max-slope-increase', '1000000'],
    code: 1,
    first: /^### ❌ global-list: 1 regression \(fixed: flat → leak\)$/,
  },
  {
    name: 'a raised limit lets a steeper slope through',
    before: 'good',
    after: 'steeper',
    args: ['--max-slope-increase', '1000000'],
    code: 0,
    first: /^### ✅ global-list: no regression$/,
  },
];

for (const c of CASES) {
  test(`compare gate: ${c.name} → exit ${c.code}`, async () => {
    const r = await leaklab(['compare', dirs[c.before]!, dirs[c.after]!, ...(c.args ?? [])]);
    assert.equal(r.code, c.code, r.stdout + r.stderr);
    const out = c.code === 2 ? r.stderr : r.stdout;
    assert.match(out.split('\n')[0]!, c.first);
    if (c.code === 2) assert.equal(r.stdout, '', 'nothing judged');
    else assert.equal(r.stderr, '');
    if (c.says) assert.match(out, c.says);
  });
}

test('the table covers the twelve cases the issue names', () => {
  const names = new Set(CASES.map((c) => c.name));
  for (const n of [
    'identical',
    'fixed',
    'regressed slope',
    'regressed verdict',
    'after failed',
    'after interrupted',
    'variant missing',
    'variant skipped',
    'different scenario',
    'inconclusive after',
    'improved',
    'noise-only change within intervals',
  ])
    assert.ok(names.has(n), n);
});
