// Fitting text to a terminal's width. A line longer than the terminal wraps on its own, which
// breaks a table's columns and, for a line redrawn in place with \r, leaves the wrapped half
// behind on every redraw: so text is wrapped here at word boundaries, and a live line is cut.

/** The width assumed when the terminal does not say (a pipe, CI logs). */
export const DEFAULT_COLUMNS = 100;

/** Code points, not UTF-16 units: the bar's █ and ░ are one column each, as are ✓ and ✗. */
export function textWidth(text: string): number {
  return [...text].length;
}

/** Cut to at most `width` columns, with … as the last column when anything was cut. */
export function cutToWidth(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 0) return '';
  return `${chars.slice(0, width - 1).join('')}…`;
}

/**
 * Wraps at spaces to lines of at most `width` columns, each prefixed by `indent` (counted in the
 * width), the first by `firstIndent` (a hanging indent when it is shorter). A word longer than a
 * line (a path) is cut into pieces rather than overflowing.
 */
export function wrapText(text: string, width: number, indent = '', firstIndent = indent): string[] {
  const room = Math.max(10, width - Math.max(textWidth(indent), textWidth(firstIndent)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (const piece of pieces(word, room)) {
      if (line && textWidth(line) + 1 + textWidth(piece) > room) {
        lines.push(line);
        line = piece;
      } else line = line ? `${line} ${piece}` : piece;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines.map((l, i) => `${i === 0 ? firstIndent : indent}${l}`);
}

function pieces(word: string, room: number): string[] {
  const chars = [...word];
  if (chars.length <= room) return [word];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += room) out.push(chars.slice(i, i + room).join(''));
  return out;
}
