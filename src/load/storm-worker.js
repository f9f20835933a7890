// Entry of the storm's worker thread when leaklab runs from src/ under tsx (the unit tests).
// The CLI runs dist/, where storm-worker.ts compiles to this same name and this file is not
// copied. Node 20 does not pass tsx's loader hooks on to worker threads (neither `--import tsx`
// nor register() is inherited, and a Worker's execArgv ignores --import), so this shim
// registers tsx inside the worker before loading the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./storm-worker.ts');
