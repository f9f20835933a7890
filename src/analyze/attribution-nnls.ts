// Non-negative least squares on normal equations (X'X b = X'y, b >= 0), by cyclic coordinate
// descent: attribution has a handful of unknowns (one per mix entry), so the K×K system is tiny
// and the bootstrap can refit it hundreds of times from summed blocks without touching the rows.

/** X'X (row-major, K×K), X'y and the column sums of X, summed over rows; blocks of rows add up. */
export interface NormalEquations {
  k: number;
  xtx: Float64Array;
  xty: Float64Array;
  sums: Float64Array;
  rows: number;
}

export function emptyEquations(k: number): NormalEquations {
  return { k, xtx: new Float64Array(k * k), xty: new Float64Array(k), sums: new Float64Array(k), rows: 0 };
}

export function addRow(eq: NormalEquations, x: readonly number[], y: number): void {
  for (let i = 0; i < eq.k; i++) {
    const xi = x[i] ?? 0;
    if (xi === 0) continue;
    eq.sums[i] = (eq.sums[i] as number) + xi;
    eq.xty[i] = (eq.xty[i] as number) + xi * y;
    for (let j = 0; j < eq.k; j++) eq.xtx[i * eq.k + j] = (eq.xtx[i * eq.k + j] as number) + xi * (x[j] ?? 0);
  }
  eq.rows++;
}

export function addEquations(into: NormalEquations, from: NormalEquations, times = 1): void {
  for (let i = 0; i < into.xtx.length; i++) into.xtx[i] = (into.xtx[i] as number) + times * (from.xtx[i] as number);
  for (let i = 0; i < into.xty.length; i++) into.xty[i] = (into.xty[i] as number) + times * (from.xty[i] as number);
  for (let i = 0; i < into.sums.length; i++) into.sums[i] = (into.sums[i] as number) + times * (from.sums[i] as number);
  into.rows += times * from.rows;
}

/**
 * The non-negative b minimising |Xb - y|² (Lawson-Hanson active set). Coordinate descent was
 * tried first and stalls: the entries' counts all grow with the total, so the columns are nearly
 * collinear and it crawls along the valley for thousands of sweeps.
 */
export function solveNnls(eq: NormalEquations): number[] {
  const { k, xtx, xty } = eq;
  const scale = Math.max(1e-300, ...Array.from({ length: k }, (_, i) => Math.abs(xtx[i * k + i] as number)));
  const tol = 1e-10 * scale;
  const b = new Array<number>(k).fill(0);
  const passive = new Set<number>();
  const gradient = () => Array.from({ length: k }, (_, i) => (xty[i] as number) - dot(xtx, k, i, b));
  for (let outer = 0; outer < 3 * k + 3; outer++) {
    const w = gradient();
    let j = -1;
    for (let i = 0; i < k; i++)
      if (
        !passive.has(i) &&
        (xtx[i * k + i] as number) > 0 &&
        (w[i] as number) > tol * 1e-3 &&
        (j < 0 || (w[i] as number) > (w[j] as number))
      )
        j = i;
    if (j < 0) break;
    passive.add(j);
    for (let inner = 0; inner < 3 * k + 3; inner++) {
      const s = solvePassive(xtx, xty, k, [...passive]);
      if (!s) {
        passive.delete(j);
        break;
      }
      if ([...passive].every((i) => (s[i] as number) > 0)) {
        for (let i = 0; i < k; i++) b[i] = s[i] as number;
        break;
      }
      let alpha = 1;
      for (const i of passive) {
        const si = s[i] as number;
        const bi = b[i] as number;
        if (si <= 0) alpha = Math.min(alpha, bi / (bi - si));
      }
      for (let i = 0; i < k; i++) b[i] = (b[i] as number) + alpha * ((s[i] as number) - (b[i] as number));
      for (const i of [...passive])
        if ((b[i] as number) <= 1e-12 * Math.max(1, Math.abs(s[i] as number))) {
          passive.delete(i);
          b[i] = 0;
        }
    }
  }
  return b.map((v) => Math.max(0, v));
}

function dot(xtx: Float64Array, k: number, row: number, b: readonly number[]): number {
  let sum = 0;
  for (let j = 0; j < k; j++) sum += (xtx[row * k + j] as number) * (b[j] as number);
  return sum;
}

/** The unconstrained solution on the passive columns (others 0), by Gaussian elimination; null if singular. */
function solvePassive(xtx: Float64Array, xty: Float64Array, k: number, cols: number[]): number[] | null {
  const n = cols.length;
  const m = cols.map((i) => [...cols.map((j) => xtx[i * k + j] as number), xty[i] as number]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    if (!(Math.abs(m[pivot]![c]!) > 1e-12 * Math.abs(m[0]![0]! || 1))) return null;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let x = c; x <= n; x++) m[r]![x] = m[r]![x]! - f * m[c]![x]!;
    }
  }
  const out = new Array<number>(k).fill(0);
  cols.forEach((i, r) => {
    out[i] = m[r]![n]! / m[r]![r]!;
  });
  return out;
}
