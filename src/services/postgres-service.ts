// A private PostgreSQL cluster for one run: initdb into a folder inside the run directory,
// postgres on a free loopback port with fsync off (a harness's data is thrown away), no Unix
// socket (its path would be limited to 107 bytes, and TCP is what the app uses), trust auth
// for the one role "leaklab". The scenario's setup runs once against a template database; each
// variant then gets a fresh copy of it (CREATE DATABASE ... TEMPLATE), so no variant sees what
// another wrote, at the cost of a file copy instead of a second migrate + seed.
import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { EnvironmentError } from '../core/errors.ts';
import { logTail } from '../core/log-file.ts';
import { pollUntil } from '../core/poll-until.ts';
import { makeOwnedScratchDir } from '../core/scratch-owner.ts';
import { findOnPath, versionedBinDirs } from './find-binary.ts';
import { freePort, LOOPBACK } from './loopback.ts';
import { spawnServer } from './service-process.ts';
import { postgresUrl, variantDatabaseName } from './service-urls.ts';
import type { StartDeps, StartedService } from './types.ts';

const ROLE = 'leaklab';
export const TEMPLATE_DATABASE = 'leaklab_template';
const READY_TIMEOUT_MS = 30_000;

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  createdb: string;
}

/**
 * initdb, postgres and createdb of one installation: LEAKLAB_POSTGRES_BIN alone when set (an
 * install of your choice, or none: an empty folder), else PATH, then /usr/lib/postgresql/<newest>/bin.
 */
export function findPostgres(env: Record<string, string | undefined>, libRoot = '/usr/lib/postgresql'): PostgresBinaries | null {
  const chosen = env.LEAKLAB_POSTGRES_BIN?.trim();
  const postgres = chosen ? findOnPath('postgres', chosen) : findOnPath('postgres', env.PATH, versionedBinDirs(libRoot));
  if (!postgres) return null;
  // initdb must match the server's version: look beside the real file first (PATH entries are
  // often symlinks into the versioned folder).
  const dirs = [dirname(realpathSync(postgres)), dirname(postgres)];
  const initdb = findOnPath('initdb', '', dirs) ?? (chosen ? null : findOnPath('initdb', env.PATH));
  const createdb = findOnPath('createdb', '', dirs) ?? (chosen ? null : findOnPath('createdb', env.PATH));
  return initdb && createdb ? { initdb, postgres, createdb } : null;
}

export interface StartedPostgres extends StartedService {
  /** A new database copied from the template (after setup has filled it); returns its URL. */
  freshDatabase(variant: string): Promise<string>;
}

