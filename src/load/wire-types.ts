// The wire's interfaces, apart from the factory in wire.ts that picks an implementation, so the
// implementations can import them without importing each other through it.

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
