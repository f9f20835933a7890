// What a killed run leaves behind (no cleanup runs after SIGKILL): the hooks' `.state-*` folders,
// private services' `.services-*` data (41–62 MB for a PostgreSQL) and that PostgreSQL's shared
// memory. Every run sweeps its results folder first, and `leaklab clean` does it on demand.
// A folder goes once the run that made it is gone (its name says which, see scratch-owner.ts)
// and no process uses it any more (a dead run's server in the second its watchdog needs).
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dirInUse, type ProcessEntry, readProcessTable } from '../core/process-table.ts';
import { ownerAlive, scratchOwner } from '../core/scratch-owner.ts';
import { releasePostgresShm } from '../services/postgres-shm.ts';

/** Folders leaklab creates for the length of a variant or a run, by name. */
const RUN_SCRATCH = /^\.(state|services-(redis|postgres))-/;
const TMP_SCRATCH = /^leaklab-postgres-/;

export interface SweepResult {
  /** Folders removed. */
  removed: string[];
  /** Shared-memory segments released (ids). */
  segments: number[];
}

export interface SweepOptions {
  /** The OS temporary folder, where a PostgreSQL run as another user keeps its data. */
  tmpDir?: string;
  table?: readonly ProcessEntry[];
  procRoot?: string;
}

/** The scratch folders under a results folder (in its run directories) and in tmpDir. */
export function scratchFolders(resultsRoot: string, tmpDir?: string): string[] {
  const found: string[] = [];
  for (const run of list(resultsRoot)) {
    const runDir = join(resultsRoot, run);
    if (run === 'latest' || !isDir(runDir)) continue;
    for (const name of list(runDir)) if (RUN_SCRATCH.test(name)) found.push(join(runDir, name));
  }
  if (tmpDir) for (const name of list(tmpDir)) if (TMP_SCRATCH.test(name)) found.push(join(tmpDir, name));
  return found;
}

/**
 * A folder whose name records no owner was made by an older leaklab, which may be starting a
 * run right now (another checkout, the shared temp folder): such a folder is spared this long.
 */
const UNOWNED_MIN_AGE_MS = 5000;

/** Whether a scratch folder may still be needed: its owner runs, or a process still uses it. */
export function scratchInUse(dir: string, table: readonly ProcessEntry[], procRoot?: string, now = Date.now()): boolean {
  const owner = scratchOwner(dir);
  const live = owner ? ownerAlive(owner, procRoot) : now - mtimeMs(dir) < UNOWNED_MIN_AGE_MS;
  return live || dirInUse(dir, table);
}

/** Removes every scratch folder of a dead run that no process uses, releasing a dead PostgreSQL's segment first. */
export function sweepScratch(resultsRoot: string, o: SweepOptions = {}): SweepResult {
  const result: SweepResult = { removed: [], segments: [] };
  const candidates = scratchFolders(resultsRoot, o.tmpDir);
  if (candidates.length === 0) return result;
  const table = o.table ?? readProcessTable(o.procRoot);
  for (const dir of candidates) {
    if (scratchInUse(dir, table, o.procRoot)) continue;
    if (existsSync(join(dir, 'data'))) {
      const id = releasePostgresShm(dir, o.procRoot);
      if (id !== null) result.segments.push(id);
    }
    rmSync(dir, { recursive: true, force: true });
    result.removed.push(dir);
  }
  return result;
}

/** One line for the user, or null when nothing was left behind. */
export function sweepSummary(r: SweepResult): string | null {
  if (r.removed.length === 0 && r.segments.length === 0) return null;
  const seg = r.segments.length ? ` and ${r.segments.length} shared-memory segment${r.segments.length === 1 ? '' : 's'}` : '';
  return `removed ${r.removed.length} scratch folder${r.removed.length === 1 ? '' : 's'}${seg} left by killed runs`;
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function mtimeMs(p: string): number {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}
