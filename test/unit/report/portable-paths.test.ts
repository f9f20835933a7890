// Paths of the machine that ran leaklab, rewritten for a page read elsewhere; URL paths kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorParts, portablePaths } from '../../../src/report/portable-paths.ts';

const RUN = '20261126-072714-global-list';

test('a path inside the run directory becomes relative to it', () => {
  assert.equal(
    portablePaths(`the full log is /home/me/p/results/${RUN}/logs/x-gunicorn.log)`, RUN),
    'the full log is logs/x-gunicorn.log)',
  );
  assert.equal(portablePaths(`/tmp/leaklab-test-1/${RUN}/probes/a.json`, RUN), 'probes/a.json');
});

test('an installed package starts at site-packages/; any other local path keeps its last two parts', () => {
  assert.equal(
    portablePaths('File "/Users/me/p/.venv/lib/python3.12/site-packages/django/core/wsgi.py", line 5', RUN),
    'File "site-packages/django/core/wsgi.py", line 5',
  );
  assert.equal(portablePaths('File "/work/main/sample-django-app/config/wsgi.py"', RUN), 'File "…/config/wsgi.py"');
  assert.equal(portablePaths('cd /opt/app/src failed', RUN), 'cd …/app/src failed');
});

test('URL paths, relative paths and short paths are left as they are', () => {
  for (const text of [
    'GET /leaks/global-list/fixed/ answered 500',
    'probe /leaks/diagnose/snapshot/',
    'see logs/fixed-gunicorn.log',
    'http://127.0.0.1:8000/home/a/b',
    'written to /tmp/x',
  ])
    assert.equal(portablePaths(text, RUN), text);
});

test('an error splits into its first line and its last non-empty lines', () => {
  assert.deepEqual(errorParts('boom\n\na\nb\nc\n', 2), { headline: 'boom', tail: ['b', 'c'] });
  assert.deepEqual(errorParts('one line only'), { headline: 'one line only', tail: [] });
});
