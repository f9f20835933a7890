// Runs a tiny storm with the storm module given as argv[2] (a file URL), in a plain `node`
// (no tsx): proves the compiled worker thread loads on its own, as the CLI runs it.
import { printTinyStorm } from '../fixtures/tiny-storm.js';

const { runStorm } = await import(process.argv[2]);
await printTinyStorm(runStorm);
