"""Loads the user handler and runs it under the function timeout."""
import importlib
import json
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

# Handlers run on reused worker threads (a thread per invocation cost ~110 us, half the wrapper's overhead).
MAX_CONCURRENT_HANDLERS = 64
_WORKERS = ThreadPoolExecutor(max_workers=MAX_CONCURRENT_HANDLERS, thread_name_prefix="handler")


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


def invoke_handler(loaded: LoadedHandler, data: Any, context: InvocationContext, timeout_seconds: float) -> str:
    """Runs the handler on the worker pool and returns its JSON reply; raises InvocationFailure otherwise.

    A handler that outlives the timeout cannot be stopped: its worker runs on, but the request is answered (504).
    An invocation still queued at its deadline (every worker busy) is cancelled, so it never runs late.
    """
    if loaded.handler is None:
        raise InvocationFailure("import", loaded.import_error or "handler unavailable")
    future = _WORKERS.submit(loaded.handler, data, context)
    try:
        result = future.result(timeout=timeout_seconds)
    except FutureTimeout:
        future.cancel()
        raise InvocationFailure("timeout", f"handler did not finish within {timeout_seconds:g}s") from None
    except BaseException as error:  # noqa: B902 - any exception of the handler is a handler error
        raise InvocationFailure("handler", message_of(error)) from None
    return _serialize(result)
