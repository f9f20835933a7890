// The one place that touches `process`: arguments, environment, streams, signals, exit code.
import { ExitCode } from '../core/errors.ts';
import { runCli } from './app.ts';

const controller = new AbortController();
const emergencyKills = new Set<() => void>();
const runEmergencyKills = () => {
  for (const kill of emergencyKills) kill();
  emergencyKills.clear();
};

let interrupts = 0;
const onSignal = (signal: NodeJS.Signals) => {
  interrupts++;
  // Set here too: a signal that lands after the command has returned (while the last output is
  // flushed) must not print "stopping" and then exit 0.
  process.exitCode = ExitCode.interrupted;
  if (interrupts === 1) {
    write(process.stderr, `\nleaklab: ${signal}: stopping, keeping the data gathered so far (again to force)\n`);
    controller.abort();
  } else {
    runEmergencyKills();
    process.exit(ExitCode.interrupted);
  }
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('exit', runEmergencyKills);

// `leaklab list | head` closes the pipe early. That is the reader's choice, not a failure: later
// writes to that stream are dropped and the command carries on, so a run still keeps its data.
const closed = new Set<NodeJS.WriteStream>();
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    closed.add(stream);
  });
}
const write = (stream: NodeJS.WriteStream, text: string): void => {
  if (!closed.has(stream)) stream.write(text);
};

const color = Boolean(process.stdout.isTTY) && !('NO_COLOR' in process.env);
const code = await runCli(process.argv.slice(2), {
  stdout: (t) => write(process.stdout, t),
  stderr: (t) => write(process.stderr, t),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  color,
  // stderr carries the live line, stdout the tables: the narrower of the two that are terminals.
  columns: terminalColumns(),
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
  onEmergencyKill: (kill) => {
    emergencyKills.add(kill);
    return () => emergencyKills.delete(kill);
  },
});
process.exitCode = controller.signal.aborted || interrupts > 0 ? ExitCode.interrupted : code;

/** The narrower of stdout and stderr where they are terminals (stderr has the live line, stdout the tables). */
function terminalColumns(): number | undefined {
  const widths = [process.stdout.columns, process.stderr.columns].filter((c): c is number => typeof c === 'number' && c > 0);
  return widths.length > 0 ? Math.min(...widths) : undefined;
}
