// `leaklab run` with every kind of bad input a careless user or a CI machine gives it: each case
// exits 2 with a line naming the file:line: field or the flag, before anything starts. The app is
// the stand-in (its python records every call), so "nothing started" is checked, not assumed.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { leaklab } from './cli-harness.ts';
import { appThatNeverStarts, standInScenario } from './stand-in-app.ts';

// Line numbers below refer to this text: 6 is app.env, 8 load.requests, 9 load.mix, 12 expect.
const BASE = standInScenario('bad', 't');

interface Case {
  name: string;
  /** The scenario text (BASE changed); BASE when absent. */
  yaml?: (base: string) => string;
  args?: string[];
  /** What to pass as `run`'s argument instead of the scenario file. */
  scenarioArg?: (dir: string) => string;
  /** Where results would go, when not <dir>/results; created by `prepare` when it should exist. */
  out?: (dir: string) => string;
  prepare?: (dir: string) => void;
  /** Matched against stderr; FILE stands for the scenario file's path. */
  expect: (string | RegExp)[];
}

const replace = (from: string, to: string) => (s: string) => {
  assert.ok(s.includes(from), `the base has ${from}`);
  return s.replace(from, to);
};
const withVariantLine = (line: string) => (s: string) => `${s}${line}\n`;
const requestsToDuration = (duration: string, warmup?: string) =>
  replace('  requests: 100\n', `  duration: ${duration}\n${warmup === undefined ? '' : `  warmup: ${warmup}\n`}`);
const aliasBomb = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
].join('\n');

