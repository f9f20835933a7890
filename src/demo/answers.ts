// The four interview questions at the end of the seed, answered from the run.json records of
// one demo: every figure is a field of a record (or a ratio of two), carried with where it came
// from, so a test can check each against its file and nothing here is a typed-in measurement.
import { formatBytes, formatCount } from '../analyze/format.ts';
import type { RunRecord, VariantRecord } from '../run-data/run-record.ts';
import type { Verdict } from '../run-data/types.ts';

/** The run.json fields an answer may quote (a dot reaches into the variant's Gunicorn settings). */
export type FigureField =
  | 'verdict'
  | 'slopeBytesPerRequest'
  | 'growthBytes'
  | 'requestsPerSecond'
  | 'workerRestarts'
  | 'requests'
  | 'errors'
  | 'gunicorn.maxRequests'
  | 'gunicorn.maxRequestsJitter'
  /** The path of the variant's first mix entry as stormed (load.perEntry[0].path). */
  | 'load.path';

export interface FigureSource {
  scenario: string;
  runId: string;
  variant: string;
  field: FigureField;
}

export interface Figure {
  /** As printed. */
  text: string;
  /** The value the text was formatted from: the field itself, or `of[0] / of[1]` for a ratio. */
  value: number | string;
  of: [FigureSource] | [FigureSource, FigureSource];
}

/** Prose and figures, in reading order. */
export type AnswerPart = string | Figure;

export interface Answer {
  id: 'Q1' | 'Q2' | 'Q3' | 'Q4';
  question: string;
  /** Paragraphs; empty when none of the runs it needs was part of this demo. */
  paragraphs: AnswerPart[][];
  /** The demo steps whose runs would answer what is missing. */
  missing: string[];
}

type Lookup = (scenario: string, variant: string) => { run: RunRecord; v: VariantRecord } | undefined;

export function answerQuestions(records: readonly RunRecord[]): Answer[] {
  const find: Lookup = (scenario, variant) => {
    for (const run of records) {
      if (run.scenario !== scenario) continue;
      const v = run.variants.find((x) => x.name === variant && x.status !== 'skipped' && x.status !== 'failed');
      if (v) return { run, v };
    }
    return undefined;
  };
  return [q1(find), q2(find), q3(find), q4(find)];
}

function source(run: RunRecord, v: VariantRecord, field: FigureField): FigureSource {
  return { scenario: run.scenario, runId: run.runId, variant: v.name, field };
}

/** The fields' own formats, as the result table prints them. */
export function formatField(field: FigureField, value: number | string): string {
  if (typeof value === 'string') return value;
  switch (field) {
    case 'slopeBytesPerRequest':
      return `${formatBytes(value)}/request`;
    case 'growthBytes':
      return formatBytes(value);
    case 'requestsPerSecond':
      return `${value >= 100 ? formatCount(value) : value.toFixed(1)} req/s`;
    default:
      return formatCount(value);
  }
}

/** A variant's field by its name in run.json; undefined when absent or not a number or string. */
export function fieldValue(v: VariantRecord, field: FigureField): number | string | undefined {
  if (field === 'load.path') return v.load?.perEntry?.[0]?.path;
  const value = field.startsWith('gunicorn.') ? v.gunicorn?.[field.slice('gunicorn.'.length)] : v[field as keyof VariantRecord];
  return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}

/** A figure of one record, or undefined when the record lacks it. */
function fig(hit: { run: RunRecord; v: VariantRecord } | undefined, field: FigureField): Figure | undefined {
  if (!hit) return undefined;
  const value = fieldValue(hit.v, field);
  if (value === undefined) return undefined;
  return { text: formatField(field, value), value, of: [source(hit.run, hit.v, field)] };
}

