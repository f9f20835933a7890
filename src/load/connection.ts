// One client connection of the storm, with at most one request in flight. It reconnects
// by itself: after every response when the server closes (Gunicorn's sync worker), and
// whenever the server drops it.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { RequestMix } from './request-mix.ts';
import { NEED_MORE, PARSE_ERROR, ResponseParser } from './response-parser.ts';

/** What a connection needs from the storm that owns it. */
export interface ConnectionHost {
  readonly mix: RequestMix;
  readonly random: () => number;
  /** One read buffer for all sockets: every read is parsed at once and never kept. */
  readonly readBuffer: Buffer;
  readonly keepAlive: boolean;
  readonly timeoutMs: number;
  readonly host: string;
  readonly port: number;
  readonly isStopped: boolean;
  /** Next request number, or -1 when no more requests may start. */
  claim(): number;
  completed(statusCode: number, latencyMs: number, at: number): void;
  failed(timedOut: boolean): void;
}

const MAX_BACKOFF_MS = 1000;

export class Connection {
  private socket: net.Socket | null = null;
  private connected = false;
  private readonly parser = new ResponseParser();
  private request: Buffer | null = null;
  private isHead = false;
  /** When the request was issued (timeouts count connect time too). */
  private issuedAt = 0;
  /** When its bytes were written: latency starts here, as in wrk. */
  private sentAt = 0;
  private retried = false;
  /** Responses served on the current socket: a reused socket may have been closed under us. */
  private served = 0;
  private errorsInARow = 0;
  private backoff: NodeJS.Timeout | null = null;

  constructor(private readonly host: ConnectionHost) {}

  /** Starts the next request if the storm allows one; otherwise stays idle. */
  next(): void {
    if (this.backoff !== null) return;
    const h = this.host;
    const seq = h.claim();
    if (seq < 0) return;
    const index = h.mix.pick(h.random);
    this.request = h.mix.build(index, seq, h.random);
    this.isHead = h.mix.isHead(index);
    this.retried = false;
    this.send();
  }

  checkTimeout(now: number): void {
    if (this.request !== null && now - this.issuedAt > this.host.timeoutMs) this.fail(true, false);
  }

  /** Storm over: forget the request in flight and let go of the socket. */
  close(): void {
    if (this.backoff !== null) clearTimeout(this.backoff);
    this.backoff = null;
    this.request = null;
    this.drop();
  }

  private send(): void {
    this.parser.reset(this.isHead);
    this.issuedAt = this.sentAt = performance.now();
    if (this.socket === null) this.open();
    else if (this.connected) this.socket.write(this.request as Buffer);
  }

  private open(): void {
    const s = net.connect({
      host: this.host.host,
      port: this.host.port,
      noDelay: true,
      onread: { buffer: this.host.readBuffer, callback: this.onRead },
    });
    this.socket = s;
    this.connected = false;
    this.served = 0;
    // Handlers check the socket is still ours: a dropped socket may yet emit an event.
    s.on('connect', () => {
      if (this.socket === s) this.onConnect();
    });
    s.on('end', () => {
      if (this.socket === s) this.onEnd();
    });
    s.on('error', (err: NodeJS.ErrnoException) => {
      if (this.socket === s) this.onLost(err.code === 'ECONNREFUSED');
    });
  }

  private onConnect(): void {
    this.connected = true;
    if (this.request !== null) {
      this.sentAt = performance.now();
      (this.socket as net.Socket).write(this.request);
    }
  }

  private readonly onRead = (nread: number, buf: Buffer): boolean => {
    if (this.request === null) {
      // Bytes nobody asked for: the connection is out of step, so it is not reused.
      this.drop();
      return false;
    }
    const r = this.parser.execute(buf, 0, nread);
    if (r === NEED_MORE) return true;
    if (r === PARSE_ERROR) {
      this.fail(false, false);
      return false;
    }
    this.complete(r < nread);
    return true;
  };

  private onEnd(): void {
    if (this.request === null) this.drop();
    else if (this.parser.eof()) this.complete(false);
    else this.onLost(false);
  }

  private onLost(refused: boolean): void {
    if (this.request === null) {
      this.drop();
      return;
    }
    // A keep-alive socket the server closed just as we wrote: nothing was processed, so the
    // request is sent again once on a new connection (as browsers do), not counted as failed.
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
    if (!(this.host.keepAlive && this.parser.keepAlive) || extraBytes) this.drop();
    this.host.completed(this.parser.statusCode, now - this.sentAt, now);
    this.next();
  }

  private fail(timedOut: boolean, refused: boolean): void {
    this.request = null;
    this.drop();
    this.host.failed(timedOut);
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
    if (this.socket === null) return;
    this.socket.destroy();
    this.socket = null;
    this.connected = false;
  }
}
