// The loopback address every target and service binds to, and a free port on it. Load and
// test traffic never leaves loopback (see the README's network rule).
import { createServer } from 'node:net';

export const LOOPBACK = '127.0.0.1';

/** A port nobody listens on right now (the kernel's pick; taken by the caller soon after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
