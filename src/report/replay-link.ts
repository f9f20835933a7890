// How a page (the demo index) points at a run's replay. A static page cannot start a server, so
// it shows the command that serves one; `?speed=N` on the address that command prints sets the
// speed per viewer.
import { escapeHtml } from './escape-html.ts';

export const DEFAULT_REPLAY_SPEED = 10;

/** `leaklab replay '<dir>' --speed 10`, the directory quoted for a POSIX shell when it needs it. */
export function replayCommand(runDir: string, speed = DEFAULT_REPLAY_SPEED): string {
  const dir = /^[\w./-]+$/.test(runDir) ? runDir : `'${runDir.replace(/'/g, `'\\''`)}'`;
  return `leaklab replay ${dir} --speed ${speed}`;
}

/** The address path of a replay at `speed`, on the server `leaklab replay` prints. */
export function replayPath(speed = DEFAULT_REPLAY_SPEED): string {
  return `/?speed=${encodeURIComponent(String(speed))}`;
}

/** An HTML snippet for an index: the command to copy, as code. */
export function replayCommandHtml(runDir: string, speed = DEFAULT_REPLAY_SPEED): string {
  return `<code class="replay">${escapeHtml(replayCommand(runDir, speed))}</code>`;
}
