// Per-request path tokens: `{seq}` (a storm-wide counter) and `{rand:LOW:HIGH}` (a uniform
// integer). Compiled once per RequestSpec so that filling a path is a join, not a regex.
import { randomInt } from '../core/prng.ts';

export type PathPart = { kind: 'text'; text: string } | { kind: 'seq' } | { kind: 'rand'; low: number; high: number };

export interface PathTemplate {
  parts: PathPart[];
  /** True when the path has no tokens, so its request bytes can be built once. */
  isStatic: boolean;
}

const TOKEN = /\{([^{}]*)\}/g;
const RAND = /^rand:(-?\d+):(-?\d+)$/;

/** Parses a path; throws on an unknown or malformed token, so a typo fails before the storm. */
export function compilePathTemplate(path: string): PathTemplate {
  const parts: PathPart[] = [];
  let last = 0;
  for (const m of path.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    if (at > last) parts.push({ kind: 'text', text: path.slice(last, at) });
    parts.push(parseToken(m[1] ?? '', path));
    last = at + m[0].length;
  }
  if (last < path.length) parts.push({ kind: 'text', text: path.slice(last) });
  return { parts, isStatic: parts.every((p) => p.kind === 'text') };
}

function parseToken(token: string, path: string): PathPart {
  if (token === 'seq') return { kind: 'seq' };
  const m = RAND.exec(token);
  if (m) {
    const low = Number(m[1]);
    const high = Number(m[2]);
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || low > high) {
      throw new Error(`bad {rand:LOW:HIGH} token in path "${path}": need integers with LOW <= HIGH`);
    }
    return { kind: 'rand', low, high };
  }
  throw new Error(`unknown token {${token}} in path "${path}" (known: {seq}, {rand:LOW:HIGH})`);
}

/**
 * Fills a compiled path. `seq` is the storm-wide request index from 0; {seq} prints it from 1,
 * as ids are numbered (the sample app's customers start at 1: request 0 asked for id 0 and got
 * a 400, one failed request per dict-cache variant). `random` gives [0, 1).
 */
export function expandPath(t: PathTemplate, seq: number, random: () => number): string {
  let out = '';
  for (const p of t.parts) {
    if (p.kind === 'text') out += p.text;
    else if (p.kind === 'seq') out += seq + 1;
    else out += randomInt(p.low, p.high, random);
  }
  return out;
}
