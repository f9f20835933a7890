// The problems a scenario text is rejected with (exit 2), for tests of the schema.
import assert from 'node:assert/strict';
import { InputError } from '../../../src/core/errors.ts';
import { parseScenarioText } from '../../../src/scenario/load.ts';

export function problems(text: string): string[] {
  try {
    parseScenarioText(text, 'demo.yaml');
  } catch (err) {
    assert.ok(err instanceof InputError);
    assert.equal(err.exitCode, 2);
    return err.details;
  }
  assert.fail('expected the scenario to be rejected');
}
