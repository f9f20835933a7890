import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EntryTally } from '../../../src/load/entry-tally.ts';

const MIX = [
  { method: 'get', path: '/ok/{seq}' },
  { method: 'GET', path: '/missing/', status: 404 },
  { method: 'POST', path: '/api/', status: [201, 400], body: '{}' },
];

test('responses are counted per entry and status, and only unexpected ones are failures', () => {
  const t = new EntryTally(MIX);
  for (let i = 0; i < 5; i++) t.response(0, 200);
  t.response(0, 302);
  t.response(0, 404);
  t.response(0, 500);
  for (let i = 0; i < 3; i++) t.response(1, 404);
  t.response(1, 200);
  t.response(2, 201);
  t.response(2, 400);
  t.response(2, 403);
  const { perEntry } = t.summary();
  assert.deepEqual(perEntry[0], {
    method: 'GET',
    path: '/ok/{seq}',
    requests: 8,
    statusCodes: { '200': 5, '302': 1, '404': 1, '500': 1 },
    unexpected: 2,
    errors: 0,
  });
  assert.deepEqual(perEntry[1], {
    method: 'GET',
    path: '/missing/',
    status: [404],
    requests: 4,
    statusCodes: { '200': 1, '404': 3 },
    unexpected: 1,
    errors: 0,
  });
  assert.equal(perEntry[2]?.unexpected, 1, 'only the 403: 201 and 400 were both declared');
  assert.deepEqual(perEntry[2]?.status, [201, 400]);
});

test("the storm's status codes are the sum of the entries', so the two never disagree", () => {
  const t = new EntryTally(MIX);
  t.response(0, 200);
  t.response(1, 404);
  t.response(0, 404);
  t.response(2, 201);
  t.response(2, 200);
  assert.deepEqual(t.summary().statusCodes, { '200': 2, '201': 1, '404': 2 });
});

test('requests without a response are counted under their entry, apart from responses', () => {
  const t = new EntryTally(MIX);
  t.failure(2);
  t.failure(2);
  t.failure(0);
  const { perEntry } = t.summary();
  assert.deepEqual(
    perEntry.map((e) => [e.requests, e.errors, e.unexpected]),
    [
      [0, 1, 0],
      [0, 0, 0],
      [0, 2, 0],
    ],
  );
});

test('codes at the edges of the range land in their own slot, not a neighbour entry', () => {
  const t = new EntryTally(MIX);
  t.response(0, 999);
  t.response(1, 0);
  const { perEntry } = t.summary();
  assert.deepEqual(perEntry[0]?.statusCodes, { '999': 1 });
  assert.deepEqual(perEntry[1]?.statusCodes, { '0': 1 });
  assert.deepEqual(perEntry[2]?.statusCodes, {});
  assert.equal(perEntry[1]?.unexpected, 1, 'a status 0 (no status line) is never expected');
});

test('an empty storm summarises to zeros for every entry', () => {
  const { perEntry, statusCodes } = new EntryTally(MIX).summary();
  assert.equal(perEntry.length, 3);
  assert.ok(perEntry.every((e) => e.requests === 0 && e.errors === 0 && e.unexpected === 0));
  assert.deepEqual(statusCodes, {});
});

test('a bad expected status fails at construction', () => {
  assert.throws(() => new EntryTally([{ method: 'GET', path: '/', status: 700 }]), /100-599/);
});
