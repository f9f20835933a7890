// `leaklab report <run-dir>`: re-analyses a recorded run from its files and writes every output
// again, without Gunicorn. The run directory is real recorded data (global-list --quick).
import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { test } from 'node:test';
import type { RunRecord } from '../../../src/run-data/run-record.ts';
import { scratchDir } from '../../scratch.ts';
import { leaklab, recordedRunDir } from './cli-harness.ts';

const OUTPUTS = ['summary.md', 'report.html', 'leak-curves.png', 'leak-curves.svg'];
const readRun = (dir: string) => JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunRecord;

test('report judges a recorded run and writes run.json, summary, chart and report', async () => {
  const dir = recordedRunDir();
  for (const f of OUTPUTS) assert.ok(!existsSync(join(dir, f)), `${f} not there before`);
  const r = await leaklab(['report', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');

  const run = readRun(dir);
  const verdicts = Object.fromEntries(run.variants.map((v) => [v.name, v.verdict]));
  assert.deepEqual(verdicts, { leaky: 'leak', fixed: 'flat', 'leaky-max-requests': 'sawtooth' });
  assert.ok(run.variants.every((v) => v.expectationMet === true));
  const leaky = run.variants.find((v) => v.name === 'leaky');
  assert.ok(leaky && leaky.slopeBytesPerRequest > 5000 && leaky.slopeBytesPerRequest < 6000, `${leaky?.slopeBytesPerRequest}`);
  assert.ok((run.variants.find((v) => v.name === 'leaky-max-requests')?.workerRestarts ?? 0) >= 2);
  // What collection recorded is kept as it was.
  assert.equal(run.runId, '20261126-072714-global-list');
  assert.equal(leaky?.requests, 17630);

  for (const f of OUTPUTS) assert.ok(statSync(join(dir, f)).size > 0, `${f} written`);
  assert.deepEqual(
    [...readFileSync(join(dir, 'leak-curves.png')).subarray(0, 8)],
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  );
  assert.match(readFileSync(join(dir, 'leak-curves.svg'), 'utf8'), /^<svg[^>]*>/);
  const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
  for (const name of ['leaky', 'fixed', 'leaky-max-requests']) assert.ok(summary.includes(name), `${name} in summary.md`);
  assert.match(readFileSync(join(dir, 'report.html'), 'utf8'), /<html[\s>][\s\S]*global-list[\s\S]*<\/html>/);

  // On stdout: the verdict table, the explanations and where each file is.
  assert.match(r.stdout, /^leaky +leak .* leak +✓/m);
  assert.match(r.stdout, /^fixed +flat .* flat +✓/m);
  assert.match(r.stdout, /^leaky-max-requests +sawtooth .* sawtooth +✓/m);
  assert.match(r.stdout, /Both workers grew 5\.5 KiB\/request/);
  assert.match(r.stdout, /✓ All 3 expectations held\./);
  const files: [string, string][] = [
    ['run record', 'run.json'],
    ['summary', 'summary.md'],
    ['chart', 'leak-curves.png'],
    ['report', 'report.html'],
  ];
  for (const [label, file] of files) {
    assert.match(r.stdout, new RegExp(`^  ${label} +${join(dir, file)}$`, 'm'), `${label} path`);
  }
  assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour when the io says none');
});

test('report writes the outputs anew: deleted or damaged files come back identical', async () => {
  const dir = recordedRunDir();
  assert.equal((await leaklab(['report', dir])).code, 0);
  const first = Object.fromEntries(['run.json', ...OUTPUTS].map((f) => [f, readFileSync(join(dir, f))]));
  rmSync(join(dir, 'summary.md'));
  rmSync(join(dir, 'leak-curves.png'));
  writeFileSync(join(dir, 'report.html'), 'damaged');
  writeFileSync(
    join(dir, 'run.json'),
    JSON.stringify({ ...readRun(dir), variants: readRun(dir).variants.map((v) => ({ ...v, verdict: 'flat' })) }),
  );
  const r = await leaklab(['report', dir]);
  assert.equal(r.code, 0, r.stderr);
  for (const [f, bytes] of Object.entries(first)) assert.ok(readFileSync(join(dir, f)).equals(bytes), `${f} rewritten as before`);
});

test('a changed expectation in run.json is judged against the same data, and the terminal shows the miss', async () => {
  const dir = recordedRunDir();
  const run = readRun(dir);
  writeFileSync(
    join(dir, 'run.json'),
    JSON.stringify({ ...run, variants: run.variants.map((v) => (v.name === 'fixed' ? { ...v, expected: 'leak' } : v)) }),
  );
  const r = await leaklab(['report', dir]);
  assert.equal(r.code, 1, 'report exits as run did: an expectation failed');
  const fixed = readRun(dir).variants.find((v) => v.name === 'fixed');
  assert.equal(fixed?.verdict, 'flat');
  assert.equal(fixed?.expectationMet, false);
  assert.match(r.stdout, /^fixed +flat .* leak +✗/m);
});

test('report takes a run folder relative to the working directory', async () => {
  const dir = recordedRunDir('20261126-072714-global-list');
  const r = await leaklab(['report', basename(dir)], { cwd: dirname(dir) });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(join(dir, 'summary.md')));
});

test('report on a folder that is missing, or not a run, exits 2 and writes nothing', async () => {
  const root = scratchDir('cli-report');
  const missing = await leaklab(['report', join(root, 'nope')]);
  assert.equal(missing.code, 2);
  assert.equal(missing.stdout, '');
  assert.match(
    missing.stderr,
    new RegExp(
      `^leaklab: ${join(root, 'nope')} is not a leaklab run directory \\(no run\\.json\\)\n  hint: pass a folder under results/`,
    ),
  );

  const noScenario = recordedRunDir();
  rmSync(join(noScenario, 'scenario.yaml'));
  const r = await leaklab(['report', noScenario]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /is not a leaklab run directory \(no scenario\.yaml\)/);
  assert.ok(!existsSync(join(noScenario, 'summary.md')), 'nothing rendered');

  const empty = join(root, 'empty');
  cpSync(recordedRunDir(), empty, { recursive: true });
  rmSync(join(empty, 'run.json'));
  const e = await leaklab(['report', empty]);
  assert.equal(e.code, 2);
  assert.match(e.stderr, /\(no run\.json\)/);
});

test('report exits as run would have: 3 when a variant failed or every one was skipped, 130 when interrupted', async () => {
  const edit = (change: (run: RunRecord) => void) => {
    const dir = recordedRunDir();
    const run = readRun(dir);
    change(run);
    writeFileSync(join(dir, 'run.json'), JSON.stringify(run));
    return dir;
  };
  const failed = edit((run) => {
    run.status = 'failed';
    run.variants[1] = { ...run.variants[1]!, status: 'failed', error: 'the app did not start' };
  });
  assert.equal((await leaklab(['report', failed])).code, 3);
  const skipped = edit((run) => {
    run.variants = run.variants.map((v) => ({ ...v, status: 'skipped', skipReason: 'needs Redis' }));
  });
  assert.equal((await leaklab(['report', skipped])).code, 3);
  const interrupted = edit((run) => {
    run.status = 'interrupted';
  });
  assert.equal((await leaklab(['report', interrupted])).code, 130);
});
