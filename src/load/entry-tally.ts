// Responses counted per mix entry and status, and requests without a response per entry.
// Exact (every request is counted under the entry it was built from), so the figures can later
// say which endpoint a leak grows with. Flat typed arrays: one increment per request.
import type { EntryLoadStats } from '../run-data/types.ts';
import { expectedStatuses, isExpectedStatus } from './expected-status.ts';
import type { RequestSpec } from './types.ts';

/** Status codes 0-999 are counted; the parser reads three digits, so none is out of range. */
const CODES = 1000;

export class EntryTally {
  private readonly counts: Float64Array;
  private readonly errors: Float64Array;
  private readonly entries: { method: string; path: string; status?: number[] }[];

  constructor(specs: RequestSpec[]) {
    this.entries = specs.map((s) => {
      const status = expectedStatuses(s.status);
      return { method: s.method.toUpperCase(), path: s.path, ...(status ? { status } : {}) };
    });
    this.counts = new Float64Array(specs.length * CODES);
    this.errors = new Float64Array(specs.length);
  }

  response(entry: number, statusCode: number): void {
    const i = entry * CODES + statusCode;
    this.counts[i] = (this.counts[i] as number) + 1;
  }

  failure(entry: number): void {
    this.errors[entry] = (this.errors[entry] as number) + 1;
  }

  /** Per entry, and the status codes of the whole storm (their sum, so both always agree). */
  summary(): { perEntry: EntryLoadStats[]; statusCodes: Record<string, number> } {
    const total = new Float64Array(CODES);
    const perEntry = this.entries.map((e, entry): EntryLoadStats => {
      const statusCodes: Record<string, number> = {};
      let requests = 0;
      let unexpected = 0;
      for (let code = 0; code < CODES; code++) {
        const n = this.counts[entry * CODES + code] as number;
        if (n === 0) continue;
        statusCodes[String(code)] = n;
        total[code] = (total[code] as number) + n;
        requests += n;
        if (!isExpectedStatus(code, e.status)) unexpected += n;
      }
      return { ...e, requests, statusCodes, unexpected, errors: this.errors[entry] as number };
    });
    const statusCodes: Record<string, number> = {};
    total.forEach((n, code) => {
      if (n > 0) statusCodes[String(code)] = n;
    });
    return { perEntry, statusCodes };
  }
}
