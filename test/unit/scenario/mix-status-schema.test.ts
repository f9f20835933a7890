// The `status` of a mix entry: what a request is expected to answer (a 404 or a 302 on purpose).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenarioText } from '../../../src/scenario/load.ts';
import { planVariants } from '../../../src/scenario/plan.ts';
import { problems } from './scenario-problems.ts';

const text = (mix: string): string => `
name: demo
title: Demo
claim: c
load:
  duration: 5s
  mix:
${mix}
variants:
  - name: all
  - name: own
    mix: [{ path: /gone/, status: 410 }]
`;

test('status is a number or a list, and absent by default (any 2xx/3xx)', () => {
  const s = parseScenarioText(
    text(`    - { path: /, weight: 3 }
    - { path: /missing/, status: 404 }
    - { path: /account/, status: [200, 302] }`),
    'demo.yaml',
  );
  assert.deepEqual(
    s.load.mix.map((m) => m.status),
    [undefined, 404, [200, 302]],
  );
  assert.equal('status' in (s.load.mix[0] ?? {}), false, 'no key at all when not given');
});

test("the storm gets each entry's status, and a variant's own mix brings its own", () => {
  const plans = Object.fromEntries(
    planVariants(parseScenarioText(text('    - { path: /missing/, status: 404 }'), 'demo.yaml')).map((p) => [p.name, p]),
  );
  assert.equal(plans.all?.mix[0]?.status, 404);
  assert.equal(plans.own?.mix[0]?.status, 410);
});

test('a status outside 100-599, a fraction, text or an empty list is a problem with its line', () => {
  const found = problems(
    text(`    - { path: /a/, status: 99 }
    - { path: /b/, status: 600 }
    - { path: /c/, status: 200.5 }
    - { path: /d/, status: "404" }
    - { path: /e/, status: [] }
    - { path: /f/, status: [200, 1000] }`),
  );
  const at = (entry: number): string => found.filter((p) => p.includes(`load.mix.${entry}.status`)).join('\n');
  assert.match(at(0), /^demo\.yaml:8: load\.mix\.0\.status/);
  assert.match(at(0), /100-599/);
  assert.match(at(1), /100-599/);
  assert.match(at(2), /demo\.yaml:10: /);
  assert.match(at(3), /demo\.yaml:11: /);
  assert.match(at(4), /list at least one status/);
  assert.match(at(5), /demo\.yaml:13: load\.mix\.5\.status/);
});
