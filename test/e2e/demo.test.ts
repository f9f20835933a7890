// `leaklab demo --only` on two short steps: the talk's order, each step's outcome from its run,
// and the interview answers' figures checked against the run.json files of the same demo.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Answer, Figure } from '../../src/demo/answers.ts';
import { fieldValue } from '../../src/demo/answers.ts';
import type { RunRecord } from '../../src/run-data/run-record.ts';
import { scratchDir } from '../scratch.ts';
import { leaklab, leftoverGunicorns } from './cli.ts';

const out = scratchDir('e2e-demo');

test('demo --only global-list,fix-logging: one run, two steps in order, answers from its run.json', async () => {
  const r = await leaklab(['demo', '--only', 'fix-logging,global-list', '--out', out], { timeoutMs: 120_000 });
  // 0, or 1 when a loaded machine leaves a quick variant inconclusive: the page is written either way.
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
  const demoDir = readdirSync(out).find((d) => d.startsWith('demo-'));
  assert.ok(demoDir, `a demo folder in ${readdirSync(out)}`);
  const runs = readdirSync(out).filter((d) => d.endsWith('-global-list'));
  assert.equal(runs.length, 1, 'both steps read one run of global-list');
  const run = JSON.parse(readFileSync(join(out, runs[0]!, 'run.json'), 'utf8')) as RunRecord;
  assert.deepEqual(
    run.variants.map((v) => v.name),
    ['leaky', 'fixed'],
  );

  const html = readFileSync(join(out, demoDir, 'index.html'), 'utf8');
  assert.ok(html.indexOf('id="global-list"') > 0 && html.indexOf('id="global-list"') < html.indexOf('id="fix-logging"'));
  const leaky = run.variants.find((v) => v.name === 'leaky')!;
  const expected = leaky.verdict === 'leak' ? 'confirmed' : leaky.verdict === 'inconclusive' ? 'not measured' : 'refuted';
  assert.match(html, new RegExp(`class="outcome [a-z]+">${expected}: leaky ${leaky.verdict} \\(the seed: leak\\)`));
  assert.match(html, new RegExp(`src="\\.\\./${runs[0]}/leak-curves\\.svg"`));
  assert.match(html, new RegExp(`leaklab replay ${join(out, runs[0]!)} --speed 10`));
  for (const q of ['Q1.', 'Q2.', 'Q3.', 'Q4.']) assert.ok(html.includes(q), q);
  // Q2 needs the diagnosis run, which --only left out: the page says how to get it.
  assert.match(html, /needs runs this demo did not make: leaklab demo --only diagnosis/);

  const demo = JSON.parse(readFileSync(join(out, demoDir, 'demo.json'), 'utf8')) as { answers: Answer[] };
  const figures = demo.answers.flatMap((a) => a.paragraphs.flat()).filter((p): p is Figure => typeof p !== 'string');
  assert.ok(figures.length >= 3, `${figures.length} figures`);
  for (const f of figures) {
    const [src] = f.of;
    const record = JSON.parse(readFileSync(join(out, src.runId, 'run.json'), 'utf8')) as RunRecord;
    assert.equal(
      f.value,
      fieldValue(record.variants.find((v) => v.name === src.variant)!, src.field),
      `${src.variant}.${src.field}`,
    );
    assert.ok(html.includes(`>${f.text.replace(/&/g, '&amp;')}<`), `${f.text} on the page`);
  }
  assert.match(r.stdout, /Q1\. How does Python's garbage collection work/);
  for (const line of `${r.stdout}`.split('\n')) assert.ok([...line].length <= 100, `over 100 columns: ${line}`);
  assert.deepEqual(leftoverGunicorns(out), []);
});

test('demo --only with an unknown step: exit 2 naming it and the known steps, nothing run', async () => {
  const r = await leaklab(['demo', '--only', 'global-list,nope', '--out', out]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /unknown step nope/);
  assert.match(r.stderr, /global-list, dict-cache, circular-refs/);
});
