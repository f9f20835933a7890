// The Markdown `leaklab ci` writes for a pull request: the comparison, then both runs' summaries
// folded away. Pure. The hidden marker lets a workflow find and update its one comment.
import type { ResolvedRef } from './git.ts';

export const COMMENT_MARKER = '<!-- leaklab -->';

export interface CiMarkdownInput {
  scenario: string;
  base: ResolvedRef;
  head: ResolvedRef;
  /** compare's Markdown, as `leaklab compare --markdown` writes it. */
  comparison: string;
  /** Each run's summary.md; a side that did not run has none. */
  summaries: { base?: string; head?: string };
  /** Set when Ctrl-C stopped the runs: the comment must not look like a verdict. */
  interrupted?: boolean;
  /** Why compare refused the two runs (its message, then its details), when it did. */
  cannotCompare?: string[];
}

export function ciMarkdown(m: CiMarkdownInput): string {
  const lines = [COMMENT_MARKER, `## leaklab: ${m.scenario}, base \`${m.base.short}\` → head \`${m.head.short}\``, ''];
  if (m.interrupted) lines.push('**Interrupted: the runs did not finish, so there is no comparison.**', '');
  else if (m.cannotCompare) {
    const [why = 'the runs cannot be compared', ...details] = m.cannotCompare;
    lines.push(`**Cannot compare: ${why}.**`, '', ...details.map((d) => `- ${d}`), '');
  } else lines.push(demoteHeadings(m.comparison).trimEnd(), '');
  for (const side of ['base', 'head'] as const) {
    const summary = m.summaries[side];
    if (summary === undefined) continue;
    const ref = m[side];
    lines.push(
      '<details>',
      `<summary>${side} ${ref.short}: the run's summary</summary>`,
      '',
      demoteHeadings(summary).trimEnd(),
      '',
      '</details>',
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Headings one level down, so each embedded document sits under the comment's own title. */
export function demoteHeadings(markdown: string): string {
  let fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^(```|~~~)/.test(line)) fenced = !fenced;
      if (fenced || !/^#{1,5} /.test(line)) return line;
      return `#${line}`;
    })
    .join('\n');
}