export async function startPostgres(bin: PostgresBinaries, given: StartDeps): Promise<StartedPostgres> {
  const user = serverUser();
  mkdirSync(given.dataDir, { recursive: true });
  // Run as another user, the server must reach its folder; a run directory under a private
  // folder (a 0700 home or temp dir) it cannot, so its data then goes to the system temp folder.
  const deps =
    user && !reachableBy(given.dataDir, user) ? { ...given, dataDir: makeOwnedScratchDir(tmpdir(), 'leaklab-postgres-') } : given;
  if (deps.dataDir !== given.dataDir) rmSync(given.dataDir, { recursive: true, force: true });
  const dataDir = join(deps.dataDir, 'data');
  if (user) chownSync(deps.dataDir, user.uid, user.gid);
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  const init = await execa(bin.initdb, ['-D', dataDir, '-A', 'trust', '-U', ROLE, '-E', 'UTF8', '--locale=C', '--no-sync'], {
    env: deps.env,
    extendEnv: false,
    cwd: deps.dataDir,
    reject: false,
    all: true,
    cancelSignal: deps.signal,
    ...asUser,
  });
  if (init.exitCode !== 0) {
    rmSync(deps.dataDir, { recursive: true, force: true });
    throw new EnvironmentError(`initdb failed (exit ${init.exitCode ?? 'signal'})`, {
      details: String(init.all ?? '')
        .trim()
        .split('\n')
        .slice(-12),
      hint: user
        ? `it ran as user ${user.name}, who must be able to reach ${deps.dataDir}`
        : `run ${bin.initdb} by hand to see why`,
    });
  }

  const port = await freePort();
  const server = spawnServer({
    file: bin.postgres,
    args: ['-D', dataDir, '-k', '', '-h', LOOPBACK, '-p', String(port), '-F'],
    env: deps.env,
    cwd: deps.dataDir,
    logFile: deps.logFile,
    // SIGINT is PostgreSQL's "fast" shutdown; SIGTERM would wait for every client to leave.
    stopSignal: 'SIGINT',
    ...(user ? { user: { uid: user.uid, gid: user.gid } } : {}),
    onEmergencyKill: deps.onEmergencyKill,
  });
  const stop = async () => {
    await server.stop();
    rmSync(deps.dataDir, { recursive: true, force: true });
  };
  const createdb = async (args: string[]) =>
    execa(bin.createdb, ['-h', LOOPBACK, '-p', String(port), '-U', ROLE, ...args], {
      env: { ...deps.env, PGCONNECT_TIMEOUT: '2' },
      extendEnv: false,
      reject: false,
      all: true,
      cancelSignal: deps.signal,
    });
  const url = (database: string) => postgresUrl({ user: ROLE, host: LOOPBACK, port, database });

  try {
    // createdb itself is the readiness probe: it fails until the server accepts connections.
    let last = '';
    const created = async (): Promise<boolean> => {
      if (server.exitCode() !== undefined) {
        throw new EnvironmentError(`postgres exited (code ${server.exitCode()}) before it was ready`, {
          details: logTail(deps.logFile),
          hint: `its log is ${deps.logFile}`,
        });
      }
      const r = await createdb([TEMPLATE_DATABASE]);
      if (r.exitCode === 0) return true;
      last = String(r.all ?? '').trim();
      return false;
    };
    if ((await pollUntil(created, { timeoutMs: READY_TIMEOUT_MS, intervalMs: 100, signal: deps.signal })) === 'timeout') {
      throw new EnvironmentError(`PostgreSQL did not accept connections within ${READY_TIMEOUT_MS / 1000}s`, {
        details: [last, ...logTail(deps.logFile)],
        hint: `its log is ${deps.logFile}`,
      });
    }
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    url: url(TEMPLATE_DATABASE),
    detail: `started PostgreSQL ${postgresVersion(bin.postgres)} on ${LOOPBACK}:${port}`,
    stop,
    async freshDatabase(variant: string) {
      const name = variantDatabaseName(variant);
      const r = await createdb(['-T', TEMPLATE_DATABASE, name]);
      if (r.exitCode !== 0) {
        throw new EnvironmentError(`could not create database ${name} from the template`, {
          details: String(r.all ?? '')
            .trim()
            .split('\n')
            .slice(-6),
        });
      }
      return url(name);
    },
  };
}

/** Whether every folder above `dir` lets `user` through (the execute bit for its owner, group or others). */
function reachableBy(dir: string, user: { uid: number; gid: number }): boolean {
  for (let d = dirname(dir); ; d = dirname(d)) {
    const st = statSync(d);
    const bit = st.uid === user.uid ? 0o100 : st.gid === user.gid ? 0o010 : 0o001;
    if ((st.mode & bit) === 0) return false;
    if (d === dirname(d)) return true;
  }
}

/** PostgreSQL refuses to run as root: then it runs as "postgres" (or "nobody" where there is none). */
function serverUser(): { name: string; uid: number; gid: number } | null {
  if (userInfo().uid !== 0) return null;
  let passwd = '';
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch {
    // No passwd file: fall through to the error below.
  }
  for (const name of ['postgres', 'nobody']) {
    const fields = passwd
      .split('\n')
      .find((l) => l.startsWith(`${name}:`))
      ?.split(':');
    if (fields?.[2] && fields[3]) return { name, uid: Number(fields[2]), gid: Number(fields[3]) };
  }
  throw new EnvironmentError('PostgreSQL cannot run as root, and there is no "postgres" or "nobody" user to run it as', {
    hint: 'run leaklab as another user, or set DATABASE_URL',
  });
}

/** "15.20" from `postgres --version` ("postgres (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"). */
function postgresVersion(binary: string): string {
  try {
    return /\)\s+(\S+)/.exec(execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 5000 }))?.[1] ?? 'unknown version';
  } catch {
    return 'unknown version';
  }
}
