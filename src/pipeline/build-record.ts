// Analysis of saved data into the contract's variant records. Pure: `leaklab run` and
// `leaklab report` both call it on what is on disk, so a re-render always agrees with the run.
// The collected record is kept whole and only the fields analysis owns are replaced, so a new
// collected field needs no edit here and a new analysed one is one line in analysisFields.
import { analyzeVariant } from '../analyze/analyze-variant.ts';
import { explainCelery, summarizeCelery } from '../analyze/celery-summary.ts';
import { medianHigh } from '../analyze/robust-stats.ts';
import { DEFAULT_THRESHOLDS } from '../analyze/thresholds.ts';
import type { Thresholds, VariantAnalysis } from '../analyze/types.ts';
import type { VariantRecord } from '../run-data/run-record.ts';
import { isWebSample, type Sample, type Verdict, type WorkerEvent } from '../run-data/types.ts';

/** What analysis needs from the scenario beyond the record: its thresholds and warm-up time. */
export interface AnalysisSettings {
  thresholds: Partial<Thresholds>;
  /** Load before which growth is always warm-up, from the scenario's load.warmup. */
  warmupMs?: number;
}

/** The record as collection left it, analysed: verdict, slope, growth, restarts and the detail behind them. */
export function analysedRecord(
  collected: VariantRecord,
  settings: AnalysisSettings,
  samples: readonly Sample[],
  events: readonly WorkerEvent[],
): VariantRecord {
  // An interrupted variant is judged on what it gathered (too little data reads as inconclusive).
  const measured = collected.status === 'complete' || collected.status === 'interrupted';
  // The verdict is the web workers'; a Celery worker's processes get a line of their own.
  const web = samples.filter(isWebSample);
  const celery = measured ? summarizeCelery(samples) : null;
  const judged = measured && web.length > 0 ? analyse(web, events, settings) : undefined;
  const analysis = judged && celery ? { ...judged, explanation: [...judged.explanation, explainCelery(celery)] } : judged;
  return definedOnly({
    ...collected,
    // Two decimals in run.json whoever wrote the figure.
    requestsPerSecond: round(collected.requestsPerSecond),
    ...analysisFields(analysis, collected.expected),
    celery: celery ?? undefined,
  });
}

/**
 * Every field analysis owns, in one place. Each is always listed (undefined when there is no
 * analysis), so re-analysing a record replaces or drops every one: running twice gives the same run.json.
 */
function analysisFields(analysis: VariantAnalysis | undefined, expected: Verdict | undefined) {
  return {
    verdict: analysis?.verdict,
    expectationMet: analysis && expected ? analysis.verdict === expected : undefined,
    slopeBytesPerRequest: analysis ? round(analysis.slope.bytesPerRequest) : 0,
    growthBytes: analysis ? Math.round(analysis.growthBytes) : 0,
    workerRestarts: analysis?.restarts.length ?? 0,
    requestsNeeded: analysis?.requestsNeeded,
    analysis,
  } satisfies Partial<VariantRecord>;
}

function analyse(samples: readonly Sample[], events: readonly WorkerEvent[], settings: AnalysisSettings): VariantAnalysis {
  return analyzeVariant([...samples], [...events], analysisOptions(samples, settings));
}

/** The thresholds and warm-up floor a variant is judged with; the live judge (--until-verdict) uses the same. */
export function analysisOptions(
  samples: readonly Sample[],
  settings: AnalysisSettings,
): { thresholds: Partial<Thresholds>; scenarioWarmupRequests?: number } {
  const thresholds = { ...settings.thresholds };
  const floor = warmupFloorRequests(samples, settings.warmupMs);
  if (floor !== null)
    thresholds.minWarmupRequests = Math.max(thresholds.minWarmupRequests ?? DEFAULT_THRESHOLDS.minWarmupRequests, floor);
  // The default floor gives way to a slow view's 50th sample; a floor the scenario names
  // (load.warmup, or thresholds.minWarmupRequests) is the user's word and always holds.
  const hardFloor = Math.max(floor ?? 0, settings.thresholds.minWarmupRequests ?? 0);
  return { thresholds, ...(hardFloor > 0 ? { scenarioWarmupRequests: hardFloor } : {}) };
}

/** Median requests per worker served by the end of the scenario's warm-up time. */
export function warmupFloorRequests(samples: readonly Sample[], warmupMs: number | undefined): number | null {
  if (warmupMs === undefined) return null;
  const atWarmup = new Map<number, number>();
  for (const s of samples) {
    if (s.tMs <= warmupMs) atWarmup.set(s.pid, Math.max(atWarmup.get(s.pid) ?? 0, s.requests));
  }
  return atWarmup.size ? medianHigh([...atWarmup.values()]) : null;
}

/** JSON drops undefined fields anyway; dropping them here keeps the in-memory record equal to the one read back. */
function definedOnly<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
