// `leaklab report` / `compare` on damaged run data: exit 2 naming the file (and line), never
// "unexpected error: … position 60"; a torn last line (an interrupted write) is a warning.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { leaklab, recordedRunDir } from './cli-harness.ts';

const OUTPUTS = ['summary.md', 'report.html', 'leak-curves.png', 'leak-curves.svg'];

async function reportRefused(dir: string) {
  const before = readFileSync(join(dir, 'run.json'), 'utf8');
  const r = await leaklab(['report', dir]);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.doesNotMatch(r.stderr, /unexpected error/);
  for (const f of OUTPUTS) assert.ok(!existsSync(join(dir, f)), `${f} not written from damaged data`);
  assert.equal(readFileSync(join(dir, 'run.json'), 'utf8'), before, 'run.json left as it was');
  return r;
}

test('a run.json that is not JSON: exit 2 naming the file', async () => {
  const dir = recordedRunDir();
  writeFileSync(join(dir, 'run.json'), '{ "scenario": ');
  const r = await leaklab(['report', dir]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`^leaklab: ${join(dir, 'run.json')} is not valid JSON: `));
  assert.match(r.stderr, /hint: the run record is damaged; run the scenario again/);
});

test('two samples.csv rows joined: exit 2 naming the file and line, no verdict written', async () => {
  const dir = recordedRunDir();
  const file = join(dir, 'samples.csv');
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.splice(10, 2, `${lines[10]}${lines[11]}`);
  writeFileSync(file, lines.join('\n'));
  const r = await reportRefused(dir);
  assert.match(r.stderr, new RegExp(`^leaklab: ${file} is damaged: 1 bad row\n  ${file}:11: 15 fields, expected 8 `));
});

test('a samples.csv with text where a number belongs: exit 2 naming line and column', async () => {
  const dir = recordedRunDir();
  const file = join(dir, 'samples.csv');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/\n(\d+),fixed,(\d+),0,(\d+),/, '\n$1,fixed,$2,0,many,'));
  const r = await reportRefused(dir);
  assert.match(r.stderr, new RegExp(`${file}:\\d+: requests: "many" is not a number`));
});

test('an events.jsonl line that is not JSON: exit 2 naming the file and line', async () => {
  const dir = recordedRunDir();
  const file = join(dir, 'events.jsonl');
  const lines = readFileSync(file, 'utf8').split('\n');
  lines[3] = (lines[3] ?? '').slice(0, 20);
  writeFileSync(file, lines.join('\n'));
  const r = await reportRefused(dir);
  assert.match(r.stderr, new RegExp(`^leaklab: ${file} is damaged: 1 bad line\n  ${file}:4: not JSON \\(`));
});

test('a samples.csv cut at half: the torn line is a warning and the variant without samples is still listed', async () => {
  const dir = recordedRunDir();
  const file = join(dir, 'samples.csv');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
  const r = await leaklab(['report', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^warning: ${file}:\\d+: the last line is cut short \\(no newline\\): dropped\n`));
  assert.match(r.stdout, /^leaky-max-requests /m, 'the variant whose samples were cut off is not dropped silently');
});

test('compare --markdown into a missing folder: exit 2 naming it, before anything is read', async () => {
  const dir = recordedRunDir();
  const r = await leaklab(['compare', dir, dir, '--markdown', join(dir, 'no-such-folder', 'cmp.md')]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`--markdown .*cmp\\.md: no folder ${join(dir, 'no-such-folder')}`));
  assert.equal(r.stdout, '');
});
