// `leaklab compare` as a command: the Markdown file and the before/after charts it writes next
// to it, the links between them, and the errors for folders that are not runs. The gate's
// rules, case by case, are in compare-gate.test.ts. Both runs are real recorded data
// re-judged by `leaklab report`.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { before, test } from 'node:test';
import { fileSafe } from '../../../src/cli/commands/compare.ts';
import { scratchDir } from '../../scratch.ts';
import { leaklab, recordedRunDir } from './cli-harness.ts';

let good = '';
let worse = '';
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The recorded run where "fixed" served the leaky code: its rows are replaced by a copy of leaky's. */
function makeFixedLeak(dir: string): void {
  const csv = readFileSync(join(dir, 'samples.csv'), 'utf8').trimEnd().split('\n');
  const leakyRows = csv.filter((l) => l.split(',')[1] === 'leaky');
  const rows = [...csv.filter((l) => l.split(',')[1] !== 'fixed'), ...leakyRows.map((l) => l.replace(',leaky,', ',fixed,'))];
  writeFileSync(join(dir, 'samples.csv'), `${rows.join('\n')}\n`);
}

before(async () => {
  good = recordedRunDir('before');
  worse = recordedRunDir('after');
  makeFixedLeak(worse);
  assert.equal((await leaklab(['report', good])).code, 0);
  assert.equal((await leaklab(['report', worse])).code, 1, 'fixed no longer meets its expectation');
});

test('the table: both verdicts and slopes per variant, and the runs named by id, not by a local path', async () => {
  const r = await leaklab(['compare', good, worse]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stdout,
    /\| variant \| before \| after \| slope before \| slope after \| change \|\n\|:--\|:--\|:--\|--:\|--:\|:--\|/,
  );
  assert.match(r.stdout, /\| fixed \| flat \| leak \| 17 B\/req \| 5\.5 KiB\/req \| ❌ regression: flat → leak \|/);
  assert.match(r.stdout, /\| leaky \| leak \| leak \| 5\.5 KiB\/req \| 5\.5 KiB\/req \| ➖ same: same verdict \|/);
  assert.ok(r.stdout.includes('Before: `20261126-072714-global-list` · After: `20261126-072714-global-list`'));
  assert.ok(!r.stdout.includes(dirname(good)), 'no absolute path of this machine');
  assert.ok(!r.stdout.includes('!['), 'no chart without --markdown or --out');
});

test('--markdown writes the Markdown and, in its folder, a before/after chart per variant it links by relative path', async () => {
  const cwd = dirname(dirname(good));
  const [a, b] = [relative(cwd, good), relative(cwd, worse)];
  // A missing folder is refused (bad input); the charts go into the one that exists.
  mkdirSync(join(cwd, 'pr'), { recursive: true });
  const r = await leaklab(['compare', a, b, '--markdown', 'pr/comment.md'], { cwd });
  assert.equal(r.code, 1, r.stderr);
  const written = readFileSync(join(cwd, 'pr', 'comment.md'), 'utf8');
  assert.equal(written, r.stdout);
  const charts = readdirSync(join(cwd, 'pr'))
    .filter((f) => f.startsWith('compare-'))
    .sort();
  assert.deepEqual(charts, [
    'compare-fixed.png',
    'compare-fixed.svg',
    'compare-leaky-max-requests.png',
    'compare-leaky-max-requests.svg',
    'compare-leaky.png',
    'compare-leaky.svg',
  ]);
  for (const v of ['leaky', 'fixed', 'leaky-max-requests']) {
    assert.ok(written.includes(`![${v}: before dashed, after solid](compare-${v}.png)`), v);
    assert.deepEqual([...readFileSync(join(cwd, 'pr', `compare-${v}.png`)).subarray(0, 8)], PNG);
  }
  const svg = readFileSync(join(cwd, 'pr', 'compare-fixed.svg'), 'utf8');
  assert.match(svg, /^<svg/);
  assert.ok(svg.includes('before: flat') && svg.includes('after: leak'), 'the verdicts are in the legend');
  assert.ok(svg.includes('fixed: before and after'));
});

test('--out puts the charts in another folder and the links follow them', async () => {
  const root = scratchDir('cli-compare-out');
  mkdirSync(join(root, 'md'));
  const r = await leaklab(['compare', good, worse, '--markdown', join(root, 'md', 'c.md'), '--out', join(root, 'charts')]);
  assert.equal(r.code, 1, r.stderr);
  assert.ok(existsSync(join(root, 'charts', 'compare-leaky.png')));
  assert.ok(r.stdout.includes('](../charts/compare-leaky.png)'), r.stdout);
  assert.ok(!existsSync(join(root, 'md', 'compare-leaky.png')));
});

test('a variant name from a hand-edited run.json still makes a safe file name', () => {
  // Scenario files allow only [a-z0-9-] names; run.json is a file anyone can edit.
  assert.equal(fileSafe('leaky-max-requests'), 'leaky-max-requests');
  assert.equal(fileSafe('../../etc/passwd'), 'etc-passwd');
  assert.equal(fileSafe('max requests/1000'), 'max-requests-1000');
  assert.equal(fileSafe('...'), 'variant');
});

test('--max-slope-increase must be a number of bytes', async () => {
  const bad = await leaklab(['compare', good, worse, '--max-slope-increase', 'lots']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--max-slope-increase "lots" is not a number of bytes\n {2}hint: e\.g\. --max-slope-increase 128/);
  const negative = await leaklab(['compare', good, good, '--max-slope-increase', '-1']);
  assert.equal(negative.code, 2);
});

test('a missing folder, one without run.json, or a damaged run.json exits 2 and names it', async () => {
  const missing = join(scratchDir('cli-compare'), 'nope');
  const r = await leaklab(['compare', good, missing]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(
    r.stderr,
    new RegExp(`^leaklab: ${missing} is not a leaklab run directory \\(no run\\.json\\)\n  hint: pass folders under results/`),
  );
  const notRun = recordedRunDir();
  rmSync(join(notRun, 'run.json'));
  const r2 = await leaklab(['compare', notRun, good, '--markdown', join(dirname(notRun), 'x.md')]);
  assert.equal(r2.code, 2);
  assert.match(r2.stderr, new RegExp(`${notRun} is not a leaklab run directory`));
  assert.ok(!existsSync(join(dirname(notRun), 'x.md')), 'nothing written');
  const damaged = recordedRunDir();
  writeFileSync(join(damaged, 'run.json'), '{"scenario": ');
  const r3 = await leaklab(['compare', good, damaged]);
  assert.equal(r3.code, 2);
  assert.match(r3.stderr, /run\.json is not valid JSON/);
});

test('a run without scenario.yaml (older runs) is still compared on what run.json recorded', async () => {
  const old = recordedRunDir();
  await leaklab(['report', old]);
  rmSync(join(old, 'scenario.yaml'));
  const r = await leaklab(['compare', good, old]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^### ✅ global-list: no regression\n/);
});

test('compare --help names both arguments, the flags and every exit code', async () => {
  const r = await leaklab(['compare', '--help']);
  assert.equal(r.code, 0);
  for (const s of ['<before-run-dir>', '<after-run-dir>', '--markdown <file>', '--out <dir>', '--max-slope-increase <bytes>']) {
    assert.ok(r.stdout.includes(s), s);
  }
  assert.match(r.stdout, /Exit codes: 0 no regression, 1 a regression, 2 the runs cannot be compared/);
  assert.match(r.stdout, /flat < bounded < sawtooth < leak/);
});
