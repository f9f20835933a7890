// Starts with tsx registered through its API (no --import flag), then runs a
// tiny storm: proves the storm's worker thread loads its TypeScript in that setup too.
import { register } from 'tsx/esm/api';
import { printTinyStorm } from '../fixtures/tiny-storm.js';

register();
const { runStorm } = await import('../../../src/load/storm.ts');
await printTinyStorm(runStorm);
