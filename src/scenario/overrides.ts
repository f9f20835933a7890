// Command-line overrides (--duration, --requests, --connections, --workers) go through the
// same zod fields and limits as the scenario file: `--workers 10000` used to reach Gunicorn.
import type { z } from 'zod';
import { durationProblem } from './duration.ts';
import type { PlanOverrides } from './plan.ts';
import { gunicornFields, loadFields, warmupProblem } from './schema.ts';

export interface RawOverrides {
  variant?: string;
  quick?: boolean;
  duration?: string;
  requests?: string;
  connections?: string;
  workers?: string;
  untilVerdict?: boolean;
  diagnose?: boolean;
  isolate?: boolean;
}

export interface CheckedOverrides {
  overrides: PlanOverrides;
  /** One line per bad flag, each naming the flag and its value. */
  problems: string[];
}

export function checkOverrides(raw: RawOverrides): CheckedOverrides {
  const problems: string[] = [];
  const field = <T>(flag: string, value: string | undefined, schema: z.ZodType<T>): T | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < 1) {
      problems.push(`${flag} "${value}" is not a positive whole number`);
      return undefined;
    }
    const parsed = schema.safeParse(n);
    if (parsed.success) return parsed.data;
    problems.push(`${flag} "${value}": ${parsed.error.issues.map((i) => i.message).join('; ')} (the limit a scenario file has)`);
    return undefined;
  };
  let durationMs: number | undefined;
  if (raw.duration !== undefined) {
    const problem = durationProblem(raw.duration);
    const bare = problem?.includes('has no unit') ? `: ${problem}` : '';
    if (problem) problems.push(`--duration "${raw.duration}" is not a duration${bare}`);
    else durationMs = loadFields.duration.parse(raw.duration);
  }
  if (raw.duration !== undefined && raw.requests !== undefined) {
    problems.push('--duration and --requests cannot be used together: choose one way to end the storm');
  }
  return {
    overrides: {
      variants: raw.variant
        ?.split(',')
        .map((v) => v.trim())
        .filter(Boolean),
      quick: Boolean(raw.quick),
      durationMs,
      requests: field('--requests', raw.requests, loadFields.requests),
      connections: field('--connections', raw.connections, loadFields.connections),
      workers: field('--workers', raw.workers, gunicornFields.workers),
      ...(raw.untilVerdict ? { untilVerdict: true } : {}),
      ...(raw.diagnose ? { diagnose: true } : {}),
      ...(raw.isolate ? { isolate: true } : {}),
    },
    problems,
  };
}

/** A --duration no longer than the scenario's warm-up leaves nothing to judge. */
export function overrideWarmupProblem(
  warmupMs: number | undefined,
  flagDuration: string | undefined,
  durationMs?: number,
): string[] {
  const problem = warmupProblem(warmupMs, durationMs);
  return problem && flagDuration !== undefined ? [`--duration "${flagDuration}": ${problem}`] : [];
}
