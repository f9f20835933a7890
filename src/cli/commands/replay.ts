// `leaklab replay <run-dir> [--speed 10] [--port N] [--once]`: plays a saved run on the live
// page at any speed (a 20 s leak in 2 s at 10×), then shows its report. Nothing is run: the
// samples come from samples.csv, the verdicts from run.json.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ExitCode, type ExitCodeValue, InputError } from '../../core/errors.ts';
import { replaySchedule, type ScheduledMessage } from '../../live/replay-schedule.ts';
import { runningVerdicts, type TimedStatus } from '../../pipeline/replay-verdicts.ts';
import { readEvents } from '../../run-data/events-jsonl.ts';
import { readRunRecord, runPaths } from '../../run-data/run-dir.ts';
import type { RunRecord } from '../../run-data/run-record.ts';
import { readSamplesCsv } from '../../run-data/samples-csv.ts';
import type { Sample, Verdict } from '../../run-data/types.ts';
import { parseScenarioText } from '../../scenario/load.ts';
import { planVariants } from '../../scenario/plan.ts';
import type { CliIo } from '../io.ts';

export interface ReplayFlags {
  speed?: string;
  port?: string;
  once?: boolean;
}

const REPORT_PATH = '/report.html';
const MAX_SPEED = 1000;
/** At most this long for a page to build its chart before the replay's clock starts anyway. */
const READY_WAIT_MS = 10_000;

export async function replayCommand(dir: string, flags: ReplayFlags, io: CliIo): Promise<ExitCodeValue> {
  const speed = parseSpeed(flags.speed ?? '1');
  const port = flags.port === undefined ? 0 : parsePort(flags.port);
  const saved = readSavedRun(resolve(io.cwd, dir), (line) => io.stderr(`leaklab: warning: ${line}\n`));
  const { startReplayServer } = await import('../../live/live-session.ts');
  const schedules = new Map<number, ScheduledMessage[]>();
  const scheduleAt = (s: number) => {
    let schedule = schedules.get(s);
    if (!schedule) {
      schedule = replaySchedule(saved.record, saved.samples, {
        speed: s,
        plans: saved.plans,
        running: saved.running,
        ...(saved.report ? { reportUrl: REPORT_PATH } : {}),
      });
      schedules.set(s, schedule);
    }
    return schedule;
  };
  let played: (completed: boolean) => void = () => {};
  const firstPlayed = new Promise<boolean>((r) => {
    played = r;
  });
  const server = await startReplayServer(
    async (send, query, signal, ready) => {
      // ?speed= on the page's address overrides --speed for that viewer.
      const asked = Number(query.get('speed'));
      const [first, ...rest] = scheduleAt(asked > 0 && asked <= MAX_SPEED ? asked : speed);
      if (first) send(first.message);
      // The live page says when its chart is built (a client without ?viewer= is not waited for).
      if (query.has('viewer')) await Promise.race([ready, sleep(READY_WAIT_MS, signal)]);
      const start = Date.now();
      for (const { atMs, message } of rest) {
        const wait = start + atMs - Date.now();
        if (wait > 0) await sleep(wait, signal);
        if (signal.aborted) return;
        send(message);
      }
    },
    { ...(port ? { port } : {}), onPlaybackEnd: (completed) => played(completed) },
  );
  if (saved.report) server.addFile(REPORT_PATH, saved.report);
  const total = scheduleAt(speed).at(-1)?.atMs ?? 0;
  io.stderr(
    `leaklab: replaying ${saved.record.runId} at ${speed}× (${(total / 1000).toFixed(1)} s): open ${server.url}\n` +
      (flags.once ? '  (until the first viewer has watched it or left)\n' : '  (Ctrl-C to stop serving)\n'),
  );
  try {
    if (flags.once) {
      // A viewer who leaves before the end ends it too: --once must never wait for ever.
      const completed = await Promise.race([firstPlayed, aborted(io.signal).then(() => false)]);
      // The page switches to the report 2.5 s after the end: it is served until then.
      const until = Date.now() + 10_000;
      while (completed && saved.report && !server.stats().fetched.has(REPORT_PATH) && Date.now() < until && !io.signal.aborted) {
        await sleep(100, io.signal);
      }
    } else {
      await aborted(io.signal);
    }
  } finally {
    await server.close();
  }
  return io.signal.aborted && flags.once ? ExitCode.interrupted : ExitCode.ok;
}

interface SavedRun {
  record: RunRecord;
  samples: Sample[];
  plans: Map<string, { warmupMs?: number; expected?: Verdict }>;
  running: Map<string, TimedStatus[]>;
  report?: string;
}

/** Everything is read and checked before the server starts: a bad folder is exit 2, nothing served. */
function readSavedRun(runDir: string, warn: (line: string) => void): SavedRun {
  const paths = runPaths(runDir);
  for (const f of [paths.runJson, paths.samplesCsv]) {
    if (!existsSync(f))
      throw new InputError(`${runDir} is not a leaklab run directory (no ${f.split('/').pop()})`, {
        hint: 'pass a folder under results/, e.g. results/latest',
      });
  }
  const record = readRunRecord(runDir);
  const samples = readSamplesCsv(paths.samplesCsv, warn);
  if (samples.length === 0) throw new InputError(`${paths.samplesCsv} has no samples: nothing to replay`);
  const events = readEvents(paths.eventsJsonl, warn);
  const plans = new Map<string, { warmupMs?: number; expected?: Verdict }>();
  const running = new Map<string, TimedStatus[]>();
  if (existsSync(paths.scenarioYaml)) {
    const scenario = parseScenarioText(readFileSync(paths.scenarioYaml, 'utf8'), paths.scenarioYaml);
    for (const p of planVariants(scenario)) {
      // The live judge again, on the saved data (~0.3 s a variant): the replay shows the verdict forming.
      running.set(p.name, runningVerdicts(samples, events, p));
      plans.set(p.name, {
        ...(p.warmupMs === undefined ? {} : { warmupMs: p.warmupMs }),
        ...(p.expect ? { expected: p.expect } : {}),
      });
    }
  }
  return { record, samples, plans, running, ...(existsSync(paths.reportHtml) ? { report: paths.reportHtml } : {}) };
}

export function parseSpeed(text: string): number {
  const speed = Number(text.replace(/x$/i, ''));
  if (!Number.isFinite(speed) || speed <= 0 || speed > MAX_SPEED)
    throw new InputError(`--speed ${text} is not a speed`, {
      hint: `a number above 0 and at most ${MAX_SPEED}, e.g. --speed 10`,
    });
  return speed;
}

export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535)
    throw new InputError(`--port ${text} is not a port`, { hint: 'a whole number 1–65535, or leave it out for a free one' });
  return port;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((r) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      r();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function aborted(signal: AbortSignal): Promise<void> {
  return signal.aborted ? Promise.resolve() : new Promise((r) => signal.addEventListener('abort', () => r(), { once: true }));
}
