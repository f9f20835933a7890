// The kills sweep: SIGKILL the harness at random moments (a third within 0.2 s of a Gunicorn
// master appearing, a third during a private PostgreSQL's start, the rest anywhere in the
// first seconds or mid-storm, after the first samples), then count what is left: processes a
// few seconds later, scratch folders and shared-memory segments the kills left, what is left
// of them after the next (complete) run, and whether `leaklab report` recovers every killed
// run that had sampled anything.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readText } from '../src/core/log-file.ts';
import { pollUntil } from '../src/core/poll-until.ts';
import { pidAlive } from '../src/core/process-table.ts';
import { scratchFolders } from '../src/pipeline/sweep-scratch.ts';
import { parseSysvShm, postmasterShmId } from '../src/services/postgres-shm.ts';

const BIN = fileURLToPath(new URL('../bin/leaklab.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface KillsResult {
  runs: number;
  /** Kills that landed within 0.2 s of a Gunicorn master appearing. */
  earlyKills: number;
  /** leaklab's processes (Gunicorn, postgres, redis, watchdogs) of these runs alive 3 s after each kill. */
  processesLeft: number;
  /** Scratch folders (.state-*, .services-*) each kill left, summed, counted before any sweep. */
  scratchLeftByKills: number;
  /** Dead PostgreSQL segments (none attached, creator gone) each kill left, summed. */
  deadSegmentsAfterKills: number;
  /** After one more run that completes (its start sweeps what the kills left): our processes, folders, new dead segments. */
  processesAfterNextRun: number;
  scratchAfterNextRun: number;
  deadSegmentsAfterNextRun: number;
  /** Killed runs with sampled rows, and how many of them `report` judged (exit 130, every sampled variant interrupted with a verdict). */
  runsWithSamples: number;
  runsRecovered: number;
  /** Why a run with samples was not recovered. */
  notRecovered: string[];
  /** Command lines of the processes counted in processesLeft. */
  leftovers: string[];
}

/** Processes whose command line names `text`. */
function pgrep(text: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', '--', text], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function deadSegments(): Set<number> {
  const segs = parseSysvShm(readFileSync('/proc/sysvipc/shm', 'utf8'));
  return new Set(segs.filter((s) => s.attached === 0 && !pidAlive(s.creatorPid)).map((s) => s.id));
}

function tmpPostgresDirs(): Set<string> {
  return new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('leaklab-postgres-')));
}

/** The run folder most recently made under `out`. */
function newestRun(out: string): string | undefined {
  const runs = readdirSync(out)
    .filter((d) => d !== 'latest')
    .sort();
  return runs.length ? join(out, runs[runs.length - 1]!) : undefined;
}

/** The shm id a PostgreSQL data folder's postmaster.pid names, or null. */
function postgresSegment(serviceDir: string): number | null {
  const text = readText(join(serviceDir, 'data', 'postmaster.pid'));
  return text ? postmasterShmId(text) : null;
}

/** Rows in the samples.csv of the newest run under `out` (0 before it exists). */
function sampledRows(out: string): number {
  const run = newestRun(out);
  return run ? Math.max(0, readText(join(run, 'samples.csv')).split('\n').filter(Boolean).length - 1) : 0;
}

/** Variants with rows in a run's samples.csv (a kill before the first sample leaves none). */
function sampledVariants(runDir: string): Set<string> {
  const rows = readText(join(runDir, 'samples.csv')).split('\n').slice(1).filter(Boolean);
  return new Set(rows.map((r) => r.split(',')[1]!));
}