const CASES: Case[] = [
  // Command-line values go through the file's limits.
  { name: '--workers past the limit', args: ['--workers', '10000'], expect: [/--workers "10000": .*64/] },
  { name: '--workers 0', args: ['--workers', '0'], expect: ['--workers "0" is not a positive whole number'] },
  { name: '--workers a fraction', args: ['--workers', '2.5'], expect: ['--workers "2.5" is not a positive whole number'] },
  { name: '--connections past the limit', args: ['--connections', '100000'], expect: [/--connections "100000": .*1024/] },
  { name: '--connections 0', args: ['--connections', '0'], expect: ['--connections "0" is not a positive whole number'] },
  {
    name: '--connections text',
    args: ['--connections', 'many'],
    expect: ['--connections "many" is not a positive whole number'],
  },
  { name: '--requests negative', args: ['--requests', '-5'], expect: ['--requests "-5" is not a positive whole number'] },
  { name: '--requests empty', args: ['--requests', ''], expect: ['--requests "" is not a positive whole number'] },
  {
    name: '--duration without a unit',
    args: ['--duration', '100'],
    expect: ['--duration "100" is not a duration: 100 has no unit: write 100ms or 100s'],
  },
  {
    name: '--duration text',
    args: ['--duration', 'soon'],
    expect: ['--duration "soon" is not a duration', 'hint: e.g. --duration 20s'],
  },
  { name: '--duration negative', args: ['--duration', '-5s'], expect: ['--duration "-5s" is not a duration'] },
  {
    name: '--duration and --requests',
    args: ['--duration', '10s', '--requests', '100'],
    expect: ['--duration and --requests cannot be used together'],
  },
  {
    name: '--duration no longer than the warm-up',
    yaml: requestsToDuration('20s', '5s'),
    args: ['--duration', '5s'],
    expect: [/--duration "5s": the warm-up \(5000 ms\) is at least as long as the run \(5000 ms\)/],
  },
  {
    name: '--variant unknown',
    args: ['--variant', 'nope'],
    expect: ['scenario "bad" has no variant "nope"', 'hint: its variants are: first'],
  },
  { name: '--target unknown', args: ['--target', 'cloud'], expect: [/'cloud' is invalid/] },
  { name: 'a misspelt flag', args: ['--wrokers', '3'], expect: [/unknown option '--wrokers'/] },
  // The file system: --out, app.dir, the scenario path.
  {
    name: '--out is a file',
    out: (dir) => join(dir, 'results.txt'),
    prepare: (dir) => writeFileSync(join(dir, 'results.txt'), 'mine\n'),
    expect: [/--out .*results\.txt is a file, not a folder/],
  },
  {
    name: '--out below a file',
    out: (dir) => join(dir, 'notes', 'results'),
    prepare: (dir) => writeFileSync(join(dir, 'notes'), 'mine\n'),
    expect: [/--out .*notes\/results: .*notes is a file, not a folder/],
  },
  {
    name: '--out where nothing can be written',
    // /proc/1 refuses writes even to root; a read-only folder does the same for anyone else.
    out: () => (process.getuid?.() === 0 ? '/proc/1/results' : '/proc/self/results'),
    expect: [/--out \/proc\/.*\/results: cannot write in \/proc/],
  },
  {
    name: 'app.dir missing',
    yaml: replace('dir: app', 'dir: no-such-app'),
    expect: [/FILE: app\.dir: no such folder: .*no-such-app/],
  },
  {
    name: 'app.dir is a file',
    yaml: replace('dir: app', 'dir: app.txt'),
    prepare: (dir) => writeFileSync(join(dir, 'app.txt'), ''),
    expect: [/FILE: app\.dir: not a folder: .*app\.txt/],
  },
  {
    name: 'app.python missing',
    yaml: replace('  dir: app\n', '  dir: app\n  python: nope/bin/python\n'),
    expect: [/FILE: app\.python: no such venv or interpreter: .*nope\/bin\/python/],
  },
  {
    name: 'gunicorn.configFile missing',
    yaml: withVariantLine('gunicorn: { configFile: my.conf.py }'),
    expect: ['FILE names a missing Gunicorn config file', /gunicorn\.configFile: no such file .*my\.conf\.py/],
  },
  { name: 'a scenario name nobody knows', scenarioArg: () => 'no-such-leak', expect: ['unknown scenario "no-such-leak"'] },
  {
    name: 'a scenario path that does not exist',
    scenarioArg: (dir) => join(dir, 'missing.yaml'),
    expect: [/scenario file not found: .*missing\.yaml/],
  },
  // YAML itself.
  {
    name: 'a YAML syntax error',
    yaml: replace('  mix: [{ path: /ok/ }]', '  mix: [{ path: /ok/ }'),
    expect: ['FILE is not valid YAML', /FILE:\d+: /],
  },
  {
    name: 'a YAML alias bomb',
    yaml: (s) => `${s}x-bomb:\n${aliasBomb.replace(/^/gm, '  ')}\n`,
    expect: [/FILE is not a usable scenario: .*alias/, /hint: a scenario needs no more than 100 YAML aliases/],
  },
  {
    name: 'a list instead of a mapping',
    yaml: () => '- name: bad\n',
    expect: [/FILE:1: \(top level\): Invalid input: expected object, received array/],
  },
  { name: 'an empty file', yaml: () => '', expect: [/FILE:\?: \(top level\): missing \(expected object/] },
  // Durations need units.
  {
    name: 'sampling.interval without a unit',
    yaml: withVariantLine('sampling: { interval: 100 }'),
    expect: ['FILE:13: sampling.interval: 100 has no unit: write 100ms or 100s'],
  },
  {
    name: 'load.warmup without a unit',
    yaml: replace('  requests: 100\n', '  requests: 100\n  warmup: 2\n'),
    expect: ['FILE:9: load.warmup: 2 has no unit: write 2ms or 2s'],
  },
  {
    name: 'load.duration without a unit',
    yaml: requestsToDuration('20'),
    expect: ['FILE:8: load.duration: 20 has no unit: write 20ms or 20s'],
  },
  {
    name: 'load.duration with a space',
    yaml: requestsToDuration('"20 s"'),
    expect: ['FILE:8: load.duration: "20 s" is not a duration'],
  },
  {
    name: 'a probe timeout without a unit',
    yaml: withVariantLine('probes: [{ path: /snap/, save: s.json, timeout: 30 }]'),
    expect: ['FILE:13: probes.0.timeout: 30 has no unit: write 30ms or 30s'],
  },
  // Path tokens.
  {
    name: 'an unknown path token',
    yaml: replace('path: /ok/', 'path: "/items/{uuid}/"'),
    expect: ['FILE:9: load.mix.0.path: unknown token {uuid}'],
  },
  {
    name: 'a rand token with LOW > HIGH',
    yaml: replace('path: /ok/', 'path: "/items/{rand:100:1}/"'),
    expect: ['FILE:9: load.mix.0.path: bad {rand:LOW:HIGH} token'],
  },
  {
    name: 'a rand token with words',
    yaml: replace('path: /ok/', 'path: "/items/{rand:a:b}/"'),
    expect: ['FILE:9: load.mix.0.path: unknown token {rand:a:b}'],
  },
  {
    name: "a variant mix's token typo",
    yaml: withVariantLine('    mix: [{ path: "/x/{sequence}/" }]'),
    expect: ['FILE:13: variants.0.mix.0.path: unknown token {sequence}'],
  },
  // Warm-up and the run.
  {
    name: 'a warm-up as long as the run',
    yaml: requestsToDuration('20s', '20s'),
    expect: [/FILE:9: load\.warmup: the warm-up \(20000 ms\) is at least as long as the run \(20000 ms\).*load\.duration/],
  },
  {
    name: 'a warm-up longer than the quick run',
    yaml: replace('  requests: 100\n', '  duration: 20s\n  warmup: 5s\n  quick: { duration: 4s }\n'),
    expect: [/FILE:9: load\.warmup: the warm-up \(5000 ms\) .*load\.quick\.duration/],
  },
  // Limits and fields in the file.
  {
    name: 'gunicorn.workers past the limit',
    yaml: withVariantLine('gunicorn: { workers: 10000 }'),
    expect: [/FILE:13: gunicorn\.workers: .*64/],
  },
  {
    name: 'load.connections past the limit',
    yaml: replace('  requests: 100\n', '  requests: 100\n  connections: 100000\n'),
    expect: [/FILE:9: load\.connections: .*1024/],
  },
  {
    name: 'a path without a slash',
    yaml: replace('path: /ok/', 'path: ok'),
    expect: ['FILE:9: load.mix.0.path: a path starts with "/"'],
  },
  {
    name: 'an unknown field',
    yaml: replace('  dir: app\n', '  dir: app\n  colour: blue\n'),
    expect: ['FILE:6: app.colour: unknown field "colour"'],
  },
  {
    name: 'expect: inconclusive',
    yaml: replace('expect: flat', 'expect: inconclusive'),
    expect: [/FILE:12: variants\.0\.expect: /],
  },
  {
    name: 'a variant named twice',
    yaml: withVariantLine('  - name: first'),
    expect: ['FILE:13: variants.1.name: variant "first" is named twice'],
  },
  {
    name: 'a status outside 100-599',
    yaml: replace('path: /ok/', 'path: /ok/, status: 700'),
    expect: ['FILE:9: load.mix.0.status: an HTTP status, 100-599'],
  },
  {
    name: 'no stop condition',
    yaml: replace('  requests: 100\n', ''),
    expect: ['FILE:8: load: give load.duration or load.requests'],
  },
  {
    name: 'a method in lower case',
    yaml: replace('path: /ok/', 'path: /ok/, method: get'),
    expect: ['FILE:9: load.mix.0.method: an HTTP method in capitals'],
  },
  // Loopback stays loopback.
  {
    name: 'REDIS_URL on another host',
    yaml: replace('FROM_APP_ENV: "scenario"', 'REDIS_URL: "redis://10.0.0.5:6379/0"'),
    expect: [
      'FILE: app.env.REDIS_URL: points the app at 10.0.0.5, which is not loopback (127.0.0.0/8, ::1, localhost)',
      'hint: load tests stay on loopback; pass --allow-remote-env',
    ],
  },
  {
    name: "a variant's DATABASE_URL on another host",
    yaml: withVariantLine('    env: { DATABASE_URL: "postgres://db.example/x" }'),
    expect: ['FILE: variants.0.env.DATABASE_URL: points the app at db.example'],
  },
  {
    name: 'a *_HOST variable naming another host',
    yaml: replace('FROM_APP_ENV: "scenario"', 'DB_HOST: db.internal'),
    expect: ['FILE: app.env.DB_HOST: points the app at db.internal'],
  },
  {
    name: 'an IPv6 URL that is not ::1',
    yaml: replace('FROM_APP_ENV: "scenario"', 'API_URL: "http://[2001:db8::1]:8080/"'),
    expect: ['FILE: app.env.API_URL: points the app at [2001:db8::1]'],
  },
  // Many problems at once: every one named, the flood capped.
  {
    name: 'file and flag problems together',
    yaml: replace('path: /ok/', 'path: ok'),
    args: ['--workers', '10000'],
    expect: ['2 problems in the scenario and the command line', 'FILE:9: load.mix.0.path', '--workers "10000"'],
  },
  {
    name: 'flag, folder and environment problems together',
    yaml: (s) => replace('dir: app', 'dir: gone')(replace('FROM_APP_ENV: "scenario"', 'REDIS_URL: "redis://10.0.0.5/0"')(s)),
    args: ['--connections', '5000'],
    expect: ['3 problems before anything started', '--connections "5000"', 'app.dir: no such folder', 'app.env.REDIS_URL'],
  },
  {
    name: '60,000 problems, 50 lines',
    yaml: replace('  mix: [{ path: /ok/ }]', `  mix: [${Array(60_000).fill('x').join(', ')}]`),
    expect: ['FILE has 60000 problems', '\n  … and 59950 more problems\n'],
  },
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the table holds at least 45 bad inputs', () => assert.ok(CASES.length >= 45, `${CASES.length} cases`));

for (const c of CASES) {
  test(`bad input: ${c.name}: exit 2, named, nothing started or written`, async () => {
    const { dir, file, python } = appThatNeverStarts();
    writeFileSync(file, (c.yaml ?? ((s) => s))(BASE));
    c.prepare?.(dir);
    const out = c.out?.(dir) ?? join(dir, 'results');
    const existedBefore = existsSync(out);
    const entriesBefore = readdirSync(dir).sort();
    const r = await leaklab(['run', c.scenarioArg?.(dir) ?? file, ...(c.args ?? []), '--out', out]);
    assert.equal(r.code, 2, `exit ${r.code}\n${r.stderr}`);
    assert.equal(r.stdout, '', 'no result printed');
    for (const e of c.expect) {
      const source = typeof e === 'string' ? escapeRegExp(e) : e.source;
      assert.match(r.stderr, new RegExp(source.replaceAll('FILE', escapeRegExp(file))));
    }
    const lines = r.stderr.split('\n').length;
    assert.ok(lines <= 55, `at most 50 problem lines plus message, "more" and hint (${lines})`);
    assert.ok(!existsSync(`${python}.calls`), "the app's python was never run");
    assert.equal(existsSync(out), existedBefore, 'no results folder for bad input');
    assert.deepEqual(readdirSync(dir).sort(), entriesBefore, 'nothing written next to the scenario');
  });
}

test('loopback URLs and hosts in app.env pass validation', async () => {
  const { dir, file } = appThatNeverStarts();
  const env =
    '{ REDIS_URL: "redis://127.0.0.1:6379/0", DATABASE_URL: "postgres://localhost/x", V6: "http://[::1]:80/", DB_HOST: 127.0.0.2, SQLITE: "sqlite:///tmp/db" }';
  writeFileSync(file, replace('{ FROM_APP_ENV: "scenario" }', env)(BASE));
  const r = await leaklab(['run', file, '--out', join(dir, 'results')]);
  assert.equal(r.code, 3, `validation passed, the stand-in app failed\n${r.stderr}`);
});
