import assert from 'node:assert/strict';
import { test } from 'node:test';
import { warmupFloorRequests } from '../../../src/pipeline/build-record.ts';
import { workerSample } from '../fixtures/samples.ts';

const sample = workerSample;

test('the floor is the median of what each worker had served by the end of warm-up', () => {
  const samples = [sample(1, 500, 100), sample(1, 1000, 300), sample(2, 1000, 500), sample(3, 900, 400), sample(1, 5000, 9999)];
  assert.equal(warmupFloorRequests(samples, 1000), 400);
});

test('with two workers the floor is the busier one (a count a worker reached, not their mean)', () => {
  assert.equal(warmupFloorRequests([sample(1, 100, 2500), sample(2, 100, 2600)], 1000), 2600);
});

test('no warm-up time, or no sample inside it: no floor', () => {
  assert.equal(warmupFloorRequests([sample(1, 100, 5)], undefined), null);
  assert.equal(warmupFloorRequests([sample(1, 2000, 5)], 1000), null);
});
