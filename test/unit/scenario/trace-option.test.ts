import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenarioText } from '../../../src/scenario/load.ts';
import { planVariants } from '../../../src/scenario/plan.ts';
import { DEFAULT_TRACE } from '../../../src/scenario/schema.ts';

/** An InputError whose listed problems mention the pattern. */
const problem = (re: RegExp) => (e: unknown) =>
  re.test(`${(e as Error).message} ${((e as { details?: string[] }).details ?? []).join(' ')}`);

const yaml = (extra: string) => `
name: demo
title: Demo
claim: c
load: { requests: 100, mix: [{ path: /a/ }] }
${extra}
variants: [{ name: leaky }, { name: fixed }]
`;

test('no trace: and no --trace: no variant is traced', () => {
  const plans = planVariants(parseScenarioText(yaml(''), 'demo.yaml'));
  assert.deepEqual(
    plans.map((p) => p.trace),
    [undefined, undefined],
  );
});

test('--trace traces every variant with the defaults: depth 10, an end snapshot every 2000 requests', () => {
  const plans = planVariants(parseScenarioText(yaml(''), 'demo.yaml'), { trace: true });
  assert.deepEqual(DEFAULT_TRACE, { tracer: 'tracemalloc', depth: 10, everyRequests: 2000 });
  for (const p of plans) assert.deepEqual(p.trace, DEFAULT_TRACE);
});

test("a scenario's trace: turns tracing on with its settings; unset fields take the defaults", () => {
  const plans = planVariants(parseScenarioText(yaml('trace: { depth: 4 }'), 'demo.yaml'));
  for (const p of plans) assert.deepEqual(p.trace, { tracer: 'tracemalloc', depth: 4, everyRequests: 2000 });
  const every = planVariants(parseScenarioText(yaml('trace: { everyRequests: 0 }'), 'demo.yaml'), { trace: true });
  assert.equal(every[0]?.trace?.everyRequests, 0);
});

test('trace: is checked: a depth out of range or an unknown key is a scenario problem', () => {
  assert.throws(() => parseScenarioText(yaml('trace: { depth: 0 }'), 'demo.yaml'), problem(/depth/));
  assert.throws(() => parseScenarioText(yaml('trace: { depth: 101 }'), 'demo.yaml'), problem(/depth/));
  assert.throws(() => parseScenarioText(yaml('trace: { tracer: objgraph }'), 'demo.yaml'), problem(/tracer/));
  assert.throws(() => parseScenarioText(yaml('trace: { colour: red }'), 'demo.yaml'), problem(/colour/));
  assert.throws(() => parseScenarioText(yaml('trace: { everyRequests: -1 }'), 'demo.yaml'), problem(/everyRequests/));
});

test("--trace memray, or trace: { tracer: memray }, picks memray; the file's other settings stay", () => {
  const flag = planVariants(parseScenarioText(yaml('trace: { depth: 6 }'), 'demo.yaml'), { trace: 'memray' });
  for (const p of flag) assert.deepEqual(p.trace, { tracer: 'memray', depth: 6, everyRequests: 2000 });
  const file = planVariants(parseScenarioText(yaml('trace: { tracer: memray }'), 'demo.yaml'));
  assert.equal(file[0]?.trace?.tracer, 'memray');
  // --trace alone keeps the file's tracer.
  assert.equal(
    planVariants(parseScenarioText(yaml('trace: { tracer: memray }'), 'demo.yaml'), { trace: true })[0]?.trace?.tracer,
    'memray',
  );
});
