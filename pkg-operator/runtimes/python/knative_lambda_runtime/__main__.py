"""Entry point: `python -m knative_lambda_runtime` in the function's directory."""
import os
import signal
import sys
import threading
import time

from .config import ConfigError, read_config
from .handler import WorkerPool, load_handler
from .metrics import FunctionMetrics
from .server import log_line, serve


def _seconds_since_process_start() -> float:
    """From the kernel's process start time (Linux); falls back to the time this module was imported."""
    try:
        with open("/proc/self/stat") as stat, open("/proc/uptime") as uptime:
            started_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
            return float(uptime.read().split()[0]) - started_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _IMPORTED


_IMPORTED = time.monotonic()


def main() -> int:
    try:
        config = read_config()
    except ConfigError as error:
        log_line("error", f"configuration error: {error}")
        return 2
    identity = {"function": config.function_name, "namespace": config.namespace, "runtime": config.runtime}
    sys.path.insert(0, os.getcwd())
    loaded = load_handler(config.handler)
    if loaded.import_error:
        log_line("error", 'handler could not be loaded; every invocation will fail with error_type="import"', **identity, error=loaded.import_error)
    metrics = FunctionMetrics(config.function_name, config.namespace)
    server = serve(config, loaded, metrics, WorkerPool())
    init_seconds = max(_seconds_since_process_start(), 0.0)
    metrics.record_init(init_seconds)
    log_line("info", "listening", **identity, address=config.listen_address, port=config.port, init_duration_ms=round(init_seconds * 1000))
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown, daemon=True).start())
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
