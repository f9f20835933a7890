// `leaklab schema`: the JSON Schema editors use for scenario files. Checked for being a usable
// schema (refs resolve, types are JSON Schema's, patterns compile), and the committed copy in
// scenarios/ must be what the command prints, so it cannot go stale.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { scratchDir } from '../../scratch.ts';
import { leaklab, ROOT } from './cli-harness.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);

/** Every place in the schema that is itself a schema, with its JSON pointer. */
function* subschemas(node: Json, pointer = '#'): Generator<[string, { [key: string]: Json }]> {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
  yield [pointer, node];
  for (const key of ['properties', '$defs', 'patternProperties']) {
    const map = node[key];
    if (map && typeof map === 'object' && !Array.isArray(map)) {
      for (const [k, v] of Object.entries(map)) yield* subschemas(v, `${pointer}/${key}/${k}`);
    }
  }
  for (const key of ['items', 'additionalProperties', 'not']) yield* subschemas(node[key] ?? null, `${pointer}/${key}`);
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems']) {
    const list = node[key];
    if (Array.isArray(list)) for (const [i, v] of list.entries()) yield* subschemas(v, `${pointer}/${key}/${i}`);
  }
}

function resolvePointer(root: Json, ref: string): Json | undefined {
  let node: Json | undefined = root;
  for (const part of ref.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

test('schema prints a draft 2020-12 JSON Schema of a scenario, and nothing else', async () => {
  const r = await leaklab(['schema']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const schema = JSON.parse(r.stdout) as { [key: string]: Json };
  assert.equal(schema.title, 'leaklab scenario');
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.equal(schema.type, 'object');
  const properties = schema.properties as { [key: string]: Json };
  for (const field of ['name', 'claim', 'app', 'gunicorn', 'load', 'variants', 'services', 'probes']) {
    assert.ok(field in properties, `${field} described`);
  }
  assert.deepEqual([...(schema.required as string[])].sort(), ['claim', 'load', 'name', 'title', 'variants'].sort());
  assert.equal(schema.additionalProperties, false, 'an unknown top-level field is flagged in editors too');
});

test('the printed schema is well formed: refs resolve, types are JSON Schema types, patterns compile', async () => {
  const schema = JSON.parse((await leaklab(['schema'])).stdout) as Json;
  let count = 0;
  for (const [pointer, node] of subschemas(schema)) {
    count++;
    if (typeof node.$ref === 'string')
      assert.notEqual(resolvePointer(schema, node.$ref), undefined, `${pointer}: $ref ${node.$ref}`);
    const types = node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
    for (const t of types) assert.ok(typeof t === 'string' && TYPES.has(t), `${pointer}: type ${String(t)}`);
    if (typeof node.pattern === 'string')
      assert.doesNotThrow(() => new RegExp(node.pattern as string, 'u'), `${pointer}: pattern`);
    if (Array.isArray(node.required) && node.properties && typeof node.properties === 'object') {
      for (const field of node.required)
        assert.ok(String(field) in node.properties, `${pointer}: required ${String(field)} is described`);
    }
    if (Array.isArray(node.enum)) assert.ok(node.enum.length > 0, `${pointer}: empty enum`);
  }
  assert.ok(count > 50, `${count} sub-schemas walked`);
});

test('the schema knows the verdicts and rejects names a scenario cannot have', async () => {
  const schema = JSON.parse((await leaklab(['schema'])).stdout) as { properties: { name: { pattern: string } } };
  const name = new RegExp(schema.properties.name.pattern, 'u');
  assert.ok(name.test('global-list'));
  assert.ok(!name.test('Global List'));
  assert.match(JSON.stringify(schema), /"enum":\s*\[\s*"leak",\s*"bounded",\s*"sawtooth",\s*"flat"\s*\]/);
  // Every bundled scenario names only fields the schema describes at the top level.
  const properties = Object.keys(schema.properties);
  for (const f of readdirSync(join(ROOT, 'scenarios')).filter((x) => x.endsWith('.yaml'))) {
    const doc = parse(readFileSync(join(ROOT, 'scenarios', f), 'utf8')) as Record<string, unknown>;
    for (const key of Object.keys(doc)) assert.ok(properties.includes(key), `${f}: ${key} is in the schema`);
  }
});

test('schema <file> writes the schema there (relative to the working directory) and prints nothing', async () => {
  const dir = scratchDir('cli-schema');
  const r = await leaklab(['schema', 'out.schema.json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.ok(existsSync(join(dir, 'out.schema.json')));
  assert.equal(readFileSync(join(dir, 'out.schema.json'), 'utf8'), (await leaklab(['schema'])).stdout);
});

test('the committed scenarios/scenario.schema.json is what `leaklab schema` prints (run `npm run schema` if not)', async () => {
  const printed = (await leaklab(['schema'])).stdout;
  const committed = readFileSync(join(ROOT, 'scenarios', 'scenario.schema.json'), 'utf8');
  assert.ok(committed === printed, 'scenarios/scenario.schema.json is stale: run `npm run schema` and commit it');
});
