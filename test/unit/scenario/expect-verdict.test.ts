import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenarioText } from '../../../src/scenario/load.ts';
import { minimalScenarioText } from '../fixtures/scenario-text.ts';
import { problems } from './scenario-problems.ts';

const scenario = (expect: string) => minimalScenarioText('v', expect);

test('expect: takes the four decided verdicts, never inconclusive (an undecided run must not pass)', () => {
  for (const verdict of ['leak', 'bounded', 'sawtooth', 'flat']) {
    assert.equal(parseScenarioText(scenario(verdict), 'demo.yaml').variants[0]?.expect, verdict);
  }
  const found = problems(scenario('inconclusive'));
  assert.equal(found.length, 1, found.join('\n'));
  assert.match(found[0]!, /^demo\.yaml:11: variants\.0\.expect: /);
});
