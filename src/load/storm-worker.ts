// Runs one storm inside a worker thread, so the busy request loop never delays the
// sampler's timers on the main thread. Talks to storm.ts by messages only.
import { parentPort, workerData } from 'node:worker_threads';
import { type EngineOptions, StormEngine } from './engine.ts';
import type { MainToWorker, WorkerToMain } from './storm-messages.ts';

const PROGRESS_EVERY_MS = 250;

const port = parentPort;
if (port === null) throw new Error('storm-worker must run in a worker thread');

const post = (m: WorkerToMain): void => port.postMessage(m);

try {
  const engine = new StormEngine(workerData as EngineOptions);
  port.on('message', (m: MainToWorker) => {
    if (m.type === 'stop') engine.stop();
  });
  const cpuBefore = process.cpuUsage();
  const ticker = setInterval(() => post({ type: 'progress', progress: engine.progress() }), PROGRESS_EVERY_MS);
  const stats = await engine.run();
  clearInterval(ticker);
  const cpu = process.cpuUsage(cpuBefore);
  post({ type: 'progress', progress: engine.progress() });
  post({ type: 'done', stats, cpuMs: (cpu.user + cpu.system) / 1000 });
} catch (err) {
  post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
}
port.close();
