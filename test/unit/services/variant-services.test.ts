import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../../src/core/errors.ts';
import { parseScenarioText } from '../../../src/scenario/load.ts';
import { planVariants } from '../../../src/scenario/plan.ts';
import type { ResolvedService } from '../../../src/services/run-services.ts';
import { notRunRecord, prepareOne, setupDatabases } from '../../../src/services/variant-services.ts';

const scenario = parseScenarioText(
  `
name: svc
title: t
claim: c
services: [redis]
load: { requests: 100, mix: [{ path: /a/ }] }
variants:
  - name: cached
    expect: flat
  - name: both
    services: [postgres, redis, postgres]
  - name: plain
    services: []
`,
  'svc.yaml',
);
const [cached, both, plain] = planVariants(scenario);

const redisEnv: ResolvedService = {
  service: 'redis',
  available: true,
  url: 'redis://10.1.1.1:6379/0',
  use: { service: 'redis', source: 'env', detail: 'from REDIS_URL (redis://10.1.1.1:6379/0)' },
};
const pgEnv: ResolvedService = {
  service: 'postgres',
  available: true,
  url: 'postgres://u@h:5432/app',
  use: { service: 'postgres', source: 'env', detail: 'from DATABASE_URL' },
};

test("a variant's services replace the scenario's, each named once; [] means none", () => {
  assert.deepEqual(cached?.services, ['redis']);
  assert.deepEqual(both?.services, ['postgres', 'redis']);
  assert.deepEqual(plain?.services, []);
});

test('a ready variant gets the URLs and its own Redis key prefix; setup runs on its database', async () => {
  const p = prepareOne(both!, [pgEnv, redisEnv], 'run-1');
  assert.equal(p.state, 'ready');
  assert.equal(p.setupDatabaseUrl, 'postgres://u@h:5432/app');
  assert.deepEqual(await p.variantEnv(), {
    REDIS_URL: 'redis://10.1.1.1:6379/0',
    LEAKLAB_CACHE_KEY_PREFIX: 'leaklab:run-1:both',
    DATABASE_URL: 'postgres://u@h:5432/app',
  });
  assert.deepEqual(
    p.uses.map((u) => u.service),
    ['postgres', 'redis'],
  );
});

test('a started PostgreSQL gives each variant a fresh database', async () => {
  const made: string[] = [];
  const started: ResolvedService = {
    ...pgEnv,
    url: 'postgres://leaklab@127.0.0.1:5999/leaklab_template',
    postgres: {
      url: 'postgres://leaklab@127.0.0.1:5999/leaklab_template',
      detail: 'started PostgreSQL',
      stop: async () => {},
      freshDatabase: async (v) => {
        made.push(v);
        return `postgres://leaklab@127.0.0.1:5999/leaklab_${v}`;
      },
    },
  };
  const p = prepareOne(both!, [started, redisEnv], 'run-1');
  assert.equal(p.setupDatabaseUrl, 'postgres://leaklab@127.0.0.1:5999/leaklab_template');
  assert.equal((await p.variantEnv()).DATABASE_URL, 'postgres://leaklab@127.0.0.1:5999/leaklab_both');
  assert.deepEqual(made, ['both']);
});

test('a missing service skips the variant with every reason; one that would not start fails it', () => {
  const missing: ResolvedService = { service: 'postgres', available: false, reason: 'needs PostgreSQL: ...', failed: false };
  const skipped = prepareOne(both!, [missing, redisEnv], 'r');
  assert.equal(skipped.state, 'skipped');
  assert.equal(skipped.reason, 'needs PostgreSQL: ...');
  const record = notRunRecord(skipped);
  assert.equal(record.status, 'skipped');
  assert.equal(record.skipReason, 'needs PostgreSQL: ...');
  assert.equal(record.verdict, undefined);
  assert.equal(record.expectationMet, undefined);

  const broken: ResolvedService = { service: 'redis', available: false, reason: 'redis-server exited (code 1)', failed: true };
  const failed = prepareOne(cached!, [broken], 'r');
  assert.equal(failed.state, 'failed');
  const f = notRunRecord(failed);
  assert.equal(f.status, 'failed');
  assert.match(f.error ?? '', /redis: redis-server exited/);
  assert.equal(f.expected, 'flat');
});

test('setup runs once per database the ready variants use, in first-use order', () => {
  const missing: ResolvedService = { service: 'redis', available: false, reason: 'needs Redis', failed: false };
  const prepared = [
    prepareOne(cached!, [missing], 'r'), // skipped: its database is not set up for it
    prepareOne(both!, [pgEnv, redisEnv], 'r'),
    prepareOne(plain!, [], 'r'),
    prepareOne(both!, [pgEnv, redisEnv], 'r'),
  ];
  assert.deepEqual(setupDatabases(prepared), ['postgres://u@h:5432/app', undefined]);
  assert.deepEqual(setupDatabases([prepareOne(cached!, [missing], 'r')]), []);
});

test('an unknown service is bad input, reported at its line', () => {
  assert.throws(
    () =>
      parseScenarioText(
        'name: s\ntitle: t\nclaim: c\nload: { requests: 1, mix: [{ path: /a/ }] }\nvariants:\n  - name: v\n    services: [mysql]\n',
        's.yaml',
      ),
    (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.match(err.details.join('\n'), /s\.yaml:7: variants\.0\.services\.0: .*"redis"\|"postgres"/);
      return true;
    },
  );
});
