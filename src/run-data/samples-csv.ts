// samples.csv: one row per worker sample. Written as samples arrive (so an interrupted run
// keeps what it gathered) and read back whole by analysis and `leaklab report`.
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import type { Sample } from './types.ts';

export const SAMPLES_HEADER = 't_ms,variant,pid,slot,requests,rss,uss,pss';

export function formatSampleRow(s: Sample): string {
  return `${s.tMs},${s.variant},${s.pid},${s.slot},${s.requests},${s.rss},${s.uss ?? ''},${s.pss ?? ''}`;
}

export function parseSamplesCsv(text: string): Sample[] {
  const lines = text.split('\n');
  if (lines[0]?.trim() !== SAMPLES_HEADER) throw new Error(`not a leaklab samples.csv (header: ${lines[0]})`);
  const samples: Sample[] = [];
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const [t, variant = '', pid, slot, requests, rss, uss, pss] = line.split(',');
    samples.push({
      tMs: Number(t),
      variant,
      pid: Number(pid),
      slot: Number(slot),
      requests: Number(requests),
      rss: Number(rss),
      uss: uss ? Number(uss) : null,
      pss: pss ? Number(pss) : null,
    });
  }
  return samples;
}

export function readSamplesCsv(file: string): Sample[] {
  return parseSamplesCsv(readFileSync(file, 'utf8'));
}

/** Appends rows to samples.csv through a stream; nothing is kept in memory. */
export class SamplesWriter {
  readonly #out: WriteStream;
  #error: Error | null = null;

  /** `onError` hears the first write failure (a full disk): later rows are dropped, close() rejects with it. */
  constructor(file: string, onError?: (err: Error) => void) {
    this.#out = createWriteStream(file, { flags: 'w' });
    this.#out.on('error', (err) => {
      if (this.#error) return;
      this.#error = err;
      onError?.(err);
    });
    this.#out.write(`${SAMPLES_HEADER}\n`);
  }

  write(s: Sample): void {
    if (this.#error) return;
    this.#out.write(`${formatSampleRow(s)}\n`);
  }

  close(): Promise<void> {
    if (this.#error) return Promise.reject(this.#error);
    return new Promise((resolve, reject) =>
      this.#out.end((err?: Error | null) => (err || this.#error ? reject(err ?? this.#error) : resolve())),
    );
  }
}
