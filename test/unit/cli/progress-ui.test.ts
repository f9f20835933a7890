// Live progress on stderr: one line rewritten in place on a terminal, a plain line every 5 s
// otherwise (CI logs), and the variant's header and outcome either way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CliIo } from '../../../src/cli/io.ts';
import { createProgressUi, liveText, progressLine } from '../../../src/cli/progress-ui.ts';
import type { VariantProgress } from '../../../src/pipeline/collect-variant.ts';
import { parseScenarioText } from '../../../src/scenario/load.ts';
import { planVariants } from '../../../src/scenario/plan.ts';

const SCENARIO = `
name: demo
title: Demo
claim: it leaks
gunicorn: { workers: 2, workerClass: sync }
load:
  connections: 8
  duration: 20s
  mix: [{ path: /ok/ }]
variants:
  - name: leaky
  - name: recycled
    gunicorn: { maxRequests: 1000, maxRequestsJitter: 50, maxWorkerRssMiB: 256 }
`;

function ui(tty: boolean, columns?: number) {
  const chunks: string[] = [];
  const io = { stderr: (t: string) => chunks.push(t), stderrIsTTY: tty, columns } as unknown as CliIo;
  return { ui: createProgressUi(io), chunks, text: () => chunks.join('') };
}

const progress = (elapsedMs: number, requests: number, extra: Partial<VariantProgress> = {}): VariantProgress => ({
  variant: 'leaky',
  elapsedMs,
  requests,
  errors: 0,
  plannedMs: 20_000,
  rssBySlot: new Map([
    [1, 60 * 1024 * 1024],
    [0, 50 * 1024 * 1024],
  ]),
  ...extra,
});

test('the progress line: a bar of the planned time, elapsed/planned, requests, rate, errors and RSS per slot in slot order', () => {
  const line = progressLine(progress(5000, 12_345, { errors: 3 }));
  assert.equal(line, `    ${'█'.repeat(5)}${'░'.repeat(15)} 5s/20s  12,345 req  2,469/s  errors 3  RSS w0 50 MiB w1 60 MiB`);
});

test('a storm of n requests fills the bar by requests; the bar never overflows or goes negative', () => {
  const byRequests = progressLine(progress(2000, 500, { plannedMs: undefined, plannedRequests: 1000 }));
  assert.match(byRequests, /^ {4}█{10}░{10} 2s {2}500 req {2}250\/s/);
  assert.doesNotMatch(byRequests, /\/20s/, 'no planned time shown');
  assert.match(progressLine(progress(30_000, 1)), /^ {4}█{20} 30s\/20s/);
  assert.match(progressLine(progress(0, 0, { plannedMs: undefined })), /^ {4}░{20} 0ms {2}0 req {2}0\/s/, 'no division by zero');
});

test('the variant header names workers, recycling, connections and how the storm ends', () => {
  const [leaky, recycled] = planVariants(parseScenarioText(SCENARIO, 'demo.yaml'));
  const { ui: u, text } = ui(false);
  u.variantStart(leaky!, 0, 2);
  u.variantStart(recycled!, 1, 2);
  assert.equal(
    text(),
    '[1/2] leaky: 2 sync workers, 8 connections, 20s\n' +
      '[2/2] recycled: 2 sync workers, max_requests 1000±50, RSS limit 256 MiB, 8 connections, 20s\n',
  );
  const [byCount] = planVariants(parseScenarioText(SCENARIO, 'demo.yaml'), { requests: 3000 });
  const other = ui(false);
  other.ui.variantStart(byCount!, 0, 1);
  assert.match(other.text(), /8 connections, 3000 requests\n$/);
  // Past the terminal's width it wraps, the rest indented, and nothing is lost.
  const narrow = ui(false, 60);
  narrow.ui.variantStart(recycled!, 1, 2);
  const lines = narrow.text().trimEnd().split('\n');
  assert.ok(lines.length > 1 && lines.every((l) => l.length <= 60), lines.join('|'));
  assert.match(lines[1]!, /^ {4}\S/);
  assert.equal(
    lines.map((l) => l.trim()).join(' '),
    '[2/2] recycled: 2 sync workers, max_requests 1000±50, RSS limit 256 MiB, 8 connections, 20s',
  );
});

test('not a terminal: a plain line every 5 s of storm (none before), never a carriage return', () => {
  const [plan] = planVariants(parseScenarioText(SCENARIO, 'demo.yaml'));
  const { ui: u, chunks, text } = ui(false);
  u.variantStart(plan!, 0, 1);
  for (const t of [100, 1000, 4900, 5000, 5100, 9900, 10_050, 12_000]) u.progress(progress(t, t));
  u.variantEnd('leaky', 'leak');
  const lines = chunks.slice(1, -1);
  assert.deepEqual(
    lines.map((l) => /(\d+(?:\.\d+)?m?s)\/20s/.exec(l)?.[1]),
    ['5s', '10.1s'],
  );
  assert.ok(lines.every((l) => l.endsWith('\n')));
  assert.doesNotMatch(text(), /\r|\x1b/);
  assert.equal(chunks.at(-1), '    leaky: leak\n');
});

