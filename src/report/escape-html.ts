// A leaf module: the table files that html.ts reaches through variant-rows.ts need it too.

/** Every string that came from a scenario file, a run or a process goes through this. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
