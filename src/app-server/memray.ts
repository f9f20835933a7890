// --trace memray, on the harness side: is memray in the app's venv, and the workers' capture
// files to trace snapshots (leaklab_memray_snapshot.py, run with the app's Python: only it has
// memray, and memray's file format is read by memray alone).
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

// Up a folder first: bundled, this code runs from a chunk in another folder of dist/.
export const MEMRAY_SNAPSHOT_SCRIPT = fileURLToPath(new URL('../app-server/leaklab_memray_snapshot.py', import.meta.url));

export const MEMRAY_MISSING =
  "memray is not installed in the app's venv: install memray in the app's venv (pip install memray; for the sample app, pip install -r requirements-trace.txt), or use --trace (tracemalloc)";

/** Why memray cannot run with this Python, or undefined when it can. */
export async function memrayProblem(python: string, env: Record<string, string | undefined>): Promise<string | undefined> {
  const r = await execa(python, ['-c', 'import memray'], { env, extendEnv: false, reject: false, timeout: 60_000 });
  return r.exitCode === 0 ? undefined : MEMRAY_MISSING;
}

/** Writes <pid>-base.json and <pid>-end.json for every worker that closed its capture; returns the workers' errors. */
export async function memraySnapshots(python: string, dir: string, env: Record<string, string | undefined>): Promise<string[]> {
  const r = await execa(python, [MEMRAY_SNAPSHOT_SCRIPT, dir], { env, extendEnv: false, reject: false, timeout: 600_000 });
  if (r.exitCode !== 0) return [`reading memray's capture files failed: ${String(r.stderr).trim().split('\n').at(-1) ?? ''}`];
  return String(r.stdout)
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      const doc = JSON.parse(line) as { pid?: number; error?: string };
      return doc.error ? [`worker ${doc.pid}: ${doc.error}`] : [];
    });
}
