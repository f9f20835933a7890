// Wire over net.Socket: public API only, but several times the user CPU per request of the
// raw wire when a connection is opened per request (measured), so it is the fallback.
import net from 'node:net';
import type { Wire, WireEvents } from './wire-types.ts';

export class NetWire implements Wire {
  private socket: net.Socket | null = null;
  // `onread` reads into one shared buffer with no per-read Buffer and no stream queue.
  private readonly onread: { buffer: Buffer; callback: (n: number, buf: Buffer) => boolean };

  constructor(
    private readonly events: WireEvents,
    readBuffer: Buffer,
    private readonly noDelay: boolean,
  ) {
    this.onread = {
      buffer: readBuffer,
      callback: (n, buf) => {
        if (this.socket !== null) this.events.wireData(buf, n);
        return true;
      },
    };
  }

  open(host: string, port: number): void {
    const s = net.connect({ host, port, noDelay: this.noDelay, onread: this.onread });
    this.socket = s;
    // A destroyed socket may still emit; only the current one is listened to.
    s.on('connect', () => {
      if (this.socket === s) this.events.wireConnected();
    });
    s.on('end', () => {
      if (this.socket === s) this.events.wireEnd();
    });
    s.on('error', (err: NodeJS.ErrnoException) => {
      if (this.socket === s) this.events.wireError(err.code ?? 'ERROR');
    });
  }

  write(buf: Buffer): void {
    this.socket?.write(buf);
  }

  destroy(): void {
    const s = this.socket;
    if (s === null) return;
    this.socket = null;
    s.destroy();
  }
}
