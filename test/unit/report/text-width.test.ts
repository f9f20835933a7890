import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wrapText } from '../../../src/report/text-width.ts';

test('wrapText: every line within the width, the indent on each, nothing lost', () => {
  const text = 'one two three four five six seven eight nine ten eleven twelve';
  const lines = wrapText(text, 20, '  ');
  assert.ok(lines.length > 1 && lines.every((l) => l.length <= 20 && l.startsWith('  ')), lines.join('|'));
  assert.equal(lines.map((l) => l.trim()).join(' '), text);
});

test('wrapText: a hanging indent leaves the first line at the margin', () => {
  const text = '[2/2] recycled: 2 sync workers, max_requests 1000±50, 8 connections, 20s';
  const lines = wrapText(text, 30, '    ', '');
  assert.ok(lines.length > 1 && lines.every((l) => [...l].length <= 30), lines.join('|'));
  assert.match(lines[0]!, /^\[2\/2\]/);
  assert.ok(
    lines.slice(1).every((l) => /^ {4}\S/.test(l)),
    lines.join('|'),
  );
  assert.equal(lines.map((l) => l.trim()).join(' '), text);
});
