// When two runs are refused (exit 2): different scenarios, or a variant whose requests,
// Gunicorn settings or environment differ. Everything else that may differ (load length,
// --quick) still compares, since slopes are per request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { incomparabilities, type RunSide, type VariantSetup } from '../../../src/compare/comparable.ts';
import type { RunRecord, VariantRecord } from '../../../src/run-data/run-record.ts';
import { gunicornSettings } from '../fixtures/gunicorn.ts';
import { runRecord, variantRecord } from '../fixtures/records.ts';

const record = (scenario: string, variants: Partial<VariantRecord>[]): RunRecord =>
  runRecord(
    scenario,
    variants.map((v) => variantRecord('v', v)),
  );

const GUNICORN: VariantSetup['gunicorn'] = gunicornSettings();

const plan = (over: Partial<VariantSetup> = {}): VariantSetup => ({
  name: 'v',
  mix: [{ method: 'GET', path: '/leaks/a/' }],
  gunicorn: GUNICORN,
  env: {},
  ...over,
});

const side = (scenario: string, plans: VariantSetup[] | null, variants: Partial<VariantRecord>[] = [{}]): RunSide => ({
  record: record(scenario, variants),
  plans,
});

test('the same scenario and setup compares', () => {
  assert.deepEqual(incomparabilities(side('a', [plan()]), side('a', [plan()])), []);
});

test('different scenarios are refused, and nothing else is said', () => {
  assert.deepEqual(incomparabilities(side('global-list', [plan()]), side('dict-cache', [plan({ env: { X: '1' } })])), [
    'different scenarios: global-list before, dict-cache after',
  ]);
});

test('a variant whose mix differs is refused, naming both mixes', () => {
  const after = plan({ mix: [{ method: 'POST', path: '/leaks/b/' }] });
  assert.deepEqual(incomparabilities(side('a', [plan()]), side('a', [after])), [
    'v: the request mix differs (GET /leaks/a/ before, POST /leaks/b/ after)',
  ]);
});

test('Gunicorn settings or env that differ are named field by field; key order does not matter', () => {
  const after = plan({ gunicorn: { ...GUNICORN, maxRequests: 1000, preload: true }, env: { CACHE_SIZE: '10' } });
  assert.deepEqual(incomparabilities(side('a', [plan()]), side('a', [after])), [
    'v: gunicorn settings (scenario.yaml) differ: maxRequests 0 → 1000, preload false → true',
    'v: env differ: CACHE_SIZE unset → "10"',
  ]);
  const { workers, ...rest } = GUNICORN;
  const reordered = plan({ gunicorn: { ...rest, workers } });
  assert.deepEqual(incomparabilities(side('a', [plan()]), side('a', [reordered])), []);
});

test('the Gunicorn settings run.json recorded are compared too: --workers on one run only', () => {
  const b = side('a', null, [{ gunicorn: { workers: 2, workerClass: 'sync' } }]);
  const a = side('a', null, [{ gunicorn: { workerClass: 'sync', workers: 4 } }]);
  assert.deepEqual(incomparabilities(b, a), ['v: gunicorn settings (run.json) differ: workers 2 → 4']);
});

test('a setting only one run.json recorded (an older leaklab recorded fewer) is no difference', () => {
  const b = side('a', null, [{ gunicorn: { workers: 2, workerClass: 'sync' } }]);
  const a = side('a', null, [{ gunicorn: { workers: 2, workerClass: 'sync', threads: 1, timeout: 30 } }]);
  assert.deepEqual(incomparabilities(b, a), []);
});

test('variants in only one run, or runs without scenario.yaml, are left to the gate', () => {
  assert.deepEqual(incomparabilities(side('a', [plan()], [{ name: 'v' }]), side('a', [plan({ mix: [] })], [{ name: 'w' }])), []);
  assert.deepEqual(incomparabilities(side('a', null), side('a', [plan({ mix: [] })])), []);
});
