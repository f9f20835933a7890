// samples.csv: one row per worker sample. Written as samples arrive (so an interrupted run
// keeps what it gathered) and read back whole by analysis and `leaklab report`.
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { DataError } from '../core/errors.ts';
import { completeLines, tornLineWarning } from './torn-lines.ts';
import type { Sample, SampleRole } from './types.ts';

/** The eight columns of every run without a Celery worker (and of every run before the role column). */
export const SAMPLES_HEADER = 't_ms,variant,pid,slot,requests,rss,uss,pss';
/**
 * A run with a Celery worker (a variant's `celery:`) adds `role` (web | celery) last, so a reader
 * that splits by position finds the other columns where they were. Only such runs have it: every
 * other samples.csv stays as older readers know it, and a file without it is all web workers.
 */
export const SAMPLES_HEADER_WITH_ROLE = `${SAMPLES_HEADER},role`;

const ROLES: readonly SampleRole[] = ['web', 'celery'];

export function formatSampleRow(s: Sample, withRole = false): string {
  const row = `${s.tMs},${s.variant},${s.pid},${s.slot},${s.requests},${s.rss},${s.uss ?? ''},${s.pss ?? ''}`;
  return withRole ? `${row},${s.role ?? 'web'}` : row;
}

const NUMBER = /^\d+(\.\d+)?$/;

/**
 * Rows checked before any verdict: every field of the header, numbers where numbers belong, time never going
 * back within a variant. Two rows joined used to read a time as PSS; a torn last line is dropped
 * (with `warn`), any other bad row is a DataError naming the file and line.
 */
export function parseSamplesCsv(text: string, file = 'samples.csv', warn: (line: string) => void = () => {}): Sample[] {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const header = firstLine.trim();
  if (header !== SAMPLES_HEADER && header !== SAMPLES_HEADER_WITH_ROLE) {
    throw new DataError(`${file}:1: not a leaklab samples.csv (header: ${firstLine.slice(0, 80)})`, {
      hint: `the first line must be ${SAMPLES_HEADER} (with a Celery worker: ${SAMPLES_HEADER_WITH_ROLE})`,
    });
  }
  const names = header.split(',');
  const { lines, tornLine } = completeLines(text);
  if (tornLine !== undefined && tornLine > 1) warn(tornLineWarning(file, tornLine));
  const samples: Sample[] = [];
  const problems: string[] = [];
  const lastTime = new Map<string, number>();
  for (const { n, text: line } of lines.slice(1)) {
    const problem = rowProblem(line.split(','), names);
    if (problem) {
      problems.push(`${file}:${n}: ${problem}`);
      continue;
    }
    const [t, variant = '', pid, slot, requests, rss, uss, pss, role] = line.split(',');
    const tMs = Number(t);
    const before = lastTime.get(variant);
    if (before !== undefined && tMs < before) {
      problems.push(`${file}:${n}: t_ms goes back from ${before} to ${tMs} in variant ${variant}`);
      continue;
    }
    lastTime.set(variant, tMs);
    samples.push({
      tMs,
      variant,
      pid: Number(pid),
      slot: Number(slot),
      requests: Number(requests),
      rss: Number(rss),
      uss: uss ? Number(uss) : null,
      pss: pss ? Number(pss) : null,
      ...(role === 'celery' ? { role } : {}),
    });
  }
  if (problems.length > 0) {
    throw new DataError(`${file} is damaged: ${problems.length} bad row${problems.length === 1 ? '' : 's'}`, {
      details: problems,
      hint: 'a run writes whole rows; run the scenario again for data a verdict can rest on',
    });
  }
  return samples;
}

function rowProblem(fields: string[], names: readonly string[]): string | null {
  if (fields.length !== names.length) return `${fields.length} fields, expected ${names.length} (${names.join(',')})`;
  if (!fields[1]) return 'variant: empty';
  for (const [i, value] of fields.entries()) {
    if (i === 1) continue;
    if (i === 8) {
      if (!(ROLES as readonly string[]).includes(value)) return `role: "${value.slice(0, 40)}" is not ${ROLES.join(' or ')}`;
      continue;
    }
    const optional = i >= 6; // uss and pss are empty when smaps_rollup was not read
    if (optional && value === '') continue;
    if (!NUMBER.test(value)) return `${names[i]}: "${value.slice(0, 40)}" is not a number`;
  }
  return null;
}

export function readSamplesCsv(file: string, warn?: (line: string) => void): Sample[] {
  return parseSamplesCsv(readFileSync(file, 'utf8'), file, warn);
}

/** Appends rows to samples.csv through a stream; nothing is kept in memory. */
export class SamplesWriter {
  readonly #out: WriteStream;
  #error: Error | null = null;

  readonly #withRole: boolean;

  /**
   * `onError` hears the first write failure (a full disk): later rows are dropped, close() rejects
   * with it. `withRole`: the run has a Celery worker, so rows say whose process they are.
   */
  constructor(file: string, onError?: (err: Error) => void, withRole = false) {
    this.#withRole = withRole;
    this.#out = createWriteStream(file, { flags: 'w' });
    this.#out.on('error', (err) => {
      if (this.#error) return;
      this.#error = err;
      onError?.(err);
    });
    this.#out.write(`${withRole ? SAMPLES_HEADER_WITH_ROLE : SAMPLES_HEADER}\n`);
  }

  write(s: Sample): void {
    if (this.#error) return;
    this.#out.write(`${formatSampleRow(s, this.#withRole)}\n`);
  }

  close(): Promise<void> {
    if (this.#error) return Promise.reject(this.#error);
    return new Promise((resolve, reject) =>
      this.#out.end((err?: Error | null) => (err || this.#error ? reject(err ?? this.#error) : resolve())),
    );
  }
}
