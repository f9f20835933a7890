// Loopback helpers for the services: a free port, and one request/response exchange on TCP.
import { createConnection } from 'node:net';
import { LOOPBACK } from '../core/loopback.ts';

export { freePort, LOOPBACK } from '../core/loopback.ts';

/** Sends `payload`, resolves with what came back once `done(received)` says so; rejects on error or timeout. */
export function exchange(port: number, payload: string, done: (received: string) => boolean, timeoutMs = 1000): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = createConnection({ host: LOOPBACK, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer'));
    }, timeoutMs);
    socket.on('connect', () => socket.write(payload));
    socket.on('data', (d) => {
      received += d.toString('utf8');
      if (done(received)) {
        clearTimeout(timer);
        socket.end();
        resolve(received);
      }
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      reject(new Error(`connection closed (${JSON.stringify(received)})`));
    });
  });
}
