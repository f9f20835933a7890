import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cacheKeyPrefix,
  chooseServiceSource,
  postgresUrl,
  redactUrl,
  redisUrl,
  variantDatabaseName,
  withoutServiceVariables,
} from '../../../src/services/service-urls.ts';

test('the environment variable comes first, even when the binary is installed', () => {
  assert.deepEqual(chooseServiceSource('redis', { REDIS_URL: 'redis://10.0.0.1:6380/2' }, true), {
    kind: 'env',
    url: 'redis://10.0.0.1:6380/2',
    variable: 'REDIS_URL',
  });
  assert.deepEqual(chooseServiceSource('postgres', { DATABASE_URL: 'postgresql://u@h/db' }, false), {
    kind: 'env',
    url: 'postgresql://u@h/db',
    variable: 'DATABASE_URL',
  });
});

test('without the variable: start a private instance when the binary exists, else skip with how to get one', () => {
  assert.deepEqual(chooseServiceSource('redis', {}, true), { kind: 'start' });
  assert.deepEqual(chooseServiceSource('redis', { REDIS_URL: '  ' }, true), { kind: 'start' });
  const redis = chooseServiceSource('redis', {}, false);
  assert.equal(redis.kind, 'skip');
  assert.match(
    redis.kind === 'skip' ? redis.reason : '',
    /^needs Redis: set REDIS_URL .* install redis-server \(Debian: apt-get install redis-server\)/,
  );
  const pg = chooseServiceSource('postgres', { REDIS_URL: 'redis://x' }, false);
  assert.match(pg.kind === 'skip' ? pg.reason : '', /^needs PostgreSQL: set DATABASE_URL .*apt-get install postgresql/);
});

test('a variable the service cannot use is a skip naming it, with the password hidden', () => {
  const r = chooseServiceSource('postgres', { DATABASE_URL: 'sqlite:////tmp/x.db' }, true);
  assert.equal(r.kind, 'skip');
  assert.match(r.kind === 'skip' ? r.reason : '', /DATABASE_URL is not a postgres:\/\/ URL \(sqlite:\/\/\/\/tmp\/x\.db\)/);
  const m = chooseServiceSource('redis', { REDIS_URL: 'http://user:secret@host/' }, true);
  assert.equal(m.kind === 'skip' && m.reason.includes('secret'), false);
});

test('URLs and names', () => {
  assert.equal(redisUrl('127.0.0.1', 40123), 'redis://127.0.0.1:40123/0');
  assert.equal(
    postgresUrl({ user: 'leaklab', host: '127.0.0.1', port: 5433, database: 'leaklab_a' }),
    'postgres://leaklab@127.0.0.1:5433/leaklab_a',
  );
  assert.equal(variantDatabaseName('unclosed-postgres'), 'leaklab_unclosed_postgres');
  assert.ok(variantDatabaseName('x'.repeat(100)).length <= 63);
  assert.equal(cacheKeyPrefix('20261126-0930-dict-cache', 'ttl-redis'), 'leaklab:20261126-0930-dict-cache:ttl-redis');
  assert.equal(redactUrl('postgres://bob:hunter2@db:5432/app'), 'postgres://bob:***@db:5432/app');
  assert.equal(redactUrl('redis://127.0.0.1:6379/0'), 'redis://127.0.0.1:6379/0');
});

test('service variables are taken out of the environment variants inherit', () => {
  assert.deepEqual(withoutServiceVariables({ PATH: '/bin', REDIS_URL: 'redis://a', DATABASE_URL: 'postgres://b' }), {
    PATH: '/bin',
  });
});
