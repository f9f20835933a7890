// Durations in scenario files and flags: "20s", "500ms", "2m", "1m30s". A bare number is
// refused: `interval: 100` read as seconds when the default is 100 ms made a run 1000x too slow.

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds, or null when the text is not a duration with units. */
export function parseDurationMs(value: string | number): number | null {
  if (typeof value === 'number') return null;
  const text = value.trim();
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return null;
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT_MS[p[2] as string] ?? 0), 0);
  return ms > 0 ? ms : null;
}

/** Why a value is not a duration, in words a user can act on (null when it is one). */
export function durationProblem(value: string | number): string | null {
  if (parseDurationMs(value) !== null) return null;
  const bare = typeof value === 'number' ? String(value) : value.trim();
  if (/^-?\d+(\.\d+)?$/.test(bare)) return `${bare} has no unit: write ${bare}ms or ${bare}s`;
  return `"${value}" is not a duration (try "20s", "500ms" or "2m")`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  return s < 60 ? `${Number(s.toFixed(1))}s` : `${Math.floor(s / 60)}m${Math.round(s % 60)}s`;
}
