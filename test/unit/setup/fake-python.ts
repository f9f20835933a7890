// Tiny stand-in interpreters (shell scripts) for the venv logic: they answer the version query
// and `-m venv` / `-m pip` the way a real Python would, in milliseconds instead of a minute.
// Anything else (`-m gunicorn`) prints the version and exits 0, like an app that never starts.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FakePythonOptions {
  version: string;
  /** What `-m venv <dir>` does: create a venv whose python is a fake too, or fail like a Python without venv. */
  venv?: 'ok' | 'fail';
  /** What the created venv's `-m pip install` does. */
  pip?: 'ok' | 'fail';
}

let realPython: string | undefined;
function realPython3(): string {
  realPython ??= execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
  return realPython;
}

export function fakePython(dir: string, name: string, o: FakePythonOptions): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  const venvPython = [
    '#!/bin/sh',
    `if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then echo "$@" >> "$(dirname "$0")/pip-calls"; ${o.pip === 'fail' ? 'echo "ERROR: Could not find a version that satisfies the requirement nosuchpkg" >&2; exit 1' : 'exit 0'}; fi`,
    `echo ${o.version}`,
  ].join('\n');
  const script = [
    '#!/bin/sh',
    // The parent-death prelude a setup command runs under (not Gunicorn's) is real Python: the machine's runs it
    // (by its real path: a pyenv shim would put its own folder first on the command's PATH).
    `case "$2" in *prctl*execvp*) exec '${realPython3()}' "$@";; esac`,
    // Each call leaves its arguments (one line) and its environment, for tests of how it was run.
    'echo "$*" >> "$0.calls"; env > "$0.env"',
    'if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then',
    o.venv === 'fail'
      ? '  echo "The virtual environment was not created successfully because ensurepip is not available." >&2; mkdir -p "$3"; exit 1'
      : `  mkdir -p "$3/bin" && cat > "$3/bin/python" <<'PY'\n${venvPython}\nPY\n  chmod +x "$3/bin/python"; exit 0`,
    'fi',
    `echo ${o.version}`,
  ].join('\n');
  writeFileSync(file, `${script}\n`);
  chmodSync(file, 0o755);
  return file;
}
