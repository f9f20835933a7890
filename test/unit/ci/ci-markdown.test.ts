import assert from 'node:assert/strict';
import test from 'node:test';
import { COMMENT_MARKER, ciMarkdown, demoteHeadings } from '../../../src/ci/ci-markdown.ts';

const base = { ref: 'main', sha: 'a'.repeat(40), short: 'aaaaaaa' };
const head = { ref: 'HEAD', sha: 'b'.repeat(40), short: 'bbbbbbb' };
const comparison = '### leaklab compare: global-list\n\n| variant |\n|---|\n| leaky |\n\n**1 regression.**\n';

test('the comment starts with the hidden marker the workflow looks for, then names both commits', () => {
  const md = ciMarkdown({ scenario: 'global-list', base, head, comparison, summaries: {} });
  const [first, second] = md.split('\n');
  assert.equal(first, COMMENT_MARKER);
  assert.equal(COMMENT_MARKER, '<!-- leaklab -->');
  assert.equal(second, '## leaklab: global-list, base `aaaaaaa` → head `bbbbbbb`');
});

test('the comparison comes first, one heading level down, then each summary folded in <details>', () => {
  const md = ciMarkdown({
    scenario: 'global-list',
    base,
    head,
    comparison,
    summaries: { base: '## ✅ global-list\n\nbase table\n', head: '## ❌ global-list\n\nhead table\n' },
  });
  assert.ok(md.includes('#### leaklab compare: global-list'));
  assert.ok(md.includes('**1 regression.**'));
  const cmp = md.indexOf('leaklab compare');
  const b = md.indexOf('<summary>base aaaaaaa');
  const h = md.indexOf('<summary>head bbbbbbb');
  assert.ok(cmp > 0 && cmp < b && b < h, 'comparison, then base, then head');
  assert.ok(md.includes('### ✅ global-list\n\nbase table\n\n</details>'));
  assert.ok(md.includes('### ❌ global-list\n\nhead table\n\n</details>'));
  assert.equal(md.split('<details>').length - 1, 2);
  assert.ok(md.endsWith('</details>\n'));
});

test('a side that did not run has no summary block', () => {
  const md = ciMarkdown({ scenario: 's', base, head, comparison, summaries: { base: 'only base\n' } });
  assert.equal(md.split('<details>').length - 1, 1);
  assert.ok(!md.includes('<summary>head'));
});

test('an interrupted run says so instead of showing a comparison', () => {
  const md = ciMarkdown({ scenario: 's', base, head, comparison, summaries: {}, interrupted: true });
  assert.match(md, /Interrupted: the runs did not finish/);
  assert.ok(!md.includes('leaklab compare'));
});

test('demoteHeadings moves ATX headings down one level, but not code, not h6, not #hashtags', () => {
  const input = ['# a', '## b', '###### six', '#tag', '```', '# in code', '```', 'text # not'].join('\n');
  assert.equal(
    demoteHeadings(input),
    ['## a', '### b', '###### six', '#tag', '```', '# in code', '```', 'text # not'].join('\n'),
  );
});

test('runs that compare refused: the comment says why, with each reason, and shows no table', () => {
  const md = ciMarkdown({
    scenario: 's',
    base,
    head,
    comparison: '',
    summaries: { base: 'b\n', head: 'h\n' },
    cannotCompare: ['these runs cannot be compared', 'variants differ: fast only in the after run'],
  });
  assert.match(md, /\*\*Cannot compare: these runs cannot be compared\.\*\*\n\n- variants differ: fast only in the after run\n/);
  assert.ok(!md.includes('| variant |'));
  assert.equal(md.split('<details>').length - 1, 2, 'both summaries still shown');
});
