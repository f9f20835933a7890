// The kernel's guard against a SIGKILLed harness, for children that run Python or a shell
// command: a one-line Python prelude, run in the child before the real program (execv keeps the
// pid, so the supervisor's group is the program's), asks the kernel to signal it when the
// harness dies (PR_SET_PDEATHSIG = 1), then checks the harness did not die before that took hold.
// The process-group watchdog (orphan-watchdog.ts) is the second guard: it takes the whole group.

/** Exit code of a prelude whose harness was already gone: the program never ran. */
export const ORPHANED_EXIT = 70;

function prelude(signal: 'SIGTERM' | 'SIGKILL', exec: string): string {
  return [
    'import ctypes, os, signal, sys',
    `ctypes.CDLL(None, use_errno=True).prctl(1, signal.${signal}, 0, 0, 0)`,
    `os.getppid() == int(os.environ.pop("LEAKLAB_HARNESS_PID", "0")) or os._exit(${ORPHANED_EXIT})`,
    exec,
  ].join('; '); // one line, so `ps` and the tests' argument logs show it whole
}

/**
 * `python -c PDEATHSIG_WRAPPER <python args>` runs Python with those args under the guard.
 * SIGTERM, not SIGKILL: a Gunicorn arbiter then stops its workers, which PDEATHSIG does not reach.
 */
export const PDEATHSIG_WRAPPER = prelude('SIGTERM', 'os.execv(sys.executable, [sys.executable] + sys.argv[1:])');

/**
 * `python -c PDEATHSIG_EXEC <program> <args>` runs any program under the guard (a setup command's
 * shell). SIGKILL: a shell would not pass SIGTERM on; the watchdog takes what it started.
 */
export const PDEATHSIG_EXEC = prelude('SIGKILL', 'os.execvp(sys.argv[1], sys.argv[1:])');
