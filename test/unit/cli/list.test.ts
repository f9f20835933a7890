// `leaklab list`: every bundled scenario with its claim and its variants, and what a variant
// needs beyond the venv ([redis], [postgres], [docker]) so a user knows why it may be skipped.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { leaklab, ROOT } from './cli-harness.ts';

interface ScenarioYaml {
  name: string;
  claim: string;
  services?: string[];
  variants: { name: string; expect?: string; services?: string[]; container?: { memoryMiB?: number } }[];
}

const bundled: ScenarioYaml[] = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => parse(readFileSync(join(ROOT, 'scenarios', f), 'utf8')) as ScenarioYaml);

/** The two lines list prints for a scenario: "<name>  <claim>" and "  variants: ...". */
function block(stdout: string, name: string): { claim: string; variants: string } {
  const lines = stdout.split('\n');
  const i = lines.findIndex((l) => l.startsWith(`${name} `));
  assert.ok(i >= 0, `${name} listed`);
  return { claim: (lines[i] ?? '').slice(name.length).trim(), variants: (lines[i + 1] ?? '').trim() };
}

test('list exits 0 and prints two lines per bundled scenario, in name order', async () => {
  const r = await leaklab(['list']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, bundled.length * 2);
  const names = lines.filter((_, i) => i % 2 === 0).map((l) => l.split(' ')[0]);
  assert.deepEqual(
    names,
    bundled.map((s) => s.name),
  );
  assert.ok(bundled.length >= 10, `${bundled.length} bundled scenarios`);
  // Claims line up in one column after the longest name.
  const width = Math.max(...bundled.map((s) => s.name.length));
  for (const l of lines) assert.equal(l[width + 2] === ' ', false, `aligned: ${l}`);
});

test('every bundled scenario is shown with its claim and every variant with its expected verdict', async () => {
  const r = await leaklab(['list']);
  for (const s of bundled) {
    const { claim, variants } = block(r.stdout, s.name);
    assert.equal(claim, s.claim.trim(), `${s.name} claim`);
    assert.match(variants, /^variants: /);
    const shown = variants.replace(/^variants: /, '').split(/, (?![^[]*\])/);
    assert.equal(shown.length, s.variants.length, `${s.name}: ${variants}`);
    for (const [i, v] of s.variants.entries()) {
      const label = v.expect ? `${v.name}→${v.expect}` : v.name;
      assert.ok(shown[i]?.startsWith(label), `${s.name}: "${shown[i]}" starts with ${label}`);
    }
  }
});

test('variants that need a service or Docker carry a marker; the others none', async () => {
  const r = await leaklab(['list']);
  assert.match(r.stdout, /^global-list +A module-level list/m);
  assert.match(r.stdout, /variants: leaky→leak, fixed→flat, leaky-max-requests→sawtooth\n/);
  assert.match(r.stdout, /, ttl-redis→flat \[redis\], /);
  assert.match(r.stdout, /whole-queryset-postgres→flat \[postgres\]/);
  assert.match(r.stdout, /container-memory-limit→leak \[docker\]/);
  assert.match(r.stdout, /variants: .*, 64b, none→flat/, 'a variant with no expectation shows its name alone');
  for (const s of bundled) {
    const { variants } = block(r.stdout, s.name);
    for (const v of s.variants) {
      const needs = [...(v.services ?? s.services ?? []), ...(v.container?.memoryMiB ? ['docker'] : [])];
      const marker = needs.length ? ` [${needs.join(', ')}]` : '';
      const label = `${v.expect ? `${v.name}→${v.expect}` : v.name}${marker}`;
      assert.match(
        variants,
        new RegExp(`(: |, )${label.replace(/[[\]]/g, '\\$&')}(,|$)`),
        `${s.name}: ${label} in "${variants}"`,
      );
    }
  }
  const markers: string[] = r.stdout.match(/\[(redis|postgres|docker)\]/g) ?? [];
  assert.ok(markers.includes('[redis]') && markers.includes('[postgres]') && markers.includes('[docker]'));
});
