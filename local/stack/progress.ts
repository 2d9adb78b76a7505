// One line per phase with the time since the stack started: a first run builds for minutes and must say so.
export type ProgressLog = (phase: string) => void;

export function progressLog(write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): ProgressLog {
  const started = Date.now();
  return (phase) => write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${phase}`);
}
