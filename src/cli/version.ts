// The version `--version` prints: package.json's, read once, from src/ or dist/ alike.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './paths.ts';

let cached: string | undefined;

export function leaklabVersion(): string {
  cached ??= (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return cached;
}
