// The probes and maxFailedShare fields of scenario files: defaults, inheritance, bad input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenarioText } from '../../../src/scenario/load.ts';
import { planVariants } from '../../../src/scenario/plan.ts';
import { problems } from './scenario-problems.ts';

const TEXT = `
name: demo
title: Demo
claim: c
load:
  duration: 5s
  mix: [{ path: /a/ }]
probes:
  - { path: /leaks/diagnose/growth/, save: growth.json }
variants:
  - name: inherits
  - name: own
    maxFailedShare: 0.5
    probes:
      - { path: /leaks/diagnose/snapshot/, when: before, save: snap.json, timeout: 2m }
  - name: none
    probes: []
`;

test('a variant inherits the scenario probes, or replaces them with its own', () => {
  const plans = Object.fromEntries(planVariants(parseScenarioText(TEXT, 'demo.yaml')).map((p) => [p.name, p]));
  assert.deepEqual(plans.inherits?.probes, [
    { path: '/leaks/diagnose/growth/', when: 'after', save: 'growth.json', timeout: 30_000 },
  ]);
  assert.deepEqual(plans.own?.probes, [
    { path: '/leaks/diagnose/snapshot/', when: 'before', save: 'snap.json', timeout: 120_000 },
  ]);
  assert.deepEqual(plans.none?.probes, []);
  assert.equal(plans.inherits?.maxFailedShare, undefined);
  assert.equal(plans.own?.maxFailedShare, 0.5);
});

test('bad probes are reported with line and field', () => {
  const bad = TEXT.replace('save: snap.json', 'save: ../snap.json')
    .replace('when: before', 'when: during')
    .replace('maxFailedShare: 0.5', 'maxFailedShare: 2');
  const found = problems(bad);
  assert.ok(
    found.some((p) => /^demo\.yaml:15: variants\.1\.probes\.0\.save: a file name/.test(p)),
    found.join('\n'),
  );
  assert.ok(
    found.some((p) => /^demo\.yaml:15: variants\.1\.probes\.0\.when: /.test(p)),
    found.join('\n'),
  );
  assert.ok(
    found.some((p) => /^demo\.yaml:13: variants\.1\.maxFailedShare: /.test(p)),
    found.join('\n'),
  );
});

test('a file saved twice by one variant is caught', () => {
  const twice = TEXT.replace(
    '  - { path: /leaks/diagnose/growth/, save: growth.json }',
    '  - { path: /leaks/diagnose/growth/, save: growth.json }\n  - { path: /leaks/diagnose/snapshot/, save: growth.json }',
  );
  const found = problems(twice);
  assert.ok(
    found.some((p) => p.includes('probes.1.save: "growth.json" is saved twice')),
    found.join('\n'),
  );
});
