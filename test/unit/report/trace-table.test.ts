import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shortFile, traceHtml, traceMarkdown, traceSections, traceTerminal } from '../../../src/report/trace-table.ts';
import type { RunRecord, VariantRecord } from '../../../src/run-data/run-record.ts';
import type { VariantTrace } from '../../../src/trace/types.ts';
import { runRecord } from '../fixtures/records.ts';

const SITE = '/srv/app/.venv/lib/python3.11/site-packages';
const leakyTrace: VariantTrace = {
  tracer: 'tracemalloc',
  accountedShare: 0.93,
  tracedBytesPerRequest: 5222,
  requests: 2000,
  workers: 2,
  cost: { throughputRatio: 0.25, extraRssBytesPerWorker: 30 * 1024 * 1024, tracedRequestsPerSecond: 250 },
  lines: [
    {
      file: `${SITE}/gunicorn/http/wsgi.py`,
      line: 191,
      code: "environ['PATH_INFO'] = x",
      bytesPerRequest: 768,
      objectsPerRequest: 1,
      appFrame: false,
    },
    {
      file: 'leaks/patterns/global_list.py',
      line: 19,
      code: 'REQUEST_LOG.append({',
      bytesPerRequest: 232,
      objectsPerRequest: 1,
      appFrame: true,
    },
    {
      file: 'leaks/patterns/global_list.py',
      line: 22,
      code: "'time': datetime.now(),",
      bytesPerRequest: 48,
      objectsPerRequest: 1,
      appFrame: true,
    },
  ],
};

function variant(name: string, verdict: VariantRecord['verdict'], slope: number, trace?: VariantTrace): VariantRecord {
  return {
    name,
    status: 'complete',
    verdict,
    slopeBytesPerRequest: slope,
    growthBytes: 0,
    requests: 6000,
    requestsPerSecond: 1000,
    errors: 0,
    workerRestarts: 0,
    ...(trace ? { trace } : {}),
  };
}

const run = (variants: VariantRecord[]): RunRecord => runRecord('s', variants);

