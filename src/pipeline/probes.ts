// Probes: requests sent before or after the storm (Gunicorn still running) whose answers are
// saved under <run>/probes/, e.g. a tracemalloc snapshot taken in a worker once a leak has
// grown. Sequential and outside the sampled storm: a snapshot allocates tens of MB and would
// otherwise draw a spike at the end of the leak curve. A probe that fails is recorded, never
// fatal: the variant's memory data stands on its own.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import type { ProbeRecord } from '../run-data/probe-record.ts';
import type { ProbeSpec } from '../scenario/schema.ts';

export const PROBES_DIR = 'probes';

export interface ProbeContext {
  host: string;
  port: number;
  variant: string;
  runDir: string;
  signal?: AbortSignal;
}

export function probeFile(variant: string, save: string): string {
  return `${PROBES_DIR}/${variant}-${save}`;
}

export async function runProbes(specs: readonly ProbeSpec[], when: ProbeSpec['when'], ctx: ProbeContext): Promise<ProbeRecord[]> {
  const records: ProbeRecord[] = [];
  for (const spec of specs.filter((s) => s.when === when)) {
    if (ctx.signal?.aborted) break;
    records.push(await runProbe(spec, ctx));
  }
  return records;
}

async function runProbe(spec: ProbeSpec, ctx: ProbeContext): Promise<ProbeRecord> {
  const file = probeFile(ctx.variant, spec.save);
  const base = { path: spec.path, when: spec.when, file };
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  try {
    const res = await request(`http://${ctx.host}:${ctx.port}${spec.path}`, {
      headersTimeout: spec.timeout,
      bodyTimeout: spec.timeout,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    const body = Buffer.from(await res.body.arrayBuffer());
    mkdirSync(join(ctx.runDir, PROBES_DIR), { recursive: true });
    writeFileSync(join(ctx.runDir, file), body);
    const pid = answeringPid(body);
    return { ...base, status: res.statusCode, ...(pid === undefined ? {} : { pid }), bytes: body.length, ms: ms() };
  } catch (err) {
    return { ...base, bytes: 0, ms: ms(), error: (err as Error).message };
  }
}

/** The worker pid a diagnosis endpoint reports in its JSON body ({"pid": 1234, ...}), if any. */
export function answeringPid(body: Buffer): number | undefined {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && 'pid' in parsed) {
      const pid = (parsed as { pid: unknown }).pid;
      if (typeof pid === 'number' && Number.isInteger(pid) && pid > 0) return pid;
    }
  } catch {
    // Not JSON: saved as it is, with no pid.
  }
  return undefined;
}