function ratio(
  a: { run: RunRecord; v: VariantRecord } | undefined,
  b: { run: RunRecord; v: VariantRecord } | undefined,
  field: 'requestsPerSecond' | 'slopeBytesPerRequest' | 'growthBytes',
): Figure | undefined {
  if (!a || !b || b.v[field] === 0) return undefined;
  const value = a.v[field] / b.v[field];
  return { text: `${value.toFixed(2)}×`, value, of: [source(a.run, a.v, field), source(b.run, b.v, field)] };
}

/**
 * Builds a paragraph from a template whose figures may be missing: a paragraph with a missing
 * figure is left out whole rather than printed with a hole.
 */
function para(...parts: (string | Figure | undefined)[]): AnswerPart[] | null {
  return parts.every((p) => p !== undefined) ? (parts as AnswerPart[]) : null;
}

type Hit = { run: RunRecord; v: VariantRecord } | undefined;

/**
 * The prose of a paragraph is written for the verdicts the scenarios expect; when this run judged
 * one otherwise, the paragraph opens by saying so, from the records, rather than arguing past it.
 */
function assuming(assumed: [Hit, Verdict][], paragraph: AnswerPart[] | null): AnswerPart[] | null {
  if (!paragraph) return null;
  const off = assumed.filter(([hit, verdict]) => hit && hit.v.verdict !== verdict);
  if (off.length === 0) return paragraph;
  const caveat: AnswerPart[] = ['(Not borne out by this run: '];
  off.forEach(([hit, verdict], i) => {
    caveat.push(`${i > 0 ? '; ' : ''}${hit!.v.name} was judged `, fig(hit, 'verdict')!, `, the text below expects ${verdict}`);
  });
  caveat.push('.) ');
  return [...caveat, ...paragraph];
}

function answer(id: Answer['id'], question: string, steps: string[], paragraphs: (AnswerPart[] | null)[]): Answer {
  const kept = paragraphs.filter((p): p is AnswerPart[] => p !== null);
  return { id, question, paragraphs: kept, missing: kept.length === paragraphs.length ? [] : steps };
}

function q1(find: Lookup): Answer {
  const cycles = find('circular-refs', 'cycles');
  const weak = find('circular-refs', 'weakref');
  const leaky = find('global-list', 'leaky');
  const dict = find('dict-cache', 'leaky');
  return answer(
    'Q1',
    "How does Python's garbage collection work, and why do leaks still happen?",
    ['circular-refs', 'global-list', 'dict-cache'],
    [
      assuming(
        [
          [cycles, 'flat'],
          [weak, 'flat'],
        ],
        para(
          'CPython frees an object as soon as its reference count drops to zero; a generational collector finds the cycles reference counting cannot. ',
          "The seed's parent↔child trees, built and dropped on every request, were judged ",
          fig(cycles, 'verdict'),
          ' (',
          fig(cycles, 'slopeBytesPerRequest'),
          ' after warm-up, over ',
          fig(cycles, 'requests'),
          ' requests): the collector reclaims them. Without the cycle (weakref) they were ',
          fig(weak, 'verdict'),
          ' too.',
        ),
      ),
      assuming(
        [[leaky, 'leak']],
        para(
          'A leak is memory that is still referenced. A module-level list that every request appends to was judged ',
          fig(leaky, 'verdict'),
          ' at ',
          fig(leaky, 'slopeBytesPerRequest'),
          ' per worker (',
          fig(leaky, 'growthBytes'),
          ' per worker after warm-up): its entries never reach a count of zero, so no collector may free them.',
        ),
      ),
      para(
        'The same for a dict cache with no expiry: ',
        fig(dict, 'verdict'),
        ' at ',
        fig(dict, 'slopeBytesPerRequest'),
        ', one entry per new id.',
      ),
    ],
  );
}

