import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import {
  closeQuietly,
  openOrNull,
  pageSize,
  parseSmapsRollup,
  readSmapsRollup,
  readStatmRss,
} from '../../../src/sample/procfs.ts';

const ROLLUP = `55d0a8e2f000-7ffc8a1fe000 ---p 00000000 00:00 0                          [rollup]
Rss:               43032 kB
Pss:               33382 kB
Pss_Dirty:         28000 kB
Shared_Clean:      12000 kB
Shared_Dirty:       1000 kB
Private_Clean:       500 kB
Private_Dirty:     29000 kB
Referenced:        43032 kB
`;

test('USS is private clean + dirty, PSS is Pss', () => {
  assert.deepEqual(parseSmapsRollup(ROLLUP), { rss: 43032 * 1024, pss: 33382 * 1024, uss: 29500 * 1024 });
  assert.equal(parseSmapsRollup('Rss: 1 kB\n'), null);
});

test('reads this very process through kept-open /proc files', { skip: !existsSync('/proc/self/statm') && 'no /proc' }, () => {
  const statm = openOrNull(`/proc/${process.pid}/statm`);
  const smaps = openOrNull(`/proc/${process.pid}/smaps_rollup`);
  assert.ok(statm !== null && smaps !== null);
  const rss1 = readStatmRss(statm, pageSize());
  const keep = Buffer.alloc(64 * 1024 * 1024, 1); // touch 64 MiB so RSS must rise
  const rss2 = readStatmRss(statm, pageSize());
  assert.ok(rss1 !== null && rss2 !== null);
  assert.ok(rss2 - rss1 > 60 * 1024 * 1024, `RSS rose by ${rss2 - rss1}`);
  const figures = readSmapsRollup(smaps);
  assert.ok(figures && figures.uss > 64 * 1024 * 1024 && figures.pss <= figures.rss);
  assert.equal(keep.length, 64 * 1024 * 1024);
  closeQuietly(statm);
  closeQuietly(smaps);
});

test('a missing process reads as null, not a throw', () => {
  assert.equal(openOrNull('/proc/999999999/statm'), null);
});
