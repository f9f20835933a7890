// `--live`: the server and the feed behind one observer the pipeline calls. The command starts
// it before the run and awaits finish() in a finally, so every exit path (an error, Ctrl-C)
// closes the port.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunObserver } from '../pipeline/run-observer.ts';
import { LiveFeed } from './live-feed.ts';
import { type LiveServer, type Playback, startLiveServer } from './live-server.ts';

/** Rows go out at most this often: one browser redraw per batch. */
const FLUSH_MS = 250;

/** vega's and vega-lite's browser builds, from the installed packages (their "exports" hide build/). */
export function vegaAssets(): { vega: string; vegaLite: string } {
  const dirOf = (pkg: string) => dirname(fileURLToPath(import.meta.resolve(pkg)));
  return { vega: join(dirOf('vega'), 'vega.min.js'), vegaLite: join(dirOf('vega-lite'), 'vega-lite.min.js') };
}

export interface LiveSession {
  url: string;
  observer: RunObserver;
  /**
   * Once a viewer is watching, waits (at most `lingerMs`, less if `signal` aborts) for the page
   * to fetch the finished report before closing; with no viewer it closes at once.
   */
  finish(opts?: { lingerMs?: number; signal?: AbortSignal }): Promise<void>;
}

export async function startLiveSession(opts: { port?: number; navigateToReport?: boolean } = {}): Promise<LiveSession> {
  const server = await startLiveServer({ assets: vegaAssets(), ...(opts.port === undefined ? {} : { port: opts.port }) });
  const feed = new LiveFeed((m) => server.publish(m));
  const timer = setInterval(() => feed.flush(), FLUSH_MS);
  let report: string | undefined;
  const observer: RunObserver = {
    runStart: (info) => feed.runStart(info),
    variantStart: (name) => feed.variantStart(name),
    sample: (s) => feed.sample(s),
    liveVerdict: (variant, status) => feed.liveVerdict(variant, status),
    runEnd: (record, reportHtml) => {
      report = server.addFile(`/runs/${encodeURIComponent(record.runId)}/report.html`, reportHtml);
      feed.runEnd(record, report, opts.navigateToReport ?? true);
    },
  };
  return {
    url: server.url,
    observer,
    async finish({ lingerMs = 10_000, signal } = {}) {
      clearInterval(timer);
      feed.flush();
      if (report && server.stats().viewers > 0) await waitForFetch(server, report, lingerMs, signal);
      await server.close();
    },
  };
}

/** Replay: a server whose every viewer gets its own playback. */
export async function startReplayServer(
  playback: Playback,
  opts: { port?: number; onPlaybackEnd?: (completed: boolean) => void },
): Promise<LiveServer> {
  return startLiveServer({ assets: vegaAssets(), playback, ...opts });
}

async function waitForFetch(server: LiveServer, path: string, maxMs: number, signal?: AbortSignal): Promise<void> {
  const until = Date.now() + maxMs;
  while (!server.stats().fetched.has(path) && Date.now() < until && !signal?.aborted) {
    await new Promise((r) => setTimeout(r, 100));
  }
}
