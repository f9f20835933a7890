// load.login in a scenario file: a path and the form's fields, the success status 302 by
// default; every variant gets it; mistakes are problems with their line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenarioText } from '../../../src/scenario/load.ts';
import { planVariants } from '../../../src/scenario/plan.ts';
import { problems } from './scenario-problems.ts';

const text = (login: string): string => `
name: demo
title: Demo
claim: c
load:
  duration: 5s
  login:
${login}
  mix: [{ path: /account/ }]
variants:
  - name: a
  - name: b
    mix: [{ path: /other/ }]
`;

test('a login is a path and form fields; it succeeds on 302 unless told, and every variant logs in', () => {
  const s = parseScenarioText(text('    path: /accounts/login/\n    form: { username: u, password: p }'), 'demo.yaml');
  assert.deepEqual(s.load.login, { path: '/accounts/login/', form: { username: 'u', password: 'p' }, status: [302] });
  const plans = planVariants(s);
  assert.deepEqual(
    plans.map((p) => p.login?.path),
    ['/accounts/login/', '/accounts/login/'],
  );
  const twoStatuses = parseScenarioText(text('    path: /l/\n    form: {}\n    status: [302, 303]'), 'demo.yaml');
  assert.deepEqual(twoStatuses.load.login?.status, [302, 303]);
  assert.equal(
    planVariants(parseScenarioText(text('    path: /l/\n    form: {}').replace(/ {2}login:\n.*\n.*\n/, ''), 'demo.yaml'))[0]
      ?.login,
    undefined,
  );
});

test('a login without a form, with a relative path, a number as a field or an unknown key is refused with its line', () => {
  const found = problems(text('    path: login/\n    form: { username: 1 }\n    cookie: x'));
  assert.ok(
    found.some((p) => /^demo\.yaml:8: load\.login\.path/.test(p)),
    found.join('\n'),
  );
  assert.ok(
    found.some((p) => /load\.login\.form\.username/.test(p)),
    found.join('\n'),
  );
  assert.ok(
    found.some((p) => /cookie/.test(p)),
    found.join('\n'),
  );
  assert.ok(problems(text('    path: /l/')).some((p) => /load\.login\.form/.test(p)));
});
