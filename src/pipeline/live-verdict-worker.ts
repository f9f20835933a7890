// The live judge's thread (see startUntilVerdict): a LiveVerdictFeed fed each clock tick's
// samples and events, answering with its status, so its evaluations never hold up the main
// thread's sampling clock or the storm's progress.
import { parentPort, workerData } from 'node:worker_threads';
import { type FromJudge, LiveVerdictFeed, type LiveVerdictOptions, type ToJudge } from './live-verdict.ts';

const feed = new LiveVerdictFeed(workerData as LiveVerdictOptions);
const port = parentPort;
if (!port) throw new Error('live-verdict-worker runs as a worker thread');
port.on('message', (m: ToJudge) => {
  feed.addSamples(m.samples);
  feed.addEvents(m.events);
  const status = feed.evaluate();
  const decidedAtMs = feed.decidedAtMs();
  port.postMessage({
    ...(status ? { status } : {}),
    ...(decidedAtMs === undefined ? {} : { decidedAtMs }),
    evaluations: feed.evaluations,
  } satisfies FromJudge);
});
