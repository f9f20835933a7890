// A wire is one connection's byte pipe, reopened for each TCP connection. Two kinds exist:
// raw libuv TCP handles (lean: what makes the engine keep up with wrk) and net.Socket (the
// public API, used when the raw bindings are missing from this Node).

import { NetWire } from './wire-net.ts';
import { RawWire, rawWireAvailable } from './wire-raw.ts';

/** What a wire reports to its connection. Events of a closed connection are never delivered. */
export interface WireEvents {
  wireConnected(): void;
  /** `n` bytes at the start of `buf`; the buffer is reused after the call returns. */
  wireData(buf: Buffer, n: number): void;
  /** The server closed its side (EOF). */
  wireEnd(): void;
  /** Connect/read/write failure; `code` is e.g. ECONNREFUSED, ECONNRESET. */
  wireError(code: string): void;
}

export interface Wire {
  /** Opens a new TCP connection (the previous one must have been destroyed). */
  open(host: string, port: number): void;
  write(buf: Buffer): void;
  /** Closes the current connection at once; no more events come from it. */
  destroy(): void;
}

export type WireKind = 'raw' | 'net';

export function pickWireKind(wanted: WireKind | undefined): WireKind {
  if (wanted === 'net') return 'net';
  if (rawWireAvailable()) return 'raw';
  if (wanted === 'raw') throw new Error("raw TCP bindings are not available in this Node; use transport 'net'");
  return 'net';
}

/**
 * `noDelay` (TCP_NODELAY) matters only on reused connections: the first write on a fresh
 * connection has nothing unacknowledged ahead of it, so Nagle never holds it back, and
 * skipping it saves a syscall per request when every request has its own connection.
 */
export function createWire(kind: WireKind, events: WireEvents, readBuffer: Buffer, noDelay: boolean): Wire {
  return kind === 'raw' ? new RawWire(events, readBuffer, noDelay) : new NetWire(events, readBuffer, noDelay);
}
