import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWrkOutput } from '../../../bench/load-fidelity.ts';

const SAMPLE = `Running 3s test @ http://127.0.0.1:18081/ok/
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.80ms    2.12ms  26.48ms   89.64%
    Req/Sec     3.13k   753.35     5.44k    80.00%
  Latency Distribution
     50%  702.00us
     75%    2.98ms
     90%    4.37ms
     99%    1.20s
  9366 requests in 3.01s, 1.44MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   3114.86
Transfer/sec:    489.74KB
`;

test('wrk --latency output is parsed with its units', () => {
  assert.deepEqual(parseWrkOutput(SAMPLE), { rps: 3114.86, p50: 0.702, p90: 4.37, p99: 1200, requests: 9366, errors: 7 });
});

test('output without a latency distribution is not parsed', () => {
  assert.equal(parseWrkOutput('unable to connect to 127.0.0.1:9 Connection refused\n'), null);
});
