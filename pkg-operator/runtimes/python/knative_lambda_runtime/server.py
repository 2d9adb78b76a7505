"""HTTP server: POST / invokes the handler, GET /health, GET /metrics."""
import json
import sys
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Optional, Tuple

from .body import BodyFailure, declared_length, framing_problem, read_body
from .config import Config
from .events import decode_request, is_response_event, reply_headers
from .failure import InvocationFailure, message_of
from .handler import InvocationContext, LoadedHandler, WorkerPool
from .metrics import FunctionMetrics
from .trace import trace_id_of

# a refused body is read (and dropped) up to this much, for this long, so the client reads the answer, not a reset
DISCARD_LIMIT = 64 * 1024 * 1024
DISCARD_SECONDS = 10
_log_lock = threading.Lock()


def log_line(level: str, msg: str, **fields: Any) -> None:
    """One JSON object per line on stdout; `trace_id` ties a line to the request's W3C trace."""
    record = {"time": datetime.now(timezone.utc).isoformat().replace("+00:00", "Z"), "level": level, "msg": msg}
    record.update({name: value for name, value in fields.items() if value is not None})
    with _log_lock:
        sys.stdout.write(json.dumps(record) + "\n")
        sys.stdout.flush()


def make_handler_class(config: Config, loaded: LoadedHandler, metrics: FunctionMetrics, pool: WorkerPool):
    identity = {"function": config.function_name, "namespace": config.namespace, "runtime": config.runtime}
    cold_start = [True]

    class WrapperRequestHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "knative-lambda-python"
        # headers and body go out in two writes; without TCP_NODELAY keep-alive clients stall on delayed ACKs (40 ms)
        disable_nagle_algorithm = True
        # the base class answers an unparsable request line as HTTP/0.9: a body without a status line
        default_request_version = "HTTP/1.0"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - signature of the base class
            pass

        def _send(self, status: int, headers: Dict[str, str], body: bytes) -> None:
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                if self.close_connection:
                    # tell the client, or it reuses the socket for its next request and sees it closed under it
                    self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()
            except OSError:
                self.close_connection = True  # the client is gone; the invocation is counted all the same

        def _send_json(self, status: int, payload: Any) -> None:
            self._send(status, {"content-type": "application/json"}, json.dumps(payload).encode())

        def send_error(self, code: int, message: Optional[str] = None, explain: Optional[str] = None) -> None:
            """The base class's answer to a request it cannot parse (not an invocation), as JSON."""
            self.close_connection = True
            self._send_json(code, {"error": f"malformed HTTP request: {message or self.responses.get(code, ('',))[0]}"})

        def _discard_refused_body(self) -> None:
            """After the answer: reads what is left of a refused body (bounded), so the client is not reset."""
            self.close_connection = True
            remaining = min(declared_length(self.headers) or DISCARD_LIMIT, DISCARD_LIMIT)
            try:
                self.connection.settimeout(DISCARD_SECONDS)
                while remaining > 0:
                    chunk = self.rfile.read1(min(remaining, 65536))
                    if not chunk:
                        return
                    remaining -= len(chunk)
            except OSError:
                return

        def _invoke(self) -> Tuple[str, Optional[str], int, str, Optional[Dict[str, str]]]:
            event = None
            try:
                request = decode_request(self.headers, read_body(self.rfile, self.headers))
                event = request.event
                context = InvocationContext(config.function_name, config.namespace, event, trace_id_of(self.headers.get("traceparent")),
                                            time.time() + config.timeout_seconds)
                return "success", None, 200, pool.invoke(loaded, request.data, context, config.timeout_seconds), event
            except InvocationFailure as failure:
                if isinstance(failure, BodyFailure):
                    self._body_refused = True
                return failure.status, failure.error_type, failure.http_status, _error_body(failure), event
            except BaseException as error:  # noqa: B902 - a defect of the wrapper must still answer and count
                return "error", "handler", 500, _error_body(InvocationFailure("handler", message_of(error))), event

        def do_POST(self) -> None:  # noqa: N802 - name required by BaseHTTPRequestHandler
            if self.path.split("?")[0] != "/":
                self.close_connection = True  # the unread body must not be parsed as the next request
                self._send_json(404, {"error": f"no route {self.path}"})
                return
            problem = framing_problem(self.headers)
            if problem:
                self.close_connection = True  # the body cannot be delimited: nothing after it can be parsed
                self._send_json(400, {"error": f"malformed HTTP request: {problem}"})
                return
            self._body_refused = False
            started = time.perf_counter()
            metrics.invocation_started()
            try:
                status, error_type, http_status, body, event = self._invoke()
            finally:
                metrics.invocation_finished()
            seconds = time.perf_counter() - started
            trace_id = trace_id_of(self.headers.get("traceparent"))
            metrics.record_invocation(status, error_type, seconds, trace_id)
            log_line("info" if status == "success" else "error", "invocation", **identity, status=status, error_type=error_type,
                     duration_ms=round(seconds * 1000, 3), cold_start=cold_start[0], trace_id=trace_id,
                     event_id=(event or {}).get("id"))
            cold_start[0] = False
            if self._body_refused:
                self.close_connection = True
            if is_response_event(event):
                success = status == "success"
                self._send(202 if success else http_status, {"content-type": "application/json"}, b"" if success else body.encode())
            else:
                self._send(http_status, reply_headers(config.namespace, config.function_name, status), body.encode())
            if self._body_refused:
                self._discard_refused_body()

        def _send_health(self) -> None:
            overdue = pool.overdue()
            if overdue >= pool.size:
                self._send_json(503, {"status": "saturated", "overdue_handlers": overdue, "workers": pool.size,
                                      "reason": f"all {pool.size} handler workers run handlers that outlived their timeout; "
                                                "every invocation would time out until the process restarts"})
                return
            self._send_json(200, {"status": "ok" if loaded.handler else "handler_unavailable"})

        def do_GET(self) -> None:  # noqa: N802 - name required by BaseHTTPRequestHandler
            path = self.path.split("?")[0]
            if path == "/health":
                self._send_health()
            elif path == "/metrics":
                content_type, text = metrics.expose(self.headers.get("accept"))
                self._send(200, {"content-type": content_type}, text.encode())
            elif path == "/":
                self._send_json(405, {"error": "method GET not allowed on /"})
            else:
                self._send_json(404, {"error": f"no route {path}"})

    return WrapperRequestHandler


def _error_body(failure: InvocationFailure) -> str:
    return json.dumps({"error": {"type": failure.error_type, "message": failure.message}})


def serve(config: Config, loaded: LoadedHandler, metrics: FunctionMetrics, pool: WorkerPool) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((config.listen_address, config.port), make_handler_class(config, loaded, metrics, pool))
    server.daemon_threads = True
    return server
