// Turns RequestSpecs into request bytes. Everything but the path is fixed per spec, so it is
// encoded once; a spec without tokens is one prebuilt Buffer written as-is on every request.

import { compilePathTemplate, expandPath, type PathTemplate } from './path-template.ts';
import type { RequestSpec } from './types.ts';

interface CompiledSpec {
  prefix: string; // "GET "
  template: PathTemplate;
  suffix: string; // " HTTP/1.1\r\nHost: ...\r\n\r\n" + body
  prebuilt: Buffer | null;
  isHead: boolean;
}

export class RequestMix {
  private readonly specs: CompiledSpec[];
  /** Cumulative weights normalised to end at 1, for one draw per pick. */
  private readonly cumulative: Float64Array;
  /** Normalised weights. */
  private readonly weights: number[];
  private readonly cycleLength: number;
  private cycle: number[] = [];
  private cyclePos = 0;

  /** `cycleLength` > 1: entries come in shuffled cycles of that many requests (StormOptions.entryCycle). */
  constructor(requests: RequestSpec[], host: string, port: number, keepAlive: boolean, cycleLength = 1) {
    this.cycleLength = Math.max(1, Math.floor(cycleLength));
    if (requests.length === 0) throw new Error('a storm needs at least one RequestSpec');
    // A mix of several entries tags each request with its entry, so the Gunicorn hooks can count
    // per entry per worker (attribution); a single entry needs no tag and keeps its bytes.
    this.specs = requests.map((r, i) => compileSpec(r, host, port, keepAlive, requests.length > 1 ? i : undefined));
    const weights = requests.map((r) => r.weight ?? 1);
    if (weights.some((w) => !(w >= 0) || !Number.isFinite(w))) throw new Error('RequestSpec weight must be a finite number >= 0');
    const total = weights.reduce((a, b) => a + b, 0);
    if (!(total > 0)) throw new Error('RequestSpec weights sum to 0');
    this.weights = weights.map((w) => w / total);
    this.cumulative = new Float64Array(weights.length);
    let acc = 0;
    weights.forEach((w, i) => {
      acc += w;
      this.cumulative[i] = acc / total;
    });
    this.cumulative[weights.length - 1] = 1;
  }

  get size(): number {
    return this.specs.length;
  }

  /** Index of a spec drawn by weight (or the next of the current cycle, with `cycle`). */
  pick(random: () => number): number {
    if (this.cumulative.length === 1) return 0;
    if (this.cycleLength <= 1) return this.draw(random);
    if (this.cyclePos >= this.cycle.length) this.newCycle(random);
    return this.cycle[this.cyclePos++] as number;
  }

  /**
   * One cycle: each entry's share of `cycleLength` requests as one consecutive run, the runs in a
   * fresh random order. Shares are exact at every cycle's end (the verdict's curve is the same
   * mix at any scale above a cycle), while within a cycle each entry's count strays from its
   * share by up to its whole run: the contrast attribution needs.
   */
  private newCycle(random: () => number): void {
    const order = this.weights.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    this.cycle = [];
    for (const entry of order) {
      const run = Math.round(this.cycleLength * (this.weights[entry] as number));
      for (let n = 0; n < run; n++) this.cycle.push(entry);
    }
    if (this.cycle.length === 0) this.cycle.push(this.draw(random));
    this.cyclePos = 0;
  }

  private draw(random: () => number): number {
    const c = this.cumulative;
    const r = random();
    for (let i = 0; i < c.length; i++) if (r < (c[i] as number)) return i;
    return c.length - 1;
  }

  isHead(index: number): boolean {
    return (this.specs[index] as CompiledSpec).isHead;
  }

  /** The bytes of one request of spec `index`; `seq` and `random` fill the path's tokens. */
  build(index: number, seq: number, random: () => number): Buffer {
    const s = this.specs[index] as CompiledSpec;
    if (s.prebuilt) return s.prebuilt;
    return Buffer.from(s.prefix + expandPath(s.template, seq, random) + s.suffix);
  }
}

/** The header the hooks read (HTTP_X_LEAKLAB_ENTRY): the request's index in the mix. */
export const ENTRY_HEADER = 'X-Leaklab-Entry';

function compileSpec(r: RequestSpec, host: string, port: number, keepAlive: boolean, entry?: number): CompiledSpec {
  const method = r.method.toUpperCase();
  if (!/^[A-Z]+$/.test(method)) throw new Error(`bad HTTP method "${r.method}"`);
  if (!r.path.startsWith('/')) throw new Error(`request path must start with "/": "${r.path}"`);
  if (/[\s]/.test(r.path)) throw new Error(`request path must not contain whitespace: "${r.path}"`);
  const template = compilePathTemplate(r.path);
  const lines = [`Host: ${hostHeader(host, port)}`];
  let hasConnection = false;
  for (const [name, value] of Object.entries(r.headers ?? {})) {
    const lower = name.toLowerCase();
    if (/[\r\n]/.test(name + value)) throw new Error(`header ${name} contains a line break`);
    // The engine owns framing: a caller's Content-Length could disagree with the body.
    if (lower === 'content-length' || lower === 'transfer-encoding') continue;
    if (lower === 'host') {
      lines[0] = `Host: ${value}`;
      continue;
    }
    if (lower === 'connection') hasConnection = true;
    lines.push(`${name}: ${value}`);
  }
  if (entry !== undefined) lines.push(`${ENTRY_HEADER}: ${entry}`);
  // Saying so lets any server close at once; Gunicorn's sync worker closes regardless.
  if (!keepAlive && !hasConnection) lines.push('Connection: close');
  const body = r.body ?? '';
  if (body.length > 0 || !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(method)) {
    lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  }
  const prefix = `${method} `;
  const suffix = ` HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
  const prebuilt = template.isStatic ? Buffer.from(prefix + r.path + suffix) : null;
  return { prefix, template, suffix, prebuilt, isHead: method === 'HEAD' };
}

function hostHeader(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
