import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type EvidenceInput,
  enoughForFlat,
  MIN_FLAT_POINTS,
  noiseFloorRequests,
  requestsNeeded,
  requestsPerPoint,
  resolutionFloorRequests,
  sampleNoise,
} from '../../../src/analyze/evidence.ts';
import { mergeThresholds } from '../../../src/analyze/thresholds.ts';
import { mulberry32 } from './synthetic.ts';

const t = mergeThresholds();
const MiB = 1024 * 1024;
const line = (n: number, step: number, slope: number, noise = 0, seed = 1) => {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => ({
    x: (i + 1) * step,
    y: 50 * MiB + slope * (i + 1) * step + (rand() * 2 - 1) * noise,
  }));
};
const slope = (bytesPerRequest: number, low: number, high: number) => ({ bytesPerRequest, low, high, level: 0.95 });

test('sampleNoise: 0 on a constant series, ~sigma on uniform noise, blind to one big step', () => {
  assert.equal(sampleNoise([5, 5, 5, 5]), 0);
  const noisy = line(2000, 10, 0, 30000).map((p) => p.y);
  const sigma = sampleNoise(noisy);
  // Uniform on [-30000, 30000] has sigma 17,320; the MAD estimate of its differences lands near it.
  assert.ok(sigma > 12000 && sigma < 24000, String(sigma));
  const stepped = [...Array(50).fill(1000), ...Array(50).fill(1000 + 256 * 1024)];
  assert.equal(sampleNoise(stepped), 0);
});

test('noiseFloorRequests: 3 sigmas at the material slope; 0 without noise', () => {
  assert.equal(noiseFloorRequests(line(100, 350, 0), t), 0);
  const floor = noiseFloorRequests(line(100, 350, 0, 30000), t);
  assert.ok(floor > 1000 && floor < 2500, String(floor));
  // A view swinging by tens of MB per sample needs about a million requests to rule out a 32 B/request leak.
  assert.ok(noiseFloorRequests(line(100, 3, 0, 30 * MiB), t) > 500000);
  assert.equal(noiseFloorRequests(line(100, 350, 0, 30000), mergeThresholds({ materialSlopeBytesPerRequest: 0 })), Infinity);
});

test('resolutionFloorRequests: a material-slope leak adds 32 KiB (1,024 requests by default)', () => {
  assert.equal(resolutionFloorRequests(t), 1024);
  assert.equal(resolutionFloorRequests(mergeThresholds({ materialSlopeBytesPerRequest: 256 })), 128);
  assert.equal(resolutionFloorRequests(mergeThresholds({ materialGrowthBytes: 0 })), 0);
});

test('requestsPerPoint: the mean spacing in requests', () => {
  assert.equal(requestsPerPoint([]), 0);
  assert.equal(requestsPerPoint([{ x: 10, y: 0 }]), 0);
  assert.equal(requestsPerPoint(line(11, 5, 0)), 5);
});

function evidence(post: EvidenceInput['post'], extra: Partial<EvidenceInput> = {}): EvidenceInput {
  return { points: post, post, warmupEndRequests: post[0]?.x ?? 0, slope: null, growthBytes: 0, noiseFloor: 0, ...extra };
}

test('enoughForFlat: points, noise and resolution floors, unless the level was handed back', () => {
  assert.equal(enoughForFlat(evidence(line(MIN_FLAT_POINTS, 500, 0)), t), true);
  assert.equal(enoughForFlat(evidence(line(MIN_FLAT_POINTS - 1, 500, 0)), t), false, 'too few points');
  assert.equal(enoughForFlat(evidence(line(20, 50, 0)), t), false, '950 requests: under the resolution floor');
  assert.equal(enoughForFlat(evidence(line(22, 50, 0)), t), true, '1,050 requests: over it');
  assert.equal(enoughForFlat(evidence(line(20, 50, 0), { growthBytes: -0.5 * MiB }), t), true, 'handed back 0.5 MiB');
  assert.equal(enoughForFlat(evidence(line(20, 500, 0), { noiseFloor: 20000 }), t), false, 'noise floor not reached');
});

test('requestsNeeded: the missing floors, or the requests to material growth at the upper slope', () => {
  // 2 points of 500 requests: 8 more points (4,000 requests) before flat can be said.
  assert.equal(requestsNeeded(evidence(line(2, 500, 0)), t), 4000);
  // Still in warm-up: the rest of warm-up comes first.
  const early = line(3, 100, 0);
  assert.equal(requestsNeeded({ ...evidence([]), points: early, warmupEndRequests: 2000 }, t), 2000 - 300 + 1024);
  // A settled creep (interval under 32 B/request) short of the floors waits for the floors only, not for 1 MiB.
  const creep = evidence(line(15, 50, 17), { slope: slope(17, 16, 19), growthBytes: 12000 });
  assert.equal(requestsNeeded(creep, t), 1024 - 700);
  // Still rising at up to 100 B/request with 0.5 MiB grown: 0.5 MiB / 100 B more.
  const rising = evidence(line(40, 500, 60), { slope: slope(60, 20, 100), growthBytes: 0.5 * MiB });
  assert.equal(requestsNeeded(rising, t), Math.ceil((0.5 * MiB) / 100));
  // A noise floor far away dominates.
  assert.equal(requestsNeeded(evidence(line(40, 500, 0), { noiseFloor: 1e6 }), t), 1e6 - 19500);
  assert.equal(requestsNeeded(evidence(line(40, 500, 0), { noiseFloor: Infinity }), t), Number.MAX_SAFE_INTEGER);
});
