// Keeps one backend process running the way Grafana's process manager does: started once, restarted
// after it dies (Grafana checks every second; repeated start failures back off here, up to 10 s), killed
// with the host. Source: grafana/grafana pkg/plugins/manager/process/process.go, go-plugin client.go Kill().
import { BackendProcess } from './backend-process';

export interface SupervisorOptions {
  executable: string;
  env?: Record<string, string>;
  logFile?: string;
  handshakeTimeoutMs?: number;
}

const RESTART_DELAY_MS = 1000;
const MAX_RESTART_DELAY_MS = 10_000;
const STDERR_TAIL = 64 * 1024;

export class BackendSupervisor {
  private process?: BackendProcess;
  private stopped = false;
  private failures = 0;
  private timer?: NodeJS.Timeout;
  /** spawn-to-handshake time of each start, ms */
  readonly handshakeMs: number[] = [];
  restarts = 0;
  /** why the backend is not running, for the 503 answers meanwhile */
  lastFailure = 'not started';
  private readonly killOnExit = () => this.process?.child.kill('SIGKILL');

  constructor(private readonly opts: SupervisorOptions) {
    process.on('exit', this.killOnExit);
  }

  /** The first start: unlike Grafana (which only logs), the host fails loudly when the backend cannot start. */
  async start(): Promise<void> {
    this.process = await this.launch();
  }

  /** The running process, or undefined while it is down (crashed, restarting, stopped). */
  running(): BackendProcess | undefined {
    return this.process;
  }

  pid(): number | undefined {
    return this.process?.child.pid;
  }

  private async launch(): Promise<BackendProcess> {
    const backend = new BackendProcess({
      binary: this.opts.executable,
      env: this.opts.env,
      logFile: this.opts.logFile,
      stderrLimit: STDERR_TAIL,
    });
    try {
      const { ms } = await backend.handshake(this.opts.handshakeTimeoutMs);
      this.handshakeMs.push(ms);
    } catch (error) {
      backend.child.kill('SIGKILL');
      throw error;
    }
    void backend.exited.then((exit) => this.onExit(backend, exit));
    return backend;
  }

  private onExit(backend: BackendProcess, exit: { code: number | null; signal: NodeJS.Signals | null }): void {
    backend.client?.close();
    if (backend !== this.process) {
      return;
    }
    this.process = undefined;
    const tail = backend.stderrLines().slice(-3).join('\n');
    this.lastFailure = `backend exited (${exit.signal ?? `code ${exit.code}`})${tail ? `: ${tail}` : ''}`;
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    if (this.stopped) {
      return;
    }
    const delay = Math.min(RESTART_DELAY_MS * 2 ** this.failures, MAX_RESTART_DELAY_MS);
    this.timer = setTimeout(() => void this.restart(), delay);
    this.timer.unref();
  }

  private async restart(): Promise<void> {
    try {
      const backend = await this.launch();
      if (this.stopped) {
        await backend.kill();
        return;
      }
      this.process = backend;
      this.restarts++;
      this.failures = 0;
    } catch (error) {
      this.failures++;
      this.lastFailure = `backend restart failed: ${(error as Error).message}`;
      this.scheduleRestart();
    }
  }

  /** Shutdown RPC, SIGKILL after 2 s (go-plugin Kill()); no restart afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const backend = this.process;
    this.process = undefined;
    this.lastFailure = 'stopped';
    await backend?.kill();
    process.off('exit', this.killOnExit);
  }
}
