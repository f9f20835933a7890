// startDockerGunicorn against a stand-in `docker` on PATH (no engine needed): `run` serves 200
// on the bind address and writes the hooks' "ready" events, `stop`/`rm -f` end it, and every
// call is logged, so the stop strategy handed to the process-group supervisor is checked in order.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startDockerGunicorn } from '../../../src/app-server/docker-gunicorn.ts';
import { containerWarnings } from '../../../src/app-server/docker-settings.ts';
import type { StartedTarget } from '../../../src/app-server/types.ts';
import { readText } from '../../../src/core/log-file.ts';
import { scratchDir } from '../../scratch.ts';
import { gunicornSettings } from '../fixtures/gunicorn.ts';
import { alive } from '../fixtures/processes.ts';

const FAKE_DOCKER = `#!/bin/sh
echo "$*" >> "$FAKE_DOCKER_DIR/calls.log"
case "$1" in
  run)
    prev=''
    for a in "$@"; do
      case "$a" in LEAKLAB_STATE_DIR=*) state="\${a#LEAKLAB_STATE_DIR=}" ;; esac
      [ "$prev" = "--bind" ] && port="\${a##*:}"
      [ "$prev" = "--name" ] && name="$a"
      prev="$a"
    done
    echo $$ > "$FAKE_DOCKER_DIR/$name.pid"
    [ -n "$FAKE_DOCKER_EXIT" ] && { echo "container failed"; exit "$FAKE_DOCKER_EXIT"; }
    printf '{"kind": "ready"}\\n{"kind": "ready"}\\n' > "$state/events.jsonl"
    exec python3 "$FAKE_DOCKER_DIR/serve.py" "$port"
    ;;
  stop) kill -TERM "$(cat "$FAKE_DOCKER_DIR/$4.pid")" 2>/dev/null ;;
  rm) kill -KILL "$(cat "$FAKE_DOCKER_DIR/$3.pid")" 2>/dev/null; exit 0 ;;
  inspect) cat "$FAKE_DOCKER_DIR/$4.pid" ;;
esac
`;

const SERVE = `import http.server, sys
class Ok(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Ok).serve_forever()
`;

const gunicorn = gunicornSettings();
const image = { tag: 'leaklab-app:test', id: 'sha256:feed', baseImage: '' };
const targets: StartedTarget[] = [];
after(() => Promise.all(targets.map((t) => t.stop())));

function setUp(name: string, extraEnv: Record<string, string> = {}) {
  const dir = scratchDir(name);
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'docker'), FAKE_DOCKER);
  chmodSync(join(bin, 'docker'), 0o755);
  writeFileSync(join(dir, 'serve.py'), SERVE);
  const runDir = join(dir, 'run-20261202');
  const stateDir = join(runDir, '.state-abc123');
  mkdirSync(stateDir, { recursive: true });
  const registered: Array<() => void> = [];
  let unregistered = 0;
  const deps = {
    image,
    variant: 'leaky',
    container: { memoryMiB: 128 },
    baseEnv: { PATH: `${bin}:${process.env.PATH}`, FAKE_DOCKER_DIR: dir, ...extraEnv },
    onEmergencyKill: (kill: () => void) => {
      registered.push(kill);
      return () => void unregistered++;
    },
  };
  const spec = {
    appDir: dir,
    wsgi: 'config.wsgi:application',
    readyPath: '/ok/',
    env: {},
    gunicorn,
    stateDir,
    logFile: join(dir, 'gunicorn.log'),
    readyTimeoutMs: 30_000,
  };
  return {
    dir,
    spec,
    deps,
    registered,
    unregistered: () => unregistered,
    calls: () => readText(join(dir, 'calls.log')).trim().split('\n'),
  };
}

test('a container is ready, reports its facts, and stops with docker stop then rm -f', async () => {
  const s = setUp('docker-ready');
  const target = await startDockerGunicorn(s.spec, s.deps);
  targets.push(target);
  const name = 'leaklab-run-20261202-leaky-abc123';
  assert.ok(target.masterPid > 0 && alive(target.masterPid), 'the master pid comes from docker inspect');
  assert.equal(s.registered.length, 1, 'docker rm -f is registered for an emergency exit');
  assert.equal(target.stopRequestedAt(), null);

  await target.stop();
  await target.stop();
  assert.ok(target.stopRequestedAt() !== null);
  assert.equal(alive(target.masterPid), false);
  assert.deepEqual(
    s.calls().filter((c) => !c.startsWith('run ')),
    [`inspect --format {{.State.Pid}} ${name}`, `stop -t 5 ${name}`, `rm -f ${name}`],
  );
  assert.equal(s.unregistered(), 1);

  const report = target.report();
  assert.deepEqual(
    { ...report.container, oomKills: null },
    {
      image: 'leaklab-app:test',
      imageId: 'sha256:feed',
      name,
      memoryLimitMiB: 128,
      oomKills: null,
      sigkilledWorkers: 0,
    },
  );
  assert.deepEqual(report.warnings, containerWarnings(report.container!));
});

test('a container that exits before it is ready fails with docker run exit code, and is removed', async () => {
  const s = setUp('docker-exits', { FAKE_DOCKER_EXIT: '125' });
  await assert.rejects(startDockerGunicorn(s.spec, s.deps), (err: Error & { details?: string[] }) => {
    assert.equal(err.message, 'the container exited (docker run exit 125) before the app was ready');
    assert.deepEqual(err.details, ['container failed']);
    return true;
  });
  const calls = s.calls().filter((c) => !c.startsWith('run '));
  assert.deepEqual(calls, ['rm -f leaklab-run-20261202-leaky-abc123'], 'no docker stop for a container already gone');
  assert.equal(s.unregistered(), 1);
});
