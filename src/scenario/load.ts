// Reads a scenario file and validates it, reporting every problem at once with the file, line
// and field, so a user fixes the file in one pass instead of one error per run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { type Document, isNode, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { InputError, MAX_DETAILS } from '../core/errors.ts';
import { type Scenario, scenarioSchema } from './schema.ts';

export interface LoadedScenario {
  scenario: Scenario;
  /** Absolute path of the scenario file. */
  file: string;
  /** Absolute path of the app directory (app.dir resolved against the file's folder). */
  appDir: string;
}

/** `name` is a bundled scenario's name or a path to a .yaml file. */
export function resolveScenarioFile(name: string, scenariosDir: string, cwd: string): string {
  const looksLikePath = /[\\/]/.test(name) || ['.yaml', '.yml'].includes(extname(name));
  if (looksLikePath) {
    const file = resolve(cwd, name);
    if (!existsSync(file)) throw new InputError(`scenario file not found: ${file}`);
    return file;
  }
  const file = join(scenariosDir, `${name}.yaml`);
  if (existsSync(file)) return file;
  const known = listScenarioFiles(scenariosDir).map((f) => basename(f, '.yaml'));
  throw new InputError(`unknown scenario "${name}"`, {
    hint: `known scenarios: ${known.join(', ')} (or give a path to a .yaml file); \`leaklab list\` shows them`,
  });
}

export function listScenarioFiles(scenariosDir: string): string[] {
  return readdirSync(scenariosDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(scenariosDir, f));
}

export function loadScenarioFile(file: string): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read scenario file ${file}: ${(err as Error).message}`);
  }
  const scenario = resolveConfigFiles(parseScenarioText(text, file), file);
  return { scenario, file, appDir: resolve(dirname(file), scenario.app.dir) };
}

/** gunicorn.configFile paths are relative to the scenario file; they must exist. */
function resolveConfigFiles(scenario: Scenario, file: string): Scenario {
  const problems: string[] = [];
  const resolveIn = (where: string, path: string | undefined) => {
    if (path === undefined) return undefined;
    const absolute = resolve(dirname(file), path);
    if (!existsSync(absolute)) problems.push(`${file}: ${where}.configFile: no such file ${absolute}`);
    return absolute;
  };
  const resolved: Scenario = {
    ...scenario,
    gunicorn: { ...scenario.gunicorn, configFile: resolveIn('gunicorn', scenario.gunicorn.configFile) },
    variants: scenario.variants.map((v, i) =>
      v.gunicorn?.configFile === undefined
        ? v
        : { ...v, gunicorn: { ...v.gunicorn, configFile: resolveIn(`variants.${i}.gunicorn`, v.gunicorn.configFile) } },
    ),
  };
  if (problems.length > 0) throw new InputError(`${file} names a missing Gunicorn config file`, { details: problems });
  return resolved;
}

// An alias bomb (a billion laughs) expands to gigabytes; no real scenario needs more aliases.
const MAX_ALIASES = 100;

/** Parses and validates; throws an InputError listing every problem as `file:line: field: message`. */
export function parseScenarioText(text: string, file: string): Scenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    const details = doc.errors.slice(0, MAX_DETAILS).map((e) => `${file}:${lineOf(e.pos[0])}: ${e.message.split('\n')[0]}`);
    throw new InputError(`${file} is not valid YAML`, {
      details,
      totalDetails: doc.errors.length,
      hint: 'check indentation and quoting on those lines',
    });
  }
  const result = scenarioSchema.safeParse(plainData(doc, file));
  if (result.success) return result.data;
  const { issues } = result.error;
  // Only the lines shown are described: finding each one's line costs a walk of the document.
  const details = issues.slice(0, MAX_DETAILS).map((issue) => describeIssue(issue, doc, file, lineOf));
  throw new InputError(`${file} has ${issues.length} problem${issues.length === 1 ? '' : 's'}`, {
    details,
    totalDetails: issues.length,
    hint: 'the JSON Schema in scenarios/scenario.schema.json lists every field; `leaklab list` shows working examples',
  });
}

function plainData(doc: Document, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    throw new InputError(`${file} is not a usable scenario: ${(err as Error).message}`, {
      hint: `a scenario needs no more than ${MAX_ALIASES} YAML aliases; write the values out`,
    });
  }
}

function describeIssue(issue: z.core.$ZodIssue, doc: Document, file: string, lineOf: (offset: number) => number): string {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  let field = path.join('.') || '(top level)';
  let offset = nodeOffset(doc, path);
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    field = [...path, key].join('.');
    offset = keyOffset(doc, path, key) ?? offset;
    message = `unknown field${issue.keys.length > 1 ? `s ${issue.keys.join(', ')}` : ` "${key}"`}`;
  } else if (issue.code === 'invalid_type' && isAbsent(doc, path)) {
    message = `missing (${issue.message.replace(/^Invalid input: /, '')})`;
  }
  return `${file}:${offset === null ? '?' : lineOf(offset)}: ${field}: ${message}`;
}

/** zod leaves `input` out of its issues, so whether a field is missing is read off the document. */
function isAbsent(doc: Document, path: (string | number)[]): boolean {
  return path.length === 0 ? doc.contents === null : doc.getIn(path, true) === undefined;
}

/** Offset of the deepest node on `path` that exists, so a missing field points at its parent. */
function nodeOffset(doc: Document, path: (string | number)[]): number | null {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return null;
}

function keyOffset(doc: Document, path: (string | number)[], key: string): number | null {
  const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!parent || !('items' in (parent as object))) return null;
  for (const item of (parent as { items: unknown[] }).items) {
    if (isPair(item) && isScalar(item.key) && item.key.value === key && item.key.range) return item.key.range[0];
  }
  return null;
}
