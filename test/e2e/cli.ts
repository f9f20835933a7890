// Runs the real command line (bin/leaklab.js) as a user would, for the end-to-end tests.
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/leaklab.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function leaklab(
  args: string[],
  opts: {
    cwd?: string;
    interruptAfterMs?: number;
    /** What the interruption sends: SIGINT (Ctrl-C) by default; SIGKILL for a harness that dies. */
    interruptSignal?: NodeJS.Signals;
    timeoutMs?: number;
    env?: Record<string, string>;
    /** Hears stderr as it comes (a printed address to open while the command runs). */
    onStderr?: (text: string) => void;
  } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      opts.onStderr?.(stderr);
    });
    const timers = [
      opts.interruptAfterMs !== undefined
        ? setTimeout(() => child.kill(opts.interruptSignal ?? 'SIGINT'), opts.interruptAfterMs)
        : undefined,
      setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 240_000),
    ];
    child.on('close', (code, signal) => {
      for (const t of timers) if (t) clearTimeout(t);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** leaklab's Gunicorn processes still running; with `within`, only those of runs under that folder. */
export function leftoverGunicorns(within = ''): string[] {
  try {
    return execFileSync('pgrep', ['-af', 'gunicorn'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes('leaklab_gunicorn_hooks') && l.includes(within));
  } catch {
    return []; // pgrep exits 1 when nothing matches.
  }
}
