// The replay link a demo index shows per step.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { replayCommand, replayCommandHtml, replayPath } from '../../../src/report/replay-link.ts';

test('replayCommand: the command a demo index shows per step, quoted for the shell when needed', () => {
  assert.equal(replayCommand('results/20261202-global-list'), 'leaklab replay results/20261202-global-list --speed 10');
  assert.equal(replayCommand("my runs/it's", 4), `leaklab replay 'my runs/it'\\''s' --speed 4`);
  assert.equal(replayCommandHtml('a<b'), '<code class="replay">leaklab replay &#39;a&lt;b&#39; --speed 10</code>');
  assert.equal(replayPath(2), '/?speed=2');
});
