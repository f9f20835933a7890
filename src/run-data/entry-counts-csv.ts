// entry-counts.csv: the requests each worker had served per mix entry at each sample, beside
// samples.csv rather than in it, so samples.csv keeps its eight columns and `leaklab report`
// reads old runs (and old readers read new ones) unchanged. Written only for mixes of several
// entries; a sample and its counts share (variant, pid, t_ms).
import { createWriteStream, existsSync, readFileSync, type WriteStream } from 'node:fs';
import { DataError } from '../core/errors.ts';
import { completeLines, tornLineWarning } from './torn-lines.ts';
import type { Sample } from './types.ts';

export const ENTRY_COUNTS_HEADER = 't_ms,variant,pid,counts';

export function formatEntryCountsRow(s: Sample & { entries: number[] }): string {
  return `${s.tMs},${s.variant},${s.pid},${s.entries.join(' ')}`;
}

/** Counts keyed by sampleKey; a bad row is a DataError naming the file and line. */
export function parseEntryCountsCsv(
  text: string,
  file = 'entry-counts.csv',
  warn: (line: string) => void = () => {},
): Map<string, number[]> {
  const { lines, tornLine } = completeLines(text);
  if (lines[0]?.text.trim() !== ENTRY_COUNTS_HEADER) {
    throw new DataError(`${file}:1: not a leaklab entry-counts.csv`, { hint: `the first line must be ${ENTRY_COUNTS_HEADER}` });
  }
  if (tornLine !== undefined && tornLine > 1) warn(tornLineWarning(file, tornLine));
  const out = new Map<string, number[]>();
  const problems: string[] = [];
  for (const { n, text: line } of lines.slice(1)) {
    const [t, variant, pid, counts, ...rest] = line.split(',');
    const numbers = (counts ?? '').split(' ').map(Number);
    if (rest.length || !variant || !/^\d+$/.test(t ?? '') || !/^\d+$/.test(pid ?? '') || !numbers.every(Number.isInteger)) {
      problems.push(`${file}:${n}: expected ${ENTRY_COUNTS_HEADER} with whole numbers in counts`);
      continue;
    }
    out.set(sampleKey({ variant, pid: Number(pid), tMs: Number(t) }), numbers);
  }
  if (problems.length > 0) {
    throw new DataError(`${file} is damaged: ${problems.length} bad row${problems.length === 1 ? '' : 's'}`, {
      details: problems,
      hint: 'a run writes whole rows; run the scenario again for an attribution',
    });
  }
  return out;
}

export function sampleKey(s: Pick<Sample, 'variant' | 'pid' | 'tMs'>): string {
  return `${s.variant}\t${s.pid}\t${s.tMs}`;
}

/** The samples with their per-entry counts, where entry-counts.csv has them (it may not exist). */
export function readEntryCounts(file: string, samples: Sample[], warn?: (line: string) => void): Sample[] {
  if (!existsSync(file)) return samples;
  const counts = parseEntryCountsCsv(readFileSync(file, 'utf8'), file, warn);
  return samples.map((s) => {
    const entries = counts.get(sampleKey(s));
    return entries ? { ...s, entries } : s;
  });
}

/** Appends the rows of samples that carry counts; the file is created with the first such sample. */
export class EntryCountsWriter {
  readonly #file: string;
  readonly #onError: ((err: Error) => void) | undefined;
  #out: WriteStream | null = null;
  #error: Error | null = null;

  constructor(file: string, onError?: (err: Error) => void) {
    this.#file = file;
    this.#onError = onError;
  }

  write(s: Sample): void {
    if (this.#error || !s.entries) return;
    if (!this.#out) {
      this.#out = createWriteStream(this.#file, { flags: 'w' });
      this.#out.on('error', (err) => {
        if (this.#error) return;
        this.#error = err;
        this.#onError?.(err);
      });
      this.#out.write(`${ENTRY_COUNTS_HEADER}\n`);
    }
    this.#out.write(`${formatEntryCountsRow({ ...s, entries: s.entries })}\n`);
  }

  close(): Promise<void> {
    if (this.#error) return Promise.reject(this.#error);
    const out = this.#out;
    if (!out) return Promise.resolve();
    return new Promise((resolve, reject) =>
      out.end((err?: Error | null) => (err || this.#error ? reject(err ?? this.#error) : resolve())),
    );
  }
}