test('a terminal: the line is rewritten in place and cleared before anything else is written', () => {
  const [plan] = planVariants(parseScenarioText(SCENARIO, 'demo.yaml'));
  const { ui: u, chunks } = ui(true);
  u.variantStart(plan!, 0, 1);
  u.progress(progress(100, 10));
  u.progress(progress(200, 20));
  u.info('gunicorn warned');
  u.info('twice');
  u.progress(progress(300, 30));
  u.variantEnd('leaky', 'flat');
  assert.match(chunks[1] ?? '', /^\r\x1b\[2K {4}.* 100ms\/20s/);
  assert.match(chunks[2] ?? '', /^\r\x1b\[2K {4}.* 200ms\/20s/);
  assert.deepEqual(chunks.slice(3, 6), ['\r\x1b[2K', 'gunicorn warned\n', 'twice\n'], 'cleared once, then plain lines');
  assert.match(chunks[6] ?? '', /^\r\x1b\[2K.* 300ms\/20s/);
  assert.deepEqual(chunks.slice(7), ['\r\x1b[2K', '    leaky: flat\n']);
});

test('run until decided: the line carries the running verdict, or what is still missing', () => {
  const leak = progressLine(progress(5000, 12_345, { live: { verdict: 'leak', confidence: 0.876, decided: false } }));
  // Too long for 100 columns with each worker's figure: their range, the verdict kept whole.
  assert.match(leak, /RSS 2× 50–60 MiB {2}verdict: leak \(87 %\)$/);
  const decided = progressLine(progress(5000, 12_345, { live: { verdict: 'flat', confidence: 0.93, decided: true } }));
  assert.match(decided, /verdict: flat \(93 %\), decided$/);
  const undecided = progressLine(
    progress(5000, 12_345, { live: { verdict: 'inconclusive', confidence: 0.4, decided: false, requestsNeeded: 3_040 } }),
  );
  assert.match(undecided, / {2}undecided: ~3,000 more requests\/worker$/);
  assert.doesNotMatch(undecided, /verdict:/);
  assert.equal(liveText({ verdict: 'inconclusive', confidence: 0, decided: false }), 'undecided');
  assert.doesNotMatch(progressLine(progress(5000, 1)), /verdict|undecided/, 'nothing before the first evaluation');
});

test('run until decided: the header says the storm ends at the decision, at most at its cap', () => {
  const [leaky] = planVariants(parseScenarioText(SCENARIO, 'demo.yaml'), { untilVerdict: true });
  const { ui: u, text } = ui(false);
  u.variantStart(leaky!, 0, 1);
  assert.equal(text(), '[1/1] leaky: 2 sync workers, 8 connections, until decided (at most 20s)\n');
});

const MIB = 1024 * 1024;
const eightWorkers = (extra: Partial<VariantProgress> = {}) =>
  progress(65_000, 123_456, {
    plannedMs: 120_000,
    errors: 3,
    rssBySlot: new Map(Array.from({ length: 8 }, (_, slot) => [slot, (100 + slot * 37.3) * MIB] as [number, number])),
    ...extra,
  });

for (const width of [100, 80]) {
  test(`8 workers at ${width} columns: the line fits one column short, so the \\r redraw never wraps`, () => {
    const line = progressLine(eightWorkers(), width - 1);
    assert.ok([...line].length <= width - 1, `${[...line].length}: ${line}`);
    // Too many workers for one figure each: their range instead, lowest to highest.
    assert.match(line, /RSS 8× 100–361 MiB$/);
    const live = { verdict: 'leak', confidence: 0.87, decided: false } as const;
    const withVerdict = progressLine(eightWorkers({ live }), width - 1);
    assert.ok([...withVerdict].length <= width - 1, withVerdict);
    if (width === 100) assert.match(withVerdict, /RSS 8× 100–361 MiB {2}verdict: leak \(87 %\)$/);
  });

  test(`the terminal ui cuts its live line to io.columns (${width})`, () => {
    const chunks: string[] = [];
    const io = { stderr: (t: string) => chunks.push(t), stderrIsTTY: true, columns: width } as unknown as CliIo;
    const undecided = { verdict: 'inconclusive', confidence: 0.4, decided: false, requestsNeeded: 123_456 } as const;
    createProgressUi(io).progress(eightWorkers({ live: undecided }));
    const drawn = chunks.join('').replace('\r\x1b[2K', '');
    assert.ok([...drawn].length < width, `${[...drawn].length}`);
  });
}

test('two workers still show one figure each, and a line that fits is not cut', () => {
  const line = progressLine(progress(5000, 12_345), 99);
  assert.match(line, /RSS w0 50 MiB w1 60 MiB$/);
});

test('no io.columns: 100 columns are assumed', () => {
  const chunks: string[] = [];
  const io = { stderr: (t: string) => chunks.push(t), stderrIsTTY: true } as unknown as CliIo;
  createProgressUi(io).progress(eightWorkers());
  const drawn = chunks.join('').replace('\r\x1b[2K', '');
  assert.ok([...drawn].length <= 99 && [...drawn].length > 80, `${[...drawn].length}`);
});
