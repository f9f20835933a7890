// Finds Gunicorn workers as they come and go (from the counter files the hooks create), and
// gives each a slot: a worker that replaces a dead one takes its slot, so one chart line
// follows one worker position across max_requests recycling. The same tracker follows a Celery
// worker's processes (leaklab_celery_worker.py), whose counter files carry their slot.
import { readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { closeQuietly, openOrNull } from './procfs.ts';

export interface TrackedWorker {
  pid: number;
  slot: number;
  statmFd: number;
  smapsFd: number | null;
  counterFd: number;
  /** Per-mix-entry counters (<pid>.entries), null when the hooks wrote none. */
  entriesFd: number | null;
}

export interface TrackerOptions {
  /** The folder of counter files under the state dir: `workers` (Gunicorn's hooks) or `celery`. */
  subdir?: string;
  /**
   * The slot is the counter file's second 8-byte word, written by the process itself (Celery:
   * 0 for the main process, 1 + pool index for a pool process), rather than the first free one.
   */
  slotInFile?: boolean;
}

export class WorkerTracker {
  readonly #workersDir: string;
  readonly #procDir: string;
  readonly #slotInFile: boolean;
  readonly #live = new Map<number, TrackedWorker>();
  /** Pids seen once and gone since: never reopened (their counter files stay on disk). */
  readonly #gone = new Set<number>();

  constructor(stateDir: string, procDir = '/proc', o: TrackerOptions = {}) {
    this.#workersDir = join(stateDir, o.subdir ?? 'workers');
    this.#procDir = procDir;
    this.#slotInFile = o.slotInFile ?? false;
  }

  get live(): Iterable<TrackedWorker> {
    return this.#live.values();
  }

  /** Opens workers that appeared since the last call; call after dropping the dead ones. */
  discover(): TrackedWorker[] {
    let names: string[];
    try {
      names = readdirSync(this.#workersDir);
    } catch {
      return [];
    }
    const added: TrackedWorker[] = [];
    for (const name of names) {
      const pid = Number(name);
      if (!Number.isInteger(pid) || this.#live.has(pid) || this.#gone.has(pid)) continue;
      const worker = this.#open(pid, join(this.#workersDir, name));
      if (worker) added.push(worker);
      else this.#gone.add(pid);
    }
    return added;
  }

  /** The worker is gone: close its files and free its slot. */
  drop(pid: number): void {
    const w = this.#live.get(pid);
    if (!w) return;
    closeQuietly(w.statmFd);
    closeQuietly(w.smapsFd);
    closeQuietly(w.counterFd);
    closeQuietly(w.entriesFd);
    this.#live.delete(pid);
    this.#gone.add(pid);
  }

  close(): void {
    for (const pid of [...this.#live.keys()]) this.drop(pid);
  }

  #open(pid: number, counterPath: string): TrackedWorker | null {
    const statmFd = openOrNull(join(this.#procDir, String(pid), 'statm'));
    const counterFd = openOrNull(counterPath);
    if (statmFd === null || counterFd === null) {
      closeQuietly(statmFd);
      closeQuietly(counterFd);
      return null;
    }
    const slot = this.#slotInFile ? readSlotWord(counterFd) : this.#freeSlot();
    if (slot === null) {
      closeQuietly(statmFd);
      closeQuietly(counterFd);
      return null;
    }
    const smapsFd = openOrNull(join(this.#procDir, String(pid), 'smaps_rollup'));
    const entriesFd = this.#slotInFile ? null : openOrNull(`${counterPath}.entries`);
    const worker = { pid, slot, statmFd, smapsFd, counterFd, entriesFd };
    this.#live.set(pid, worker);
    return worker;
  }

  #freeSlot(): number {
    const used = new Set([...this.#live.values()].map((w) => w.slot));
    let slot = 0;
    while (used.has(slot)) slot++;
    return slot;
  }
}

/** The second 8-byte word of a counter file (its slot); null when the file is shorter. */
function readSlotWord(fd: number): number | null {
  const word = Buffer.alloc(8);
  try {
    return readSync(fd, word, 0, 8, 8) === 8 ? Number(word.readBigUInt64LE(0)) : null;
  } catch {
    return null;
  }
}
