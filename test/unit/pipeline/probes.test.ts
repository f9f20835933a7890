// Probes against a real HTTP server on loopback: answers saved where run.json says, the
// answering pid read from the body, failures recorded instead of thrown.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { answeringPid, probeFile, runProbes } from '../../../src/pipeline/probes.ts';
import type { ProbeSpec } from '../../../src/scenario/schema.ts';
import { scratchDir } from '../../scratch.ts';

let server: Server;
let port: number;
const seen: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    if (req.url === '/snap/') return void res.end(JSON.stringify({ pid: 4242, top: [1, 2, 3] }));
    if (req.url === '/text/') return void res.end('plain text');
    if (req.url === '/slow/') return void setTimeout(() => res.end('late'), 2000);
    res.statusCode = 409;
    res.end(JSON.stringify({ pid: 7, error: 'not tracing' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
after(() => new Promise<void>((r) => server.close(() => r())));

const spec = (path: string, save: string, when: ProbeSpec['when'] = 'after', timeout = 5000): ProbeSpec => ({
  path,
  save,
  when,
  timeout,
});

test('after-probes save each answer under probes/<variant>-<save> with status and pid', async () => {
  const runDir = scratchDir('probes');
  seen.length = 0;
  const specs = [
    spec('/snap/', 'snap.json'),
    spec('/text/', 'text.txt'),
    spec('/other/', 'other.json'),
    spec('/snap/', 'early.json', 'before'),
  ];
  const records = await runProbes(specs, 'after', { host: '127.0.0.1', port, variant: 'leaky', runDir });
  assert.deepEqual(seen, ['/snap/', '/text/', '/other/'], 'only the after-probes, in order');
  assert.deepEqual(
    records.map((r) => [r.file, r.status, r.pid]),
    [
      ['probes/leaky-snap.json', 200, 4242],
      ['probes/leaky-text.txt', 200, undefined],
      ['probes/leaky-other.json', 409, 7],
    ],
  );
  assert.deepEqual(JSON.parse(readFileSync(join(runDir, 'probes/leaky-snap.json'), 'utf8')), { pid: 4242, top: [1, 2, 3] });
  assert.equal(readFileSync(join(runDir, 'probes/leaky-text.txt'), 'utf8'), 'plain text');
  assert.equal(records[0]?.bytes, Buffer.byteLength(JSON.stringify({ pid: 4242, top: [1, 2, 3] })));
  assert.ok(records.every((r) => r.when === 'after' && r.ms >= 0 && r.error === undefined));
});

test('a refused or timed-out probe is recorded with its error, and nothing is saved', async () => {
  const runDir = scratchDir('probes');
  const refused = await runProbes([spec('/snap/', 'a.json', 'before')], 'before', {
    host: '127.0.0.1',
    port: 1,
    variant: 'v',
    runDir,
  });
  assert.equal(refused.length, 1);
  assert.equal(refused[0]?.status, undefined);
  assert.match(refused[0]?.error ?? '', /ECONNREFUSED|connect/i);
  const slow = await runProbes([spec('/slow/', 'b.json', 'after', 200)], 'after', {
    host: '127.0.0.1',
    port,
    variant: 'v',
    runDir,
  });
  assert.match(slow[0]?.error ?? '', /timeout/i);
  assert.equal(existsSync(join(runDir, probeFile('v', 'a.json'))), false);
  assert.equal(existsSync(join(runDir, probeFile('v', 'b.json'))), false);
});

test('an aborted run sends no more probes', async () => {
  const runDir = scratchDir('probes');
  const ac = new AbortController();
  ac.abort();
  seen.length = 0;
  const records = await runProbes([spec('/snap/', 'a.json')], 'after', {
    host: '127.0.0.1',
    port,
    variant: 'v',
    runDir,
    signal: ac.signal,
  });
  assert.deepEqual(records, []);
  assert.deepEqual(seen, []);
});

test('answeringPid reads only a positive integer pid from a JSON object', () => {
  assert.equal(answeringPid(Buffer.from('{"pid": 12}')), 12);
  assert.equal(answeringPid(Buffer.from('{"pid": "12"}')), undefined);
  assert.equal(answeringPid(Buffer.from('{"pid": -1}')), undefined);
  assert.equal(answeringPid(Buffer.from('[1]')), undefined);
  assert.equal(answeringPid(Buffer.from('not json')), undefined);
});
