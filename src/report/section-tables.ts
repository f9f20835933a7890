// The Markdown and HTML shape shared by the per-variant diagnosis tables (attribution, trace):
// a headline, notes, and a table when there are rows. Each table file only says its cells.
import { escapeHtml } from './escape-html.ts';

export interface TableSection<Row> {
  headline: string;
  notes: string[];
  rows: Row[];
}

/** An HTML cell; `code` cells (paths, source lines) are set in <code>. */
export interface HtmlCell {
  text: string;
  code?: boolean;
}

/**
 * Text for a Markdown cell, also inside a `code span`: one line, pipes escaped, no raw HTML, and
 * backticks turned to quotes (entities are not decoded in code spans, so they cannot be used).
 */
export function mdCode(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[|`<>]/g, (c) => (c === '|' ? '\\|' : c === '`' ? "'" : c === '<' ? '&lt;' : '&gt;'));
}

/** `<section class=…>` with an h2, then per section an h3, its notes and its table. */
export function sectionsHtml<Row>(
  className: string,
  title: string,
  sections: readonly TableSection<Row>[],
  headers: readonly string[],
  cells: (row: Row) => HtmlCell[],
): string {
  if (sections.length === 0) return '';
  const td = (c: HtmlCell) => (c.code ? `<td><code>${escapeHtml(c.text)}</code></td>` : `<td>${escapeHtml(c.text)}</td>`);
  const table = (rows: readonly Row[]) =>
    rows.length === 0
      ? ''
      : `<table><thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>
${rows.map((r) => `<tr>${cells(r).map(td).join('')}</tr>`).join('\n')}
</tbody></table>`;
  const body = sections
    .map(
      (s) => `<h3>${escapeHtml(s.headline)}</h3>\n${s.notes.map((n) => `<p>${escapeHtml(n)}</p>`).join('\n')}\n${table(s.rows)}`,
    )
    .join('\n');
  return `<section class="${className}">\n<h2>${escapeHtml(title)}</h2>\n${body}\n</section>\n`;
}