test('traceSections: only traced variants; the first app line is marked, later app lines say app', () => {
  const sections = traceSections(run([variant('leaky', 'leak', 5632, leakyTrace), variant('plain', 'flat', 3)]));
  assert.equal(sections.length, 1);
  const [s] = sections;
  assert.match(
    s!.headline,
    /^leaky: traced pass \(tracemalloc, for locating only; the verdict is the untraced pass's\), 2,000 requests over 2 workers/,
  );
  assert.deepEqual(
    s!.rows.map((r) => [r.mark, r.where]),
    [
      ['', 'gunicorn/http/wsgi.py:191'],
      ['→', 'leaks/patterns/global_list.py:19'],
      ['app', 'leaks/patterns/global_list.py:22'],
    ],
  );
  assert.equal(s!.rows[1]!.bytes, '232 B/req');
  assert.equal(s!.rows[1]!.objects, '1.00 obj/req');
});

test('traceSection notes: the share of the slope traced and the cost of tracing', () => {
  const [s] = traceSections(run([variant('leaky', 'leak', 5632, leakyTrace)]));
  assert.ok(s!.notes.includes('traced 5.1 KiB of 5.5 KiB/request (93 % of the RSS slope).'), s!.notes.join('\n'));
  assert.ok(
    s!.notes.includes(
      'Cost of tracing (tracemalloc): throughput ×0.25 of untraced (250 traced requests/s), 30 MiB more RSS per worker.',
    ),
  );
  assert.ok(!s!.notes.some((n) => /memray/.test(n)));
});

test('traceSection notes: under half the slope traced names memray and native allocations', () => {
  const native = { ...leakyTrace, accountedShare: 0.04, tracedBytesPerRequest: 170 };
  const [s] = traceSections(run([variant('native', 'leak', 4200, native)]));
  assert.ok(s!.notes.some((n) => /not seen by tracemalloc/.test(n) && /--trace memray/.test(n) && /native/.test(n)));
});

test('traceSection notes: memray, which sees native allocations, is not told to use memray', () => {
  const native = { ...leakyTrace, tracer: 'memray' as const, accountedShare: 0.04, tracedBytesPerRequest: 170 };
  const [s] = traceSections(run([variant('native', 'leak', 4200, native)]));
  assert.ok(!s!.notes.some((n) => /not seen by tracemalloc/.test(n)), s!.notes.join('\n'));
  assert.match(s!.headline, /traced pass \(memray,/);
});

test('traceSection notes: a flat variant gets no share line; no app line above the noise is said', () => {
  const flat = { ...leakyTrace, accountedShare: 0, lines: [leakyTrace.lines[0]!] };
  const [s] = traceSections(run([variant('fixed', 'flat', 12, flat)]));
  assert.ok(!s!.notes.some((n) => /of the RSS slope/.test(n)));
  assert.ok(s!.notes.includes('No line of the app itself grew above the noise.'));
  assert.equal(s!.rows[0]!.mark, '');
});

test('traceSection notes: a problem with no lines reads "No lines", with lines a note', () => {
  const none = { ...leakyTrace, lines: [], problem: 'no worker wrote two snapshots' };
  assert.ok(
    traceSections(run([variant('a', 'leak', 5000, none)]))[0]!.notes.includes('No lines: no worker wrote two snapshots.'),
  );
  const some = { ...leakyTrace, problem: '96 traced requests failed' };
  assert.ok(traceSections(run([variant('a', 'leak', 5000, some)]))[0]!.notes.includes('Note: 96 traced requests failed.'));
});

test('shortFile: an installed file from its package, the stdlib from its module, others whole', () => {
  assert.equal(shortFile(`${SITE}/django/core/handlers/wsgi.py`), 'django/core/handlers/wsgi.py');
  assert.equal(shortFile('/usr/lib/python3.11/json/encoder.py'), 'json/encoder.py');
  assert.equal(shortFile('leaks/patterns/global_list.py'), 'leaks/patterns/global_list.py');
});

test('the three formatters: terminal, Markdown and HTML carry the same lines; nothing when nothing was traced', () => {
  const r = run([variant('leaky', 'leak', 5632, leakyTrace)]);
  const term = traceTerminal(r);
  assert.match(term, /→\s+leaks\/patterns\/global_list\.py:19\s+232 B\/req\s+1\.00 obj\/req\s+REQUEST_LOG\.append\(\{/);
  const md = traceMarkdown(r);
  assert.match(md, /^### Which lines grew \(--trace\)/);
  assert.match(
    md,
    /\| → \| `leaks\/patterns\/global_list\.py:19` \| 232 B\/req \| 1\.00 obj\/req \| `REQUEST_LOG\.append\(\{` \|/,
  );
  const html = traceHtml(r);
  assert.match(html, /<section class="trace">/);
  assert.match(html, /<code>environ\[&#39;PATH_INFO&#39;\] = x<\/code>/);
  const untraced = run([variant('plain', 'flat', 3)]);
  assert.equal(traceTerminal(untraced), '');
  assert.equal(traceMarkdown(untraced), '');
  assert.equal(traceHtml(untraced), '');
});

test('Markdown cells cannot break the table: pipes escaped, backticks and tags neutralised', () => {
  const odd = { ...leakyTrace, lines: [{ ...leakyTrace.lines[1]!, code: 'a | b `c` <script>' }] };
  const md = traceMarkdown(run([variant('leaky', 'leak', 5632, odd)]));
  assert.match(md, /`a \\\| b 'c' &lt;script&gt;`/);
});

test('traceSection notes: a settled variant (untraced flat or bounded) names no line and says which app lines were left out', () => {
  const settled: VariantTrace = {
    ...leakyTrace,
    accountedShare: 0,
    lines: [leakyTrace.lines[0]!],
    settled: {
      verdict: 'flat',
      appLines: [
        {
          file: 'leaks/patterns/image_cache.py',
          line: 97,
          code: 'cache.set(key, thumbnail, TTL_SECONDS)',
          bytesPerRequest: 1946,
          objectsPerRequest: 0.11,
          appFrame: true,
        },
      ],
    },
  };
  const [s] = traceSections(run([variant('ttl-cache', 'flat', 3, settled)]));
  assert.ok(
    s!.notes.some((n) =>
      /^No leak line: the untraced pass judged the variant flat, .*left out: leaks\/patterns\/image_cache\.py:97 1\.9 KiB\/req/.test(
        n,
      ),
    ),
    s!.notes.join('\n'),
  );
  assert.ok(!s!.notes.includes('No line of the app itself grew above the noise.'));
  assert.ok(s!.rows.every((r) => r.mark !== '→'));
});
