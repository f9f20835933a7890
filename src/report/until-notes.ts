// The notes of a variant run until its verdict (--until-verdict): how its storm ended, and a
// word when the live verdict that stopped it is not the final one from the saved data.
import { formatApproxCount, formatSeconds } from '../analyze/format.ts';
import type { VariantRecord } from '../run-data/run-record.ts';

export function untilNotes(v: VariantRecord): string[] {
  const u = v.until;
  if (!u) return [];
  const cap =
    u.capMs !== undefined
      ? `its cap of ${formatSeconds(u.capMs)}`
      : u.capRequests !== undefined
        ? `its cap of ${formatApproxCount(u.capRequests)} requests`
        : 'its cap';
  const live = u.liveVerdict ? `${u.liveVerdict} (${Math.floor((u.liveConfidence ?? 0) * 100)} %)` : 'none yet';
  const lines: string[] = [];
  if (u.stoppedBy === 'verdict') {
    lines.push(
      `Run until decided: the live verdict ${live} was decided after ${formatSeconds(u.decidedAfterMs ?? 0)} of load, so the storm stopped before ${cap}.`,
    );
  } else if (u.stoppedBy === 'cap') {
    lines.push(`Run until decided: no decided verdict before ${cap} (live verdict: ${live}).`);
  } else {
    lines.push(`Run until decided: interrupted before a decision (live verdict: ${live}).`);
  }
  // The final verdict is re-computed from the files (so `leaklab report` agrees): say when it differs.
  if (u.liveVerdict && v.verdict && u.liveVerdict !== v.verdict) {
    lines.push(`The live verdict (${u.liveVerdict}) differs from the final verdict from the saved data (${v.verdict}).`);
  }
  return lines;
}
