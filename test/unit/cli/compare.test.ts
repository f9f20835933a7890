// `leaklab compare <before> <after>`: exit 1 when a variant got worse, 0 otherwise, 2 for a
// folder that is not a run. Both runs are real recorded data re-judged by `leaklab report`.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { before, test } from 'node:test';
import { scratchDir } from '../../scratch.ts';
import { leaklab, recordedRunDir } from './cli-harness.ts';

let good = '';
let worse = '';

/** The recorded run where "fixed" served the leaky code: its rows are replaced by a copy of leaky's. */
function makeFixedLeak(dir: string): void {
  const csv = readFileSync(join(dir, 'samples.csv'), 'utf8').trimEnd().split('\n');
  const leakyRows = csv.filter((l) => l.split(',')[1] === 'leaky');
  const rows = [...csv.filter((l) => l.split(',')[1] !== 'fixed'), ...leakyRows.map((l) => l.replace(',leaky,', ',fixed,'))];
  writeFileSync(join(dir, 'samples.csv'), `${rows.join('\n')}\n`);
  const events = readFileSync(join(dir, 'events.jsonl'), 'utf8').trimEnd().split('\n');
  const leakyEvents = events.filter((l) => l.includes('"variant":"leaky"'));
  const kept = events.filter((l) => !l.includes('"variant":"fixed"'));
  writeFileSync(
    join(dir, 'events.jsonl'),
    `${[...kept, ...leakyEvents.map((l) => l.replace('"variant":"leaky"', '"variant":"fixed"'))].join('\n')}\n`,
  );
}

before(async () => {
  good = recordedRunDir('before');
  worse = recordedRunDir('after');
  makeFixedLeak(worse);
  for (const dir of [good, worse]) assert.equal((await leaklab(['report', dir])).code, 0);
  const verdicts = (dir: string) =>
    (JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { variants: { name: string; verdict: string }[] }).variants.map(
      (v) => `${v.name}:${v.verdict}`,
    );
  assert.deepEqual(verdicts(worse), ['leaky:leak', 'fixed:leak', 'leaky-max-requests:sawtooth'], 'fixed now leaks');
  assert.deepEqual(verdicts(good), ['leaky:leak', 'fixed:flat', 'leaky-max-requests:sawtooth']);
});

test('a run compared with itself: no regression, exit 0, every variant unchanged', async () => {
  const r = await leaklab(['compare', good, good]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^### leaklab compare: global-list/);
  assert.match(r.stdout, /\| variant \| before \| after \| slope before \| slope after \| change \|/);
  assert.match(r.stdout, /\| leaky \| leak \| leak \| 5\.5 KiB\/req \| 5\.5 KiB\/req \| .*same verdict \|/);
  assert.match(r.stdout, /\| fixed \| flat \| flat \| 17 B\/req \| 17 B\/req \| .*same verdict \|/);
  assert.match(r.stdout, /No regression\./);
});

test('a variant that went from flat to leak is a regression: exit 1, and it is named', async () => {
  const r = await leaklab(['compare', good, worse]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /\| fixed \| flat \| leak \| 17 B\/req \| 5\.5 KiB\/req \| .*flat → leak \|/);
  assert.match(r.stdout, /\| leaky \| leak \| leak \| .*same verdict \|/);
  assert.match(r.stdout, /\*\*1 regression\.\*\*/);
  assert.doesNotMatch(r.stdout, /No regression/);
});

test('the other way round is an improvement: exit 0', async () => {
  const r = await leaklab(['compare', worse, good]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /\| fixed \| leak \| flat \| .*leak → flat \|/);
  assert.match(r.stdout, /No regression\./);
});

test('--max-slope-increase must be a number of bytes, and no limit hides a worse verdict', async () => {
  const high = await leaklab(['compare', good, worse, '--max-slope-increase', '1000000']);
  assert.equal(high.code, 1);
  const bad = await leaklab(['compare', good, worse, '--max-slope-increase', 'lots']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--max-slope-increase "lots" is not a number of bytes\n {2}hint: e\.g\. --max-slope-increase 128/);
  const negative = await leaklab(['compare', good, good, '--max-slope-increase', '-1']);
  assert.equal(negative.code, 2);
});

test('--markdown writes the comparison to a file (relative to the working directory) as well as printing it', async () => {
  const cwd = dirname(dirname(good));
  const [a, b] = [relative(cwd, good), relative(cwd, worse)];
  const r = await leaklab(['compare', a, b, '--markdown', 'pr-comment.md'], { cwd });
  assert.equal(r.code, 1, r.stderr);
  const written = readFileSync(join(cwd, 'pr-comment.md'), 'utf8');
  assert.equal(written, r.stdout);
  assert.ok(written.includes(`Before: \`${a}\` · After: \`${b}\``), written);
});

test('a missing folder or one without run.json exits 2 and names it', async () => {
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
});
