import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatApproxCount,
  formatByteRange,
  formatBytes,
  formatCount,
  formatSeconds,
  formatSlope,
} from '../../../src/analyze/format.ts';

test('formatBytes uses binary units, one decimal below 10 and whole numbers above', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(64), '64 B');
  assert.equal(formatBytes(2.5), '2.5 B');
  assert.equal(formatBytes(2764.8), '2.7 KiB');
  assert.equal(formatBytes(1024 * 1024), '1 MiB');
  assert.equal(formatBytes(1.6e6), '1.5 MiB');
  assert.equal(formatBytes(27 * 1024 * 1024), '27 MiB');
  assert.equal(formatBytes(-1.6e6), '-1.5 MiB');
});

test('formatBytes rolls over to the next unit when rounding reaches 1024', () => {
  assert.equal(formatBytes(1023.6), '1 KiB');
  assert.equal(formatBytes(1024 * 1024 - 1), '1 MiB');
});

test('formatBytes takes more decimals on request and never prints -0', () => {
  assert.equal(formatBytes(2700, 2), '2.64 KiB');
  assert.equal(formatBytes(-0.01), '0 B');
});

test('formatByteRange writes a shared unit once and adds decimals when the ends would print alike', () => {
  assert.equal(formatByteRange(2662, 2867), '2.6–2.8 KiB');
  assert.equal(formatByteRange(900, 1230), '900 B–1.2 KiB');
  assert.equal(formatByteRange(2730, 2757), '2.67–2.69 KiB');
  assert.equal(formatByteRange(0, 0), '0–0 B');
});

test('formatSlope, counts and seconds read as prose', () => {
  assert.equal(formatSlope(2764.8), '2.7 KiB/request');
  assert.equal(formatCount(41237), '41,237');
  assert.equal(formatCount(-1234567), '-1,234,567');
  assert.equal(formatApproxCount(41237), '41,000');
  assert.equal(formatApproxCount(7412), '7,400');
  assert.equal(formatApproxCount(99), '99');
  assert.equal(formatSeconds(12345), '12.3 s');
  assert.equal(formatSeconds(4000), '4 s');
});
