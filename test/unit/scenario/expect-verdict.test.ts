import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenarioText } from '../../../src/scenario/load.ts';
import { problems } from './scenario-problems.ts';

const scenario = (expect: string) => `
name: demo
title: Demo
claim: it leaks
load:
  duration: 5s
  mix:
    - path: /ok/
variants:
  - name: v
    expect: ${expect}
`;

test('expect: takes the four decided verdicts, never inconclusive (an undecided run must not pass)', () => {
  for (const verdict of ['leak', 'bounded', 'sawtooth', 'flat']) {
    assert.equal(parseScenarioText(scenario(verdict), 'demo.yaml').variants[0]?.expect, verdict);
  }
  const found = problems(scenario('inconclusive'));
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0]!, /^demo\.yaml:11: variants\.0\.expect: /);
});
