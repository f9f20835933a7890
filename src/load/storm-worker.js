// Entry of the storm's worker thread. Node 20 does not pass tsx's loader hooks on to worker
// threads (neither `--import tsx` nor tsx's register() is inherited, and a Worker's execArgv
// ignores --import), so this plain-JS shim registers tsx inside the worker before loading the
// TypeScript. Measured: works under `node --import tsx` and under bin/leaklab.js's register().
import { register } from 'tsx/esm/api';

register();
await import('./storm-worker.ts');
