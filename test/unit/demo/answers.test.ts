import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { type Answer, answerQuestions, type Figure, fieldValue, formatField } from '../../../src/demo/answers.ts';
import type { RunRecord } from '../../../src/run-data/run-record.ts';
import { demoRecords } from './demo-records.ts';

/** The figures of the answers, in order. */
function figures(answers: readonly Answer[]): Figure[] {
  return answers.flatMap((a) => a.paragraphs.flat()).filter((p): p is Figure => typeof p !== 'string');
}

test('every figure of Q1-Q4 is the field of the run.json it names, read back from disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leaklab-answers-'));
  try {
    for (const r of demoRecords()) {
      mkdirSync(join(dir, r.runId));
      writeFileSync(join(dir, r.runId, 'run.json'), JSON.stringify(r));
    }
    const fromDisk = (runId: string): RunRecord => JSON.parse(readFileSync(join(dir, runId, 'run.json'), 'utf8'));
    const answers = answerQuestions(demoRecords().map((r) => fromDisk(r.runId)));
    assert.deepEqual(
      answers.map((a) => [a.id, a.missing]),
      [
        ['Q1', []],
        ['Q2', []],
        ['Q3', []],
        ['Q4', []],
      ],
    );
    const all = figures(answers);
    assert.ok(all.length >= 30, `${all.length} figures`);
    for (const f of all) {
      const values = f.of.map((s) => {
        const run = fromDisk(s.runId);
        assert.equal(run.scenario, s.scenario);
        const variant = run.variants.find((x) => x.name === s.variant);
        assert.ok(variant, `${s.runId} has ${s.variant}`);
        return fieldValue(variant, s.field);
      });
      if (f.of.length === 1) {
        assert.equal(f.value, values[0], `${f.of[0].variant}.${f.of[0].field}`);
        assert.equal(f.text, formatField(f.of[0].field, values[0]!));
      } else {
        assert.equal(f.value, (values[0] as number) / (values[1] as number));
        assert.equal(f.text, `${(f.value as number).toFixed(2)}×`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the prose around the figures types no measurement: its only digits are code and section names', () => {
  const prose = answerQuestions(demoRecords())
    .flatMap((a) => a.paragraphs.flat())
    .filter((p): p is string => typeof p === 'string')
    .join(' ');
  const allowed = prose.replace(/chunk_size=1000|step \d/g, '');
  assert.doesNotMatch(allowed, /\d/);
});

test('a figure follows its record: a different slope prints a different answer', () => {
  const records = demoRecords();
  const before = figures(answerQuestions(records)).find(
    (f) => f.of[0].variant === 'cycles' && f.of[0].field === 'slopeBytesPerRequest',
  );
  records[2]!.variants[0]!.slopeBytesPerRequest = 12_345;
  const after = figures(answerQuestions(records)).find(
    (f) => f.of[0].variant === 'cycles' && f.of[0].field === 'slopeBytesPerRequest',
  );
  assert.notEqual(before?.text, after?.text);
  assert.equal(after?.text, '12 KiB/request');
});

test('Q4 ratio: values_list req/s over the whole QuerySet req/s', () => {
  const records = demoRecords();
  const ratio = figures(answerQuestions(records)).find((f) => f.of.length === 2 && f.of[0].variant === 'values-list');
  const q = records.find((r) => r.scenario === 'queryset')!;
  const rate = (n: string) => q.variants.find((x) => x.name === n)!.requestsPerSecond;
  assert.equal(ratio?.value, rate('values-list') / rate('whole-queryset'));
});

test('a question whose runs this demo did not make says which steps would answer it, and prints no hole', () => {
  const onlyGlobalList = demoRecords().filter((r) => r.scenario === 'global-list');
  const answers = answerQuestions(onlyGlobalList);
  const q4 = answers.find((a) => a.id === 'Q4')!;
  assert.deepEqual(q4.paragraphs, []);
  assert.deepEqual(q4.missing, ['queryset', 'fix-iterator']);
  const q3 = answers.find((a) => a.id === 'Q3')!;
  assert.equal(q3.paragraphs.length, 2);
  assert.deepEqual(q3.missing, []);
  // Q1's global-list paragraph stands; its cycles and dict-cache paragraphs are left out whole.
  const q1 = answers.find((a) => a.id === 'Q1')!;
  assert.equal(q1.paragraphs.length, 1);
  assert.notDeepEqual(q1.missing, []);
});

test('skipped and failed variants are not quoted', () => {
  const records = demoRecords();
  const q = records.find((r) => r.scenario === 'queryset')!;
  q.variants = q.variants.map((x) => (x.name === 'iterator' ? { ...x, status: 'skipped' as const } : x));
  const q4 = answerQuestions(records).find((a) => a.id === 'Q4')!;
  assert.equal(q4.paragraphs.length, 1);
});

test('a paragraph whose verdicts this run did not bear out opens by saying so, with the verdict as a figure', () => {
  const records = demoRecords();
  records[2]!.variants[0]!.verdict = 'inconclusive';
  const q1 = answerQuestions(records).find((a) => a.id === 'Q1')!;
  const first = q1.paragraphs[0]!;
  assert.equal(first[0], '(Not borne out by this run: ');
  const caveat = first.slice(0, 4).find((p): p is Figure => typeof p !== 'string');
  assert.deepEqual([caveat?.value, caveat?.of[0].variant], ['inconclusive', 'cycles']);
  // As expected: no caveat.
  assert.equal(typeof answerQuestions(demoRecords())[0]!.paragraphs[0]![0], 'string');
  assert.doesNotMatch(String(answerQuestions(demoRecords())[0]!.paragraphs[0]![0]), /Not borne out/);
});
