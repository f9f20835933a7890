// Runs a tiny storm in the bundled storm worker given as argv[2] (a file path), in a plain `node`
// (no tsx): proves the built worker thread loads on its own, as the CLI runs it. It speaks the
// worker's messages itself: bundled, runStorm lives in a chunk with no stable name.
import { Worker } from 'node:worker_threads';
import { printTinyStorm } from '../fixtures/tiny-storm.js';

function runStorm(options) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(process.argv[2], { workerData: options });
    worker.on('message', (m) => {
      if (m.type === 'done') resolve(m.stats);
      if (m.type === 'failed') reject(new Error(m.message));
    });
    worker.on('error', reject);
  });
}

await printTinyStorm(runStorm);
