#!/usr/bin/env node
// Runs the JavaScript that `npm run build` compiled into dist/ (npm install builds it).
// Compiling the TypeScript at every start (tsx) cost ~0.4 s and ~80 MB before any work.
import { fileURLToPath } from 'node:url';
import { distState } from './dist-state.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = distState(root);
if (dist.state === 'missing') {
  // Not built on the fly: that needs typescript (a dev dependency) and writes into the package.
  process.stderr.write(`leaklab: not built (no dist/cli/main.js): run \`npm run build\` in ${root}\n`);
  process.exit(3);
}
if (dist.state === 'stale') {
  process.stderr.write(
    `leaklab: ${dist.newer} changed after the last build; running the old build (\`npm run build\` updates it)\n`,
  );
}
// Stack traces name the TypeScript lines, but only when asked: source maps slow every import.
if (process.argv.includes('--verbose')) process.setSourceMapsEnabled(true);
await import('../dist/cli/main.js');
