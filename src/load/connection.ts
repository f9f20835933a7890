// One client connection of the storm, with at most one request in flight. It reconnects
// by itself: after every response when the server closes (Gunicorn's sync worker), and
// whenever the server drops it.
import { performance } from 'node:perf_hooks';
import type { RequestMix } from './request-mix.ts';
import { NEED_MORE, PARSE_ERROR, ResponseParser } from './response-parser.ts';
import { createWire, type Wire, type WireEvents, type WireKind } from './wire.ts';

/** What a connection needs from the storm that owns it. */
export interface ConnectionHost {
  readonly mix: RequestMix;
  readonly random: () => number;
  /** One read buffer for all connections: every read is parsed at once and never kept. */
  readonly readBuffer: Buffer;
  readonly keepAlive: boolean;
  readonly timeoutMs: number;
  readonly host: string;
  readonly port: number;
  readonly wireKind: WireKind;
  /** A keep-alive connection is replaced after about this long (see EngineOptions). */
  readonly connectionMaxAgeMs: number;
  /**
   * A clock that lags performance.now() by at most `coarseLagMs`: good enough to start a
   * timeout, and it saves a clock read per request.
   */
  readonly coarseNow: number;
  readonly coarseLagMs: number;
  /** Next request number, or -1 when no more requests may start. */
  claim(): number;
  /** `entry`: the index in the mix the request was built from. */
  completed(entry: number, statusCode: number, latencyMs: number, at: number): void;
  failed(entry: number, timedOut: boolean): void;
}

const MAX_BACKOFF_MS = 1000;

export class Connection implements WireEvents {
  private readonly wire: Wire;
  private open = false;
  private connected = false;
  private readonly parser = new ResponseParser();
  private request: Buffer | null = null;
  /** The mix entry of the current request (kept through a retry on a new connection). */
  private entry = 0;
  private isHead = false;
  /** When the request was issued, on the coarse clock (timeouts count connect time too). */
  private issuedAt = 0;
  /** When its bytes were written: latency starts here, as in wrk. */
  private sentAt = 0;
  private retried = false;
  /** Responses served on the current connection: a reused one may have been closed under us. */
  private served = 0;
  /** When the current connection is to be replaced (keep-alive only). */
  private expiresAt = Infinity;
  private errorsInARow = 0;
  private backoff: NodeJS.Timeout | null = null;

  constructor(private readonly host: ConnectionHost) {
    this.wire = createWire(host.wireKind, this, host.readBuffer, host.keepAlive);
  }

  /** Starts the next request if the storm allows one; otherwise stays idle. */
  next(): void {
    if (this.backoff !== null) return;
    const h = this.host;
    const seq = h.claim();
    if (seq < 0) return;
    const index = h.mix.pick(h.random);
    this.entry = index;
    this.request = h.mix.build(index, seq, h.random);
    this.isHead = h.mix.isHead(index);
    this.retried = false;
    this.send();
  }

  checkTimeout(now: number): void {
    // Subtracting the coarse clock's lag means a timeout never fires early, at most one lag late.
    const h = this.host;
    if (this.request !== null && now - this.issuedAt - h.coarseLagMs > h.timeoutMs) this.fail(true, false);
  }

  /** Storm over: forget the request in flight and close the connection. */
  close(): void {
    if (this.backoff !== null) clearTimeout(this.backoff);
    this.backoff = null;
    this.request = null;
    this.drop();
  }

  private send(): void {
    this.parser.reset(this.isHead);
    this.issuedAt = this.host.coarseNow;
    if (!this.open) {
      this.open = true;
      this.connected = false;
      this.served = 0;
      // Jittered, so connections opened together are not all replaced together.
      if (this.host.keepAlive) this.expiresAt = this.issuedAt + this.host.connectionMaxAgeMs * (0.5 + this.host.random());
      this.wire.open(this.host.host, this.host.port); // written once connected
    } else if (this.connected) {
      this.sentAt = performance.now();
      this.wire.write(this.request as Buffer);
    }
  }

  wireConnected(): void {
    this.connected = true;
    if (this.request !== null) {
      this.sentAt = performance.now();
      this.wire.write(this.request);
    }
  }

  wireData(buf: Buffer, n: number): void {
    if (this.request === null) {
      // Bytes nobody asked for: the connection is out of step, so it is not reused.
      this.drop();
      return;
    }
    const r = this.parser.execute(buf, 0, n);
    if (r === NEED_MORE) return;
    if (r === PARSE_ERROR) this.fail(false, false);
    else this.complete(r < n);
  }

  wireEnd(): void {
    if (this.request === null) this.drop();
    else if (this.parser.eof()) this.complete(false);
    else this.lost(false);
  }

  wireError(code: string): void {
    if (this.request === null) this.drop();
    else this.lost(code === 'ECONNREFUSED');
  }

  private lost(refused: boolean): void {
    // A keep-alive connection the server closed just as we wrote: nothing was processed, so
    // the request is sent once more on a new connection (as browsers do), not counted failed.
    if (this.served > 0 && this.parser.bytesSeen === 0 && !this.retried) {
      this.retried = true;
      this.drop();
      this.send();
      return;
    }
    this.fail(false, refused);
  }

  private complete(extraBytes: boolean): void {
    const now = performance.now();
    this.request = null;
    this.served++;
    this.errorsInARow = 0;
    const h = this.host;
    if (!(h.keepAlive && this.parser.keepAlive) || extraBytes || now > this.expiresAt) this.drop();
    h.completed(this.entry, this.parser.statusCode, now - this.sentAt, now);
    this.next();
  }

  private fail(timedOut: boolean, refused: boolean): void {
    this.request = null;
    this.drop();
    this.host.failed(this.entry, timedOut);
    this.errorsInARow++;
    // Repeated failures (or a refused connect: nobody listening) back off, so a dead server
    // does not turn the storm into a hot loop.
    if (!refused && this.errorsInARow === 1) {
      this.next();
      return;
    }
    const delay = Math.min(MAX_BACKOFF_MS, 25 * 2 ** Math.min(this.errorsInARow - 1, 6));
    this.backoff = setTimeout(() => {
      this.backoff = null;
      this.next();
    }, delay);
  }

  private drop(): void {
    if (!this.open) return;
    this.open = false;
    this.connected = false;
    this.wire.destroy();
  }
}
