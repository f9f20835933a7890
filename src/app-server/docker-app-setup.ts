// app.setup under --target docker: each command runs in a throwaway container of the app image,
// with the app folder bind-mounted at the same path and host networking, so migrations and
// seed data land where the Gunicorn container will read them (the SQLite file in the app
// folder, or the DATABASE_URL's server on loopback) and run with the image's Python.

import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { execa } from 'execa';
import { type AppSetupOptions, runSetupCommands } from '../setup/app-setup.ts';
import { containerName, dockerRunArgs, forwardedHostEnv } from './docker-args.ts';
import { currentUser, type DockerEnv, docker } from './docker-engine.ts';
import type { AppImage } from './docker-image.ts';

export function dockerAppSetup(image: AppImage, dockerEnv: DockerEnv) {
  return (o: AppSetupOptions): Promise<void> =>
    runSetupCommands(o, {
      where: ` (in ${image.tag})`,
      async run(command) {
        const appEnv = { ...forwardedHostEnv(o.env), PYTHONUNBUFFERED: '1' };
        const name = containerName('setup', basename(o.appDir), randomBytes(3).toString('hex'));
        const args = dockerRunArgs({
          name,
          image: image.tag,
          user: currentUser(),
          workdir: o.appDir,
          mounts: [{ path: o.appDir }],
          envNames: Object.keys(appEnv),
          hostPid: false,
          command: ['sh', '-c', command],
        });
        const r = await execa('docker', args, {
          env: { ...dockerEnv, ...appEnv },
          extendEnv: false,
          reject: false,
          all: true,
          cancelSignal: o.signal,
          timeout: o.timeoutMs,
        });
        // Removed by --rm; an interrupted or timed-out CLI may leave it running.
        if (r.exitCode !== 0) await docker(['rm', '-f', name], dockerEnv);
        return { exitCode: r.timedOut ? undefined : r.exitCode, output: String(r.all ?? ''), timedOut: r.timedOut };
      },
      hint: `run it by hand: docker run --rm --network host -v ${o.appDir}:${o.appDir} -w ${o.appDir} ${image.tag} sh -c '...'`,
    });
}
