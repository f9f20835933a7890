// Loopback stays loopback: which environment values point the app elsewhere. Pure string checks:
// nothing here (or in the code under test) opens a connection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenarioText } from '../../../src/scenario/load.ts';
import { isLoopbackHost, remoteEnvProblems, remoteHosts } from '../../../src/scenario/remote-env.ts';

test('loopback is 127.0.0.0/8, ::1 and localhost; nothing else', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', 'db.localhost', '::1', '[::1]']) {
    assert.ok(isLoopbackHost(host), host);
  }
  for (const host of [
    '10.0.0.5',
    '128.0.0.1',
    '0.0.0.0',
    'db.example',
    'localhost.example.com',
    '2001:db8::1',
    '127.0.0.1.evil.io',
  ]) {
    assert.ok(!isLoopbackHost(host), host);
  }
});

test('URL hosts in values, wherever they stand in the text', () => {
  assert.deepEqual(remoteHosts('REDIS_URL', 'redis://10.0.0.5:6379/0'), ['10.0.0.5']);
  assert.deepEqual(remoteHosts('DATABASE_URL', 'postgres://user:pw@db.example:5432/x'), ['db.example']);
  assert.deepEqual(remoteHosts('CACHES', 'first=redis://127.0.0.1/0,second=redis://cache.internal/1'), ['cache.internal']);
  assert.deepEqual(remoteHosts('API', 'http://[2001:db8::1]:8080/'), ['[2001:db8::1]']);
});

test('values that stay on this machine pass', () => {
  assert.deepEqual(remoteHosts('REDIS_URL', 'redis://127.0.0.1:6379/0'), []);
  assert.deepEqual(remoteHosts('DATABASE_URL', 'postgres://localhost/x'), []);
  assert.deepEqual(remoteHosts('DATABASE_URL', 'sqlite:///tmp/db.sqlite3'), [], 'a file URL names no host');
  assert.deepEqual(remoteHosts('DEBUG', '1'), []);
  assert.deepEqual(remoteHosts('GREETING', 'hello db.example'), [], 'plain text in a variable that is not *_HOST');
});

test('a *_HOST variable is read as a host name', () => {
  assert.deepEqual(remoteHosts('DB_HOST', 'db.internal'), ['db.internal']);
  assert.deepEqual(remoteHosts('REDIS_HOST', '10.1.1.1'), ['10.1.1.1']);
  assert.deepEqual(remoteHosts('HOST', 'localhost'), []);
  assert.deepEqual(remoteHosts('DB_HOST', '127.0.0.1'), []);
  assert.deepEqual(remoteHosts('GHOST', 'db.internal'), [], 'HOST must be the whole last word');
});

test("the scenario's and each variant's env are checked, each problem naming its field", () => {
  const scenario = parseScenarioText(
    `name: s
title: t
claim: c
app: { env: { REDIS_URL: "redis://10.0.0.5:6379/0", DEBUG: "1" } }
load: { requests: 10, mix: [{ path: / }] }
variants:
  - name: a
  - name: b
    env: { DATABASE_URL: "postgres://db.example/x", LOCAL_URL: "http://127.0.0.1:9000/" }
`,
    's.yaml',
  );
  assert.deepEqual(remoteEnvProblems(scenario, 's.yaml'), [
    's.yaml: app.env.REDIS_URL: points the app at 10.0.0.5, which is not loopback (127.0.0.0/8, ::1, localhost)',
    's.yaml: variants.1.env.DATABASE_URL: points the app at db.example, which is not loopback (127.0.0.0/8, ::1, localhost)',
  ]);
});
