"""Demo handlers for the Python wrapper: LAMBDA_HANDLER=demo.<name>.

Failures are deterministic (every Nth invocation of this process) so tests can compare what Prometheus reports with
what really happened.
"""
import itertools
import threading
import time

_lock = threading.Lock()
_flaky_calls = itertools.count(1)
_timeout_calls = itertools.count(1)


def _next(counter):
    with _lock:
        return next(counter)


def healthy(data, context):
    """Always succeeds and echoes its input."""
    return {"ok": True, "echo": data}


def flaky(data, context):
    """Every 10th invocation raises: a 10% error rate."""
    call = _next(_flaky_calls)
    if call % 10 == 0:
        raise RuntimeError(f"injected failure (invocation {call})")
    return {"ok": True, "echo": data}


def slow(data, context):
    """Takes 300 ms: its P95 lies in the (0.25, 0.5] duration bucket."""
    time.sleep(0.3)
    return {"ok": True, "slept_ms": 300}


def sometimes_timeout(data, context):
    """Every 5th invocation outlives the function timeout (LAMBDA_TIMEOUT_SECONDS); the others answer at once."""
    if _next(_timeout_calls) % 5 == 0:
        time.sleep(context.deadline - time.time() + 0.5)
    return {"ok": True}
