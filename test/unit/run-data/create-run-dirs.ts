// A child process for run-dir.test.ts: waits for the shared start time, then claims run
// directories as fast as it can and prints them, one a line.
import { createRunDir } from '../../../src/run-data/run-dir.ts';

const [root = '', runId = '', startAt = '0', count = '1'] = process.argv.slice(2);
const waitMs = Number(startAt) - Date.now();
if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
const dirs = Array.from({ length: Number(count) }, () => createRunDir(root, runId).dir);
process.stdout.write(`${dirs.join('\n')}\n`);