function q2(find: Lookup): Answer {
  const leaky = find('diagnosis', 'leaky');
  const traced = find('diagnosis', 'trace-middleware');
  return answer(
    'Q2',
    'How do you diagnose a memory leak in a Django app?',
    ['diagnosis'],
    [
      para(
        "First watch each worker's memory against the requests it served (the seed's step 1; leaklab's sampler reads RSS, USS and PSS per worker). The global-list leak showed as ",
        fig(leaky, 'verdict'),
        ' at ',
        fig(leaky, 'slopeBytesPerRequest'),
        ' per worker, ',
        fig(leaky, 'growthBytes'),
        ' per worker after warm-up.',
      ),
      para(
        "Then name the line. The seed's per-request tracemalloc middleware (step 3) runs on every request: the leak still showed (",
        fig(traced, 'verdict'),
        ', ',
        fig(traced, 'slopeBytesPerRequest'),
        '), but throughput fell to ',
        ratio(traced, leaky, 'requestsPerSecond'),
        ' of the same leak untraced (',
        fig(traced, 'requestsPerSecond'),
        ' against ',
        fig(leaky, 'requestsPerSecond'),
        '), and it measures one request at a time, so a slow leak never passes its threshold. ',
        'Trace on a copy instead (leaklab run --trace diffs tracemalloc snapshots per request to name the growing lines), objgraph for growth by type, and memory_profiler for one call in a shell.',
      ),
    ],
  );
}

function q3(find: Lookup): Answer {
  const leaky = find('global-list', 'leaky');
  const recycled = find('global-list', 'leaky-max-requests');
  return answer(
    'Q3',
    "What does Gunicorn's max_requests do?",
    ['fix-max-requests', 'global-list'],
    [
      assuming(
        [[recycled, 'sawtooth']],
        para(
          'It restarts a worker after it has served that many requests (plus a random jitter, so the workers do not restart together). ',
          'The global-list leak under max_requests = ',
          fig(recycled, 'gunicorn.maxRequests'),
          ', jitter ',
          fig(recycled, 'gunicorn.maxRequestsJitter'),
          ' was judged ',
          fig(recycled, 'verdict'),
          ': ',
          fig(recycled, 'workerRestarts'),
          ' worker restarts over ',
          fig(recycled, 'requests'),
          ' requests, and ',
          fig(recycled, 'errors'),
          ' failed requests (the other worker serves while one restarts).',
        ),
      ),
      para(
        'It caps the damage and does not fix it: each life still grew at ',
        fig(recycled, 'slopeBytesPerRequest'),
        ' per worker, as the same leak without it (',
        fig(leaky, 'slopeBytesPerRequest'),
        ', ',
        fig(leaky, 'verdict'),
        '). The seed says it too: treat the symptom with it, and find the leak.',
      ),
    ],
  );
}

function q4(find: Lookup): Answer {
  const whole = find('queryset', 'whole-queryset');
  const iter = find('queryset', 'iterator');
  const values = find('queryset', 'values-list');
  const wholePath = fig(whole, 'load.path');
  return answer(
    'Q4',
    'How do you keep the Django ORM from eating memory?',
    ['queryset', 'fix-iterator'],
    [
      assuming(
        [[whole, 'flat']],
        para(
          'Iterating a whole QuerySet builds and caches every row as a model instance, but only for the request: it was judged ',
          fig(whole, 'verdict'),
          ' (',
          fig(whole, 'slopeBytesPerRequest'),
          ' over ',
          fig(whole, 'requests'),
          // Which rows were read, where the record says; a record without it keeps the paragraph.
          ...(wholePath ? [' requests of ', wholePath] : [' requests']),
          '). The cost is the peak each worker settles at, in proportion to the rows read.',
        ),
      ),
      para(
        '.iterator(chunk_size=1000) builds a chunk at a time (',
        fig(iter, 'verdict'),
        ', ',
        fig(iter, 'slopeBytesPerRequest'),
        '); .values_list() skips the model instances altogether (',
        fig(values, 'verdict'),
        ') and served ',
        ratio(values, whole, 'requestsPerSecond'),
        ' the requests per second of the whole QuerySet (',
        fig(values, 'requestsPerSecond'),
        ' against ',
        fig(whole, 'requestsPerSecond'),
        '). Also: .only()/.defer() for fewer columns, and pagination.',
      ),
    ],
  );
}
