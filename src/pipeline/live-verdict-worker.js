// Entry of the live judge's worker thread when leaklab runs from src/ under tsx (the unit
// tests); dist/ has the compiled live-verdict-worker.ts under this name. Node 20 does not pass
// tsx's loader hooks on to worker threads, so this shim registers tsx before loading the
// TypeScript (as src/load/storm-worker.js does).
import { register } from 'tsx/esm/api';

register();
await import('./live-verdict-worker.ts');
