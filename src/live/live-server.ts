// The live view's HTTP server: the page, vega's build files from node_modules (no CDN, works
// offline), the message stream as server-sent events, and the finished reports. It binds
// 127.0.0.1 only and answers only requests addressed to a loopback name, so a web page the
// viewer has open elsewhere cannot reach it through DNS rebinding.
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InputError } from '../core/errors.ts';
import { LIVE_ASSETS, livePage } from '../report/live-page.ts';
import { encodeSse, type LiveMessage } from './messages.ts';

export const LIVE_HOST = '127.0.0.1';

/** Plays messages to one viewer (a replay starts over for each page load); resolves when done. */
export type Playback = (
  send: (m: LiveMessage) => void,
  query: URLSearchParams,
  signal: AbortSignal,
  /** Resolves once the viewer's page has built its chart (GET /ready?viewer=…), so no frame lands before it. */
  ready: Promise<void>,
) => Promise<void>;

export interface LiveServerOptions {
  /** 0 (the default): a free port. */
  port?: number;
  /** Where vega.min.js and vega-lite.min.js are read from. */
  assets: { vega: string; vegaLite: string };
  /** Replay: each viewer gets its own playback. Without it, every viewer gets what was published. */
  playback?: Playback;
  /** Hears that a playback's stream was closed: played to its end (`completed`), or its viewer left. */
  onPlaybackEnd?: (completed: boolean) => void;
}

export interface LiveServer {
  url: string;
  port: number;
  /** Live: to every viewer now, and to later ones (a `run` message starts the history afresh). */
  publish(m: LiveMessage): void;
  /** Serves `file` at `path` (a finished report.html); returns its URL path. */
  addFile(path: string, file: string): string;
  /** Viewers that ever opened the stream, and the served files' paths fetched so far. */
  stats(): { viewers: number; fetched: ReadonlySet<string> };
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

export async function startLiveServer(o: LiveServerOptions): Promise<LiveServer> {
  const page = livePage();
  const history: LiveMessage[] = [];
  const streams = new Set<ServerResponse>();
  const files = new Map<string, string>([
    [LIVE_ASSETS.vega, o.assets.vega],
    [LIVE_ASSETS.vegaLite, o.assets.vegaLite],
  ]);
  const fetched = new Set<string>();
  const playbacks = new Set<AbortController>();
  const readiness = new Map<string, () => void>();
  let viewers = 0;
  let port = 0;
  let nextId = 0;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('leaklab live view: loopback only\n');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${LIVE_HOST}:${port}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' }).end(page);
      return;
    }
    if (url.pathname === '/events') {
      viewers++;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': leaklab\n\n');
      if (o.playback) {
        const stop = new AbortController();
        playbacks.add(stop);
        res.on('close', () => stop.abort());
        const viewer = url.searchParams.get('viewer') ?? '';
        const ready = new Promise<void>((r) => readiness.set(viewer, r));
        res.on('close', () => readiness.delete(viewer));
        o.playback((m) => res.write(encodeSse(m, nextId++)), url.searchParams, stop.signal, ready)
          .catch(() => undefined)
          .finally(() => {
            playbacks.delete(stop);
            // Ends the stream for good: an EventSource reconnects (and would replay again) when a stream just closes.
            if (stop.signal.aborted) {
              res.end();
              o.onPlaybackEnd?.(false);
            } else res.end('event: done\ndata: end\n\n', () => o.onPlaybackEnd?.(true));
          });
        return;
      }
      for (const m of history) res.write(encodeSse(m));
      streams.add(res);
      res.on('close', () => streams.delete(res));
      return;
    }
    if (url.pathname === '/ready') {
      readiness.get(url.searchParams.get('viewer') ?? '')?.();
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = files.get(url.pathname);
    if (file && existsSync(file)) {
      fetched.add(url.pathname);
      const ext = url.pathname.slice(url.pathname.lastIndexOf('.'));
      res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE' || err.code === 'EACCES'
          ? new InputError(`port ${o.port} of ${LIVE_HOST} cannot be used (${err.code})`, {
              hint: 'pick another --port, or leave it out for a free one',
            })
          : err,
      ),
    );
    server.listen(o.port ?? 0, LIVE_HOST, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${LIVE_HOST}:${port}/`,
    port,
    publish(m) {
      if (m.type === 'run') history.length = 0;
      history.push(m);
      const text = encodeSse(m);
      for (const res of streams) res.write(text);
    },
    addFile(path, file) {
      files.set(path, file);
      return path;
    },
    stats: () => ({ viewers, fetched }),
    async close() {
      for (const stop of playbacks) stop.abort();
      for (const res of streams) res.end('event: done\ndata: end\n\n');
      streams.clear();
      // Streams ended above finish sending first; a connection still open after a second is cut.
      const cut = setTimeout(() => server.closeAllConnections(), 1000);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      clearTimeout(cut);
    },
  };
}
