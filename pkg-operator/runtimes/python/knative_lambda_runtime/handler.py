"""Loads the user handler and runs it under the function timeout."""
import importlib
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, Callable, Dict, NamedTuple, Optional

from .failure import InvocationFailure, message_of


class InvocationContext(NamedTuple):
    function_name: str
    namespace: str
    event: Optional[Dict[str, str]]
    trace_id: Optional[str]
    deadline: float  # unix time after which the wrapper answers 504 instead of waiting

    def remaining_seconds(self) -> float:
        return max(0.0, self.deadline - time.time())


Handler = Callable[[Any, InvocationContext], Any]

class LoadedHandler(NamedTuple):
    handler: Optional[Handler]
    import_error: Optional[str]


def load_handler(spec: str) -> LoadedHandler:
    """`module.function` from the working directory; a failure is reported, not raised, so every invocation counts it."""
    module_name, function_name = spec.rsplit(".", 1)
    try:
        module = importlib.import_module(module_name)
    except BaseException as error:  # noqa: B902 - a broken module may raise anything, even SystemExit
        return LoadedHandler(None, f"loading {module_name} failed: {message_of(error)}")
    handler = getattr(module, function_name, None)
    if not callable(handler):
        return LoadedHandler(None, f"{module_name} does not define a function named {function_name}")
    return LoadedHandler(handler, None)


def _serialize(result: Any) -> str:
    try:
        return json.dumps(result, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise InvocationFailure("serialization", f"handler result could not be encoded as JSON ({message_of(error)})") from None


class WorkerPool:
    """Runs handlers on reused worker threads (a thread per invocation cost ~110 us, half the wrapper's overhead).

    A handler that outlives the timeout cannot be stopped: its worker runs on, but the request is answered (504).
    Such a worker is overdue until its handler returns; when every worker is overdue no invocation can run, and
    /health says so. An invocation still queued at its deadline (every worker busy) is cancelled and never runs.
    """

    def __init__(self, size: int = 64):
        self.size = size
        self._executor = ThreadPoolExecutor(max_workers=size, thread_name_prefix="handler")
        self._lock = threading.Lock()
        self._overdue = 0

    def overdue(self) -> int:
        """Workers still running a handler whose invocation was already answered with a timeout."""
        with self._lock:
            return self._overdue

    def invoke(self, loaded: LoadedHandler, data: Any, context: InvocationContext, timeout_seconds: float) -> str:
        """The handler's JSON reply; raises InvocationFailure otherwise."""
        if loaded.handler is None:
            raise InvocationFailure("import", loaded.import_error or "handler unavailable")
        state = {"finished": False, "overdue": False}

        def run() -> Any:
            try:
                return loaded.handler(data, context)
            finally:
                with self._lock:
                    state["finished"] = True
                    if state["overdue"]:
                        self._overdue -= 1

        future = self._executor.submit(run)
        try:
            result = future.result(timeout=timeout_seconds)
        except FutureTimeout:
            if not future.cancel():
                with self._lock:
                    if not state["finished"]:
                        state["overdue"] = True
                        self._overdue += 1
            raise InvocationFailure("timeout", f"handler did not finish within {timeout_seconds:g}s") from None
        except BaseException as error:  # noqa: B902 - any exception of the handler is a handler error
            raise InvocationFailure("handler", message_of(error)) from None
        return _serialize(result)
