// Human-readable figures for explanations, summary.md, the terminal and the HTML report.
// Binary units (1 KiB = 1024 B) because RSS is counted in pages and the charts are in MiB;
// labels say KiB/MiB so nobody has to guess which kilo was meant.

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/**
 * "2.7 KiB", "27 MiB", "512 B", "-1.6 MiB": one decimal below 10, whole numbers above;
 * `decimals` asks for that many decimals below 10 and one fewer above (for intervals).
 */
export function formatBytes(bytes: number, decimals = 1): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (unit < UNITS.length - 1 && roundForUnit(value, decimals) >= 1024) {
    value /= 1024;
    unit += 1;
  }
  const rounded = roundForUnit(value, decimals);
  const text = stripZeros(rounded.toFixed(places(rounded, decimals)));
  return text === '0' ? '0 B' : `${sign}${text} ${UNITS[unit]}`;
}

/** A slope: "2.7 KiB/request". */
export function formatSlope(bytesPerRequest: number): string {
  return `${formatBytes(bytesPerRequest)}/request`;
}

/**
 * An interval, with the unit once when both ends share it: "2.6–2.8 KiB", "900 B–1.2 KiB".
 * Ends that differ but would print alike get more decimals: "2.73–2.76 KiB".
 */
export function formatByteRange(low: number, high: number): string {
  let decimals = 1;
  while (decimals < 3 && low !== high && formatBytes(low, decimals) === formatBytes(high, decimals)) decimals += 1;
  const a = formatBytes(low, decimals);
  const b = formatBytes(high, decimals);
  const unitA = a.slice(a.lastIndexOf(' '));
  const unitB = b.slice(b.lastIndexOf(' '));
  return unitA === unitB ? `${a.slice(0, -unitA.length)}–${b}` : `${a}–${b}`;
}

/** An exact count with thousands separators: 41237 -> "41,237". */
export function formatCount(n: number): string {
  const digits = String(Math.round(Math.abs(n)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 && grouped !== '0' ? `-${grouped}` : grouped;
}

/** A count rounded to 2 significant figures for prose: 41237 -> "41,000", 7412 -> "7,400". */
export function formatApproxCount(n: number): string {
  const abs = Math.abs(n);
  if (abs < 100) return formatCount(n);
  const magnitude = 10 ** (Math.floor(Math.log10(abs)) - 1);
  return formatCount(Math.round(n / magnitude) * magnitude);
}

/** A duration in seconds for prose: 12345 ms -> "12.3 s". */
export function formatSeconds(ms: number): string {
  return `${stripZeros((ms / 1000).toFixed(1))} s`;
}

function places(value: number, decimals: number): number {
  return value < 10 ? decimals : Math.max(0, decimals - 1);
}

function roundForUnit(value: number, decimals: number): number {
  const scale = 10 ** places(value, decimals);
  const rounded = Math.round(value * scale) / scale;
  // 9.96 rounds to 10.0 at one decimal: it belongs with the whole numbers.
  return rounded >= 10 && value < 10 ? Math.round(value * 10 ** places(10, decimals)) / 10 ** places(10, decimals) : rounded;
}

function stripZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
