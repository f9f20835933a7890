// The command line's own surface: help, unknown commands and flags, missing arguments (exit 2),
// and stack traces only with --verbose. In-process through runCli, no Gunicorn.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { leaklab, recordedRunDir } from './cli-harness.ts';

const STACK_LINE = /\n\s+at .+:\d+:\d+/;

test('--help lists every command on stdout and exits 0', async () => {
  const r = await leaklab(['--help']);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^Usage: leaklab \[options\] \[command\]/);
  for (const command of ['run', 'list', 'report', 'compare', 'demo', 'setup', 'schema']) {
    assert.match(r.stdout, new RegExp(`^  ${command} `, 'm'), `${command} listed`);
  }
  assert.match(r.stdout, /--verbose +show stack traces on errors/);
});

test('run --help shows the flags, the examples and the exit codes', async () => {
  const r = await leaklab(['run', '--help']);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^Usage: leaklab run \[options\] <scenario>/);
  for (const flag of [
    '--variant <names>',
    '--quick',
    '--duration <time>',
    '--requests <n>',
    '--until-verdict',
    '--connections <n>',
    '--workers <n>',
    '--target <where>',
    '--out <dir>',
  ]) {
    assert.ok(r.stdout.includes(flag), `${flag} in the help`);
  }
  assert.match(r.stdout, /choices: "local", "docker", default: "local"/);
  assert.match(r.stdout, /leaklab run global-list --quick/);
  assert.match(r.stdout, /leaklab run global-list --until-verdict +each variant stops once its verdict is decided/);
  assert.match(
    r.stdout,
    /Exit codes: 0 every expectation held, 1 one failed, 2 bad input,\n3 the app or the environment failed, 130 interrupted/,
  );
});

test('help <command> is the same as <command> --help', async () => {
  const a = await leaklab(['help', 'compare']);
  const b = await leaklab(['compare', '--help']);
  assert.equal(a.code, 0);
  assert.equal(a.stdout, b.stdout);
  assert.match(a.stdout, /--markdown <file>/);
  assert.match(a.stdout, /--max-slope-increase <bytes>.*\(default: "128"\)/s);
});

test('an unknown command exits 2, names it and points at --help', async () => {
  const r = await leaklab(['storm', 'global-list']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /error: unknown command 'storm'/);
  assert.match(r.stderr, /\(run with --help for usage\)/);
});

test('an unknown flag exits 2 and names it', async () => {
  const r = await leaklab(['run', 'global-list', '--colour']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /error: unknown option '--colour'/);
  assert.match(r.stderr, /\(run with --help for usage\)/);
  const top = await leaklab(['--quiet', 'list']);
  assert.equal(top.code, 2);
  assert.match(top.stderr, /unknown option '--quiet'/);
  assert.equal(top.stdout, '', 'list did not run');
});

test('a missing argument exits 2 and names it, for each command that takes one', async () => {
  const cases: [string[], RegExp][] = [
    [['run'], /missing required argument 'scenario'/],
    [['report'], /missing required argument 'run-dir'/],
    [['compare', 'results/a'], /missing required argument 'after-run-dir'/],
    [['run', 'global-list', '--variant'], /option '--variant <names>' argument missing/],
  ];
  for (const [argv, message] of cases) {
    const r = await leaklab(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.stderr, message, argv.join(' '));
  }
});

test('a --target that is not local or docker exits 2 with the choices', async () => {
  const r = await leaklab(['run', 'global-list', '--target', 'k8s']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /argument 'k8s' is invalid\. Allowed choices are local, docker/);
});

test('a user error shows its message and hint, and the stack only with --verbose', async () => {
  const plain = await leaklab(['run', 'no-such-leak']);
  assert.equal(plain.code, 2);
  assert.match(plain.stderr, /^leaklab: unknown scenario "no-such-leak"\n {2}hint: known scenarios: /);
  assert.doesNotMatch(plain.stderr, STACK_LINE);
  const verbose = await leaklab(['run', 'no-such-leak', '--verbose']);
  assert.equal(verbose.code, 2);
  assert.match(verbose.stderr, /^leaklab: unknown scenario "no-such-leak"/);
  assert.match(verbose.stderr, /InputError: unknown scenario "no-such-leak"/);
  assert.match(verbose.stderr, STACK_LINE);
});

test('an unexpected error exits 3 and offers --verbose; with --verbose it shows the stack', async () => {
  // A run.json whose variant is null: a damage leaklab did not foresee (invalid JSON is exit 2).
  const dir = recordedRunDir();
  writeFileSync(join(dir, 'run.json'), '{ "scenario": "global-list", "variants": [null] }');
  const plain = await leaklab(['report', dir]);
  assert.equal(plain.code, 3);
  assert.match(plain.stderr, /^leaklab: unexpected error: .*null/);
  assert.match(plain.stderr, /\(run again with --verbose for the stack trace\)/);
  assert.doesNotMatch(plain.stderr, STACK_LINE);
  const verbose = await leaklab(['--verbose', 'report', dir]);
  assert.equal(verbose.code, 3);
  assert.match(verbose.stderr, /TypeError/);
  assert.match(verbose.stderr, STACK_LINE);
  assert.doesNotMatch(verbose.stderr, /run again with --verbose/);
});
