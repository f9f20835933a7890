// A wire is one connection's byte pipe, reopened for each TCP connection. Two kinds exist:
// raw libuv TCP handles (lean: what makes the engine keep up with wrk) and net.Socket (the
// public API, used when the raw bindings are missing from this Node).

import { NetWire } from './wire-net.ts';
import { RawWire, rawWireAvailable } from './wire-raw.ts';
import type { Wire, WireEvents, WireKind } from './wire-types.ts';

export type { Wire, WireEvents, WireKind } from './wire-types.ts';

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
