// The live judge's thread (see startUntilVerdict): a LiveVerdictFeed fed each clock tick's
// samples and events, answering with its status, so its evaluations never hold up the main
// thread's sampling clock or the storm's progress.
import { parentPort, workerData } from 'node:worker_threads';
import { type FromJudge, LiveVerdictFeed, type LiveVerdictOptions, type ToJudge } from './live-verdict.ts';

/**
 * After an evaluation that took d ms, the next waits at least REST × d: the judge then takes at
 * most 1/(1 + REST) of a core. An evaluation re-analyses whole lives, so it grows with them
 * (replayed at load average ~30: 0.6 s median at 60 s of storm, 1.9 s at 150 s), and on two
 * shared cores it would otherwise take CPU from the Gunicorn workers it is measuring. Not more:
 * a decision needs 3 agreeing evaluations, so each rest delays it three times.
 */
const REST = 1;

const feed = new LiveVerdictFeed(workerData as LiveVerdictOptions);
const port = parentPort;
if (!port) throw new Error('live-verdict-worker runs as a worker thread');
let restUntil = 0;
port.on('message', (m: ToJudge) => {
  feed.addSamples(m.samples);
  feed.addEvents(m.events);
  const started = performance.now();
  const status = started >= restUntil ? feed.evaluate() : feed.status();
  const took = performance.now() - started;
  if (started >= restUntil) restUntil = started + took * (1 + REST);
  const decidedAtMs = feed.decidedAtMs();
  port.postMessage({
    ...(status ? { status } : {}),
    ...(decidedAtMs === undefined ? {} : { decidedAtMs }),
    evaluations: feed.evaluations,
  } satisfies FromJudge);
});
