// app.setup under --target docker: each command runs in a throwaway container of the app image,
// with the app folder bind-mounted at the same path and host networking, so migrations and
// seed data land where the Gunicorn container will read them (the SQLite file in the app
// folder, or the DATABASE_URL's server on loopback) and run with the image's Python.
import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { execa } from 'execa';
import { EnvironmentError } from '../core/errors.ts';
import type { AppSetupOptions } from '../setup/app-setup.ts';
import { containerName, dockerRunArgs, forwardedHostEnv } from './docker-args.ts';
import { docker, type DockerEnv } from './docker-engine.ts';
import type { AppImage } from './docker-image.ts';

export function dockerAppSetup(image: AppImage, dockerEnv: DockerEnv) {
  return async (o: AppSetupOptions): Promise<void> => {
    const appEnv = { ...forwardedHostEnv(o.env), PYTHONUNBUFFERED: '1' };
    for (const command of o.commands) {
      if (o.signal.aborted) return;
      o.log(`setup (in ${image.tag}): ${command}`);
      const name = containerName('setup', basename(o.appDir), randomBytes(3).toString('hex'));
      const u = userInfo();
      const args = dockerRunArgs({
        name,
        image: image.tag,
        user: `${u.uid}:${u.gid}`,
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
      });
      // Removed by --rm; an interrupted CLI may leave it running.
      if (r.exitCode !== 0) await docker(['rm', '-f', name], dockerEnv);
      if (o.signal.aborted) return;
      if (r.exitCode !== 0) {
        throw new EnvironmentError(`the scenario's setup command failed in the container (exit ${r.exitCode}): ${command}`, {
          details: String(r.all ?? '').trim().split('\n').slice(-12),
          hint: `run it by hand: docker run --rm --network host -v ${o.appDir}:${o.appDir} -w ${o.appDir} ${image.tag} sh -c '...'`,
        });
      }
    }
  };
}
