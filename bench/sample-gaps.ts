// node --import tsx bench/sample-gaps.ts <run dir>...
// The sampler's gaps in a recorded run: the time between one worker's consecutive samples
// (100 ms when nothing holds up the sampling clock), p50/p99/max per run directory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { percentile } from './percentile.ts';

for (const dir of process.argv.slice(2)) {
  const last = new Map<string, number>();
  const gaps: number[] = [];
  for (const line of readFileSync(join(dir, 'samples.csv'), 'utf8').trim().split('\n').slice(1)) {
    const [t, variant, pid] = line.split(',');
    const key = `${variant}/${pid}`;
    const prev = last.get(key);
    if (prev !== undefined) gaps.push(Number(t) - prev);
    last.set(key, Number(t));
  }
  gaps.sort((a, b) => a - b);
  const late = gaps.filter((g) => g > 150).length;
  console.log(
    `${dir}: ${gaps.length} gaps, p50 ${percentile(gaps, 50)} ms, p99 ${percentile(gaps, 99)} ms, max ${gaps.at(-1)} ms, over 150 ms: ${late}`,
  );
}