/** `leaklab report` on a killed run: 'recovered', why not, or null when it sampled nothing. */
function recoverKilledRun(runDir: string): string | null {
  const sampled = sampledVariants(runDir);
  if (sampled.size === 0) return null;
  const r = spawnSync(process.execPath, [BIN, 'report', runDir], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 130) return `report exited ${r.status}: ${r.stderr.trim().split('\n')[0]}`;
  const record = JSON.parse(readText(join(runDir, 'run.json'))) as {
    variants: { name: string; status: string; verdict?: string }[];
  };
  const judged = record.variants.filter((v) => sampled.has(v.name) && v.status === 'interrupted' && v.verdict);
  return judged.length === sampled.size ? 'recovered' : `${judged.length} of ${sampled.size} sampled variants judged`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchKills(o: { runs: number; log: (line: string) => void }): Promise<KillsResult> {
  const out = mkdtempSync(join(tmpdir(), 'leaklab-bench-kills-'));
  // Readable by all, as results/ in a checkout is: a PostgreSQL run as another user then keeps its data here.
  chmodSync(out, 0o755);
  const segmentsBefore = deadSegments();
  const tmpBefore = tmpPostgresDirs();
  const result: KillsResult = {
    runs: o.runs,
    earlyKills: 0,
    processesLeft: 0,
    scratchLeftByKills: 0,
    deadSegmentsAfterKills: 0,
    processesAfterNextRun: 0,
    scratchAfterNextRun: 0,
    deadSegmentsAfterNextRun: 0,
    runsWithSamples: 0,
    runsRecovered: 0,
    notRecovered: [],
    leftovers: [],
  };
  try {
    for (let i = 0; i < o.runs; i++) {
      // Every third run starts a private PostgreSQL (queryset's -postgres variant) and is killed once it runs.
      const postgres = i % 3 === 2;
      const args = postgres
        ? ['run', 'queryset', '--variant', 'whole-queryset-postgres', '--duration', '20s']
        : ['run', 'global-list', '--variant', 'leaky', '--duration', '20s'];
      const harness = spawn(process.execPath, [BIN, ...args, '--out', out], { cwd: ROOT, stdio: 'ignore' });
      const closed = new Promise((r) => harness.on('close', r));
      const early = i % 3 === 0;
      let how: string;
      if (early) {
        // The moment a Gunicorn master (still the wrapper, or Gunicorn) names this results folder.
        await pollUntil(() => pgrep(`LEAKLAB_STATE_DIR=${out}`).length > 0, { timeoutMs: 60_000, intervalMs: 2 });
        const delay = Math.random() * 200;
        await sleep(delay);
        how = `${Math.round(delay)} ms after the master appeared`;
        result.earlyKills++;
      } else if (postgres) {
        // Once the private PostgreSQL server runs (not initdb: its -D names this results folder).
        await pollUntil(() => pgrep(`postgres -D ${out}`).length > 0, { timeoutMs: 60_000, intervalMs: 20 });
        const delay = Math.random() * 4000;
        await sleep(delay);
        how = `${(delay / 1000).toFixed(1)} s after PostgreSQL started`;
      } else if (i % 6 === 1) {
        // Mid-storm, once this run has sampled: what `report` must then recover.
        await pollUntil(() => sampledRows(out) > 0, { timeoutMs: 120_000, intervalMs: 20 });
        const delay = Math.random() * 4000;
        await sleep(delay);
        how = `${(delay / 1000).toFixed(1)} s after the first sample`;
      } else {
        const delay = Math.random() * 8000;
        await sleep(delay);
        how = `${(delay / 1000).toFixed(1)} s after start`;
      }
      harness.kill('SIGKILL');
      await closed;
      await sleep(3000);
      // Ours: named by the results folder (Gunicorn, the wrapper), or by a new PostgreSQL data folder
      // in tmp (a postgres run as another user keeps its data there).
      const newTmp = [...tmpPostgresDirs()].filter((d) => !tmpBefore.has(d));
      const ours = [...new Set([out, ...newTmp.map((d) => join(tmpdir(), d))].flatMap(pgrep))];
      result.processesLeft += ours.length;
      // What this kill left, counted now: the next run's own sweep removes it.
      const runDir = newestRun(out);
      const scratch = runDir ? scratchFolders(out).filter((d) => d.startsWith(`${runDir}/`)) : [];
      const dead = deadSegments();
      const segs = scratch.map(postgresSegment).filter((id): id is number => id !== null && dead.has(id));
      result.scratchLeftByKills += scratch.length;
      result.deadSegmentsAfterKills += segs.length;
      const names = ours.map((p) => readText(`/proc/${p}/cmdline`).replaceAll('\0', ' ').slice(0, 120));
      result.leftovers.push(...names);
      o.log(
        `kills: run ${i + 1}/${o.runs} (${postgres ? 'postgres' : 'gunicorn'}) killed ${how}: ${ours.length} processes left after 3 s${names.length ? ` (${names.join('; ')})` : ''}, ${scratch.length} scratch folders, ${segs.length} dead segments`,
      );
    }
    const killedRuns = readdirSync(out).filter((d) => d !== 'latest');
    // The next run, at once (no wait: a folder goes as soon as the run that made it is gone).
    // Its own exit code does not matter here (a 5 s storm on a loaded machine may miss its verdict).
    const next = spawnSync(
      process.execPath,
      [BIN, 'run', 'global-list', '--variant', 'leaky', '--duration', '5s', '--out', out],
      {
        cwd: ROOT,
        stdio: 'ignore',
      },
    );
    o.log(`kills: the next run exited ${next.status}`);
    const newTmp = [...tmpPostgresDirs()].filter((d) => !tmpBefore.has(d));
    result.processesAfterNextRun = [...new Set([out, ...newTmp.map((d) => join(tmpdir(), d))].flatMap(pgrep))].length;
    result.scratchAfterNextRun = scratchFolders(out).length + newTmp.length;
    result.deadSegmentsAfterNextRun = [...deadSegments()].filter((id) => !segmentsBefore.has(id)).length;
    for (const run of killedRuns) {
      const outcome = recoverKilledRun(join(out, run));
      if (outcome === null) continue;
      result.runsWithSamples++;
      if (outcome === 'recovered') result.runsRecovered++;
      else result.notRecovered.push(`${run}: ${outcome}`);
    }
  } finally {
    if (existsSync(out)) rmSync(out, { recursive: true, force: true });
  }
  return result;
}
