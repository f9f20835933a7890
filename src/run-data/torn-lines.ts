// Run files are appended a line at a time, each ending in "\n": a last line without one was cut
// by an interrupted run (or a full disk) and is dropped with a warning rather than misread.

export interface NumberedLines {
  /** Complete lines with their 1-based line numbers; blank lines left out. */
  lines: { n: number; text: string }[];
  /** The line number of a dropped unterminated last line, if there was one. */
  tornLine?: number;
}

export function completeLines(text: string): NumberedLines {
  const all = text.split('\n');
  const last = all.pop() ?? '';
  const lines = all.map((t, i) => ({ n: i + 1, text: t })).filter((l) => l.text.trim() !== '');
  return last.trim() === '' ? { lines } : { lines, tornLine: all.length + 1 };
}

export function tornLineWarning(file: string, line: number): string {
  return `${file}:${line}: the last line is cut short (no newline): dropped`;
}
