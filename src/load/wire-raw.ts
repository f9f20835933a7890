// Wire over libuv TCP handles, reached through process.binding('tcp_wrap' / 'stream_wrap') —
// the same objects net.Socket is built on, without its streams, event emitters and nextTicks.
// On a 2-core machine against Gunicorn's sync worker (a new connection per request) this cuts
// the engine's user CPU from ~66 µs to ~11 µs per request, which is what lets it keep pace
// with wrk. The bindings are internal: if they are missing or look different, rawWireAvailable()
// says no and the engine falls back to net.Socket.
import { isIPv6 } from 'node:net';
import { getSystemErrorName } from 'node:util';
import type { Wire, WireEvents } from './wire-types.ts';

interface TcpHandle {
  onread: (this: TcpHandle) => void;
  owner: RawWire | null;
  useUserBuffer(buf: Uint8Array): void;
  setNoDelay(on: boolean): number;
  connect(req: ConnectReq, host: string, port: number): number;
  connect6(req: ConnectReq, host: string, port: number): number;
  readStart(): number;
  writeBuffer(req: WriteReq, buf: Uint8Array): number;
  close(): void;
}
interface ConnectReq {
  oncomplete: (status: number, handle: TcpHandle) => void;
}
interface WriteReq {
  handle: TcpHandle;
  oncomplete: (status: number, handle: TcpHandle) => void;
  buffer: Uint8Array | null;
}
interface Bindings {
  TCP: new (type: number) => TcpHandle;
  TCPConnectWrap: new () => ConnectReq;
  WriteWrap: new () => WriteReq;
  SOCKET: number;
  state: Int32Array;
  kReadBytesOrError: number;
  kLastWriteWasAsync: number;
}

const UV_EOF = -4095; // fixed in libuv on every platform

let bindings: Bindings | null | undefined;

function load(): Bindings | null {
  if (bindings !== undefined) return bindings;
  bindings = null;
  try {
    const binding = (process as unknown as { binding(name: string): Record<string, unknown> }).binding;
    const tcp = binding('tcp_wrap');
    const stream = binding('stream_wrap');
    const constants = tcp.constants as Record<string, unknown> | undefined;
    const ok =
      typeof tcp.TCP === 'function' &&
      typeof tcp.TCPConnectWrap === 'function' &&
      typeof stream.WriteWrap === 'function' &&
      stream.streamBaseState instanceof Int32Array &&
      typeof stream.kReadBytesOrError === 'number' &&
      typeof stream.kLastWriteWasAsync === 'number' &&
      typeof constants?.SOCKET === 'number';
    if (ok) {
      bindings = {
        TCP: tcp.TCP as Bindings['TCP'],
        TCPConnectWrap: tcp.TCPConnectWrap as Bindings['TCPConnectWrap'],
        WriteWrap: stream.WriteWrap as Bindings['WriteWrap'],
        SOCKET: constants.SOCKET as number,
        state: stream.streamBaseState as Int32Array,
        kReadBytesOrError: stream.kReadBytesOrError as number,
        kLastWriteWasAsync: stream.kLastWriteWasAsync as number,
      };
    }
  } catch {
    bindings = null;
  }
  return bindings;
}

export function rawWireAvailable(): boolean {
  return load() !== null;
}

function errorName(code: number): string {
  try {
    return getSystemErrorName(code);
  } catch {
    return `E${-code}`;
  }
}

// Callbacks are shared functions, not closures: libuv calls them with the handle as `this`
// (or as an argument), and the handle points back to its wire. A handle that is no longer
// its wire's current one belongs to a connection already dropped, so it is ignored.
function onRead(this: TcpHandle): void {
  const wire = this.owner;
  if (wire === null || wire.handle !== this) return;
  const b = bindings as Bindings;
  const n = b.state[b.kReadBytesOrError] as number;
  if (n > 0) wire.events.wireData(wire.readBuffer, n);
  else if (n === UV_EOF) wire.events.wireEnd();
  else if (n < 0) wire.events.wireError(errorName(n));
}

function afterConnect(status: number, handle: TcpHandle): void {
  const wire = handle.owner;
  if (wire === null || wire.handle !== handle) return;
  if (status < 0) {
    wire.events.wireError(errorName(status));
    return;
  }
  const err = handle.readStart();
  if (err < 0) {
    wire.events.wireError(errorName(err));
    return;
  }
  wire.events.wireConnected();
}

function afterWrite(status: number, handle: TcpHandle): void {
  const wire = handle.owner;
  if (status < 0 && wire !== null && wire.handle === handle) wire.events.wireError(errorName(status));
}

export class RawWire implements Wire {
  handle: TcpHandle | null = null;
  /** A write request object libuv did not keep (the write finished at once): reusable. */
  private spareWrite: WriteReq | null = null;
  private lastHost = '';
  private lastHostIsV6 = false;

  constructor(
    readonly events: WireEvents,
    readonly readBuffer: Buffer,
    private readonly noDelay: boolean,
  ) {}

  open(host: string, port: number): void {
    if (host !== this.lastHost) {
      // isIPv6 is a large regex: worth keeping off the per-connection path.
      this.lastHost = host;
      this.lastHostIsV6 = isIPv6(host);
    }
    const b = load() as Bindings;
    const h = new b.TCP(b.SOCKET);
    h.owner = this;
    h.onread = onRead;
    h.useUserBuffer(this.readBuffer);
    if (this.noDelay) h.setNoDelay(true);
    const req = new b.TCPConnectWrap();
    req.oncomplete = afterConnect;
    this.handle = h;
    const err = this.lastHostIsV6 ? h.connect6(req, host, port) : h.connect(req, host, port);
    if (err < 0) this.failSoon(h, err);
  }

  write(buf: Buffer): void {
    const h = this.handle;
    if (h === null) return;
    const b = bindings as Bindings;
    let req = this.spareWrite;
    this.spareWrite = null;
    if (req === null) {
      req = new b.WriteWrap();
      req.oncomplete = afterWrite;
    }
    req.handle = h;
    req.buffer = buf; // kept alive in case libuv finishes the write later
    const err = h.writeBuffer(req, buf);
    if (err < 0) this.failSoon(h, err);
    // Node's C++ only takes hold of the request object when the write has to wait.
    else if (b.state[b.kLastWriteWasAsync] === 0) this.spareWrite = req;
  }

  destroy(): void {
    const h = this.handle;
    if (h === null) return;
    this.handle = null;
    h.close();
  }

  // Reported on a microtask so the connection never sees an error inside its own call.
  private failSoon(h: TcpHandle, err: number): void {
    queueMicrotask(() => {
      if (this.handle === h) this.events.wireError(errorName(err));
    });
  }
}
