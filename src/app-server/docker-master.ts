// A container's Gunicorn master that dies mid-storm must end the variant as a local one does
// (see pipeline/master-death.ts). Two signs, whichever comes first: the attached `docker run`
// exits with the container's status (128+n for signal n: 137 is SIGKILL, the OOM killer's
// too), or the master's host pid (the container shares the host's PID namespace) is gone
// while the CLI has not noticed yet. Either settles `masterEnded` with how it ended.
import { constants } from 'node:os';

export interface ContainerCli {
  /** Settles when `docker run` has exited. */
  exited: Promise<void>;
  exitCode(): number | null | undefined;
  howEnded(): string | undefined;
}

export interface MasterWatchOptions {
  /** The master's host pid, 0 until `docker inspect` has told it. */
  masterPid(): number;
  alive(pid: number): boolean;
  /** How often the pid is checked; the variant must end within a second of the death. */
  intervalMs?: number;
}

/** "SIGKILL (container exit 137)", "container exit 1", or how the CLI itself ended. */
export function containerExitCause(exitCode: number | null | undefined, cliEnded: string | undefined): string {
  if (exitCode === null || exitCode === undefined) return `the docker CLI ended (${cliEnded ?? 'unknown'})`;
  if (exitCode === 125) return 'docker run failed (exit 125)';
  const signal = exitCode > 128 ? signalName(exitCode - 128) : undefined;
  return signal ? `${signal} (container exit ${exitCode})` : `container exit ${exitCode}`;
}

/** Settles with how the container's master ended, from whichever sign comes first. */
export function watchContainerMaster(cli: ContainerCli, o: MasterWatchOptions): Promise<string> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const pid = o.masterPid();
      if (pid > 0 && !o.alive(pid)) {
        clearInterval(timer);
        resolve(`master pid ${pid} gone`);
      }
    }, o.intervalMs ?? 250);
    void cli.exited.then(() => {
      clearInterval(timer);
      resolve(containerExitCause(cli.exitCode(), cli.howEnded()));
    });
  });
}

function signalName(n: number): string | undefined {
  return Object.entries(constants.signals).find(([, v]) => v === n)?.[0];
}
