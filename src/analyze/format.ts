// Human-readable figures for explanations, summary.md, the terminal and the HTML report.
// Binary units (1 KiB = 1024 B) because RSS is counted in pages and the charts are in MiB;
// labels say KiB/MiB so nobody has to guess which kilo was meant.

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** "2.7 KiB", "27 MiB", "512 B", "-1.6 MiB": 2 significant figures below 10, whole numbers above. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  let unit = 0;
  while (unit < UNITS.length - 1 && roundForUnit(value) >= 1024) {
    value /= 1024;
    unit += 1;
  }
  const text = stripZero(roundForUnit(value).toFixed(value < 9.95 ? 1 : 0));
  return text === '0' ? '0 B' : `${sign}${text} ${UNITS[unit]}`;
}

/** A slope: "2.7 KiB/request". */
export function formatSlope(bytesPerRequest: number): string {
  return `${formatBytes(bytesPerRequest)}/request`;
}

/** An interval, with the unit once when both ends share it: "2.6–2.8 KiB", "900 B–1.2 KiB". */
export function formatByteRange(low: number, high: number): string {
  const a = formatBytes(low);
  const b = formatBytes(high);
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
  return `${stripZero((ms / 1000).toFixed(1))} s`;
}

function roundForUnit(value: number): number {
  return value < 9.95 ? Math.round(value * 10) / 10 : Math.round(value);
}

function stripZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}
