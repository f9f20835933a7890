// In-process HTTP servers for the storm tests.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  port: number;
  server: http.Server;
  /** Requests the server has seen, by path prefix. */
  seen: Map<string, number>;
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

export type Mode = 'keep-alive' | 'close';

/**
 * Paths: /ok -> 200 with a small body, /missing -> 404, /chunked -> 200 chunked,
 * /hang -> never answers. In 'close' mode every response says Connection: close and the
 * server closes, like Gunicorn's sync worker.
 */
export async function startServer(mode: Mode): Promise<TestServer> {
  const seen = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    const key = path.split('/')[1] ?? '';
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (mode === 'close') res.setHeader('Connection', 'close');
    if (path.startsWith('/hang')) return;
    if (path.startsWith('/missing')) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    if (path.startsWith('/chunked')) {
      res.write('part one,');
      res.end('part two');
      return;
    }
    res.end('ok');
  });
  server.keepAliveTimeout = 30_000;
  let accepted = 0;
  server.on('connection', () => accepted++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    server,
    seen,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Where a storm goes to reach `srv`, and whether it keeps its connections open. */
export function stormTarget(srv: TestServer, keepAlive: boolean): { host: string; port: number; keepAlive: boolean } {
  return { host: '127.0.0.1', port: srv.port, keepAlive };
}
