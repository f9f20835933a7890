// A watcher's bug must never stop a run: the pipeline calls its observer through this guard.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guardedObserver } from '../../../src/pipeline/run-observer.ts';

test('guardedObserver: hooks are called with their arguments and this; what they throw is dropped', () => {
  const seen: string[] = [];
  const observer = {
    prefix: 'v:',
    variantStart(name: string) {
      seen.push(this.prefix + name);
    },
    variantEnd() {
      throw new Error('the live view broke');
    },
  };
  const guarded = guardedObserver(observer);
  guarded.variantStart?.('leaky');
  assert.doesNotThrow(() => guarded.variantEnd?.('leaky', 'complete'));
  assert.deepEqual(seen, ['v:leaky']);
  assert.equal(guarded.sample, undefined, 'a hook the observer lacks stays absent');
});
