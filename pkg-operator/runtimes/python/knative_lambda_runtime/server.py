"""HTTP server: POST / invokes the handler, GET /health, GET /metrics."""
import json
import sys
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Optional, Tuple

from .config import Config
from .events import decode_request, is_response_event, reply_headers
from .failure import InvocationFailure, message_of
from .handler import InvocationContext, LoadedHandler, invoke_handler
from .metrics import FunctionMetrics
from .trace import trace_id_of

MAX_BODY_BYTES = 6 * 1024 * 1024
DISCARD_LIMIT = 64 * 1024 * 1024
_log_lock = threading.Lock()


def log_line(level: str, msg: str, **fields: Any) -> None:
    """One JSON object per line on stdout; `trace_id` ties a line to the request's W3C trace."""
    record = {"time": datetime.now(timezone.utc).isoformat().replace("+00:00", "Z"), "level": level, "msg": msg}
    record.update({name: value for name, value in fields.items() if value is not None})
    with _log_lock:
        sys.stdout.write(json.dumps(record) + "\n")
        sys.stdout.flush()


def _read_chunked(stream, limit: int) -> bytes:
    body = b""
    while True:
        size = int(stream.readline().split(b";")[0].strip() or b"0", 16)
        if size == 0:
            stream.readline()
            return body
        if len(body) + size > limit:
            raise InvocationFailure("validation", f"request body exceeds {limit} bytes", 413)
        body += stream.read(size)
        stream.readline()


def make_handler_class(config: Config, loaded: LoadedHandler, metrics: FunctionMetrics):
    identity = {"function": config.function_name, "namespace": config.namespace, "runtime": config.runtime}
    cold_start = [True]

    class WrapperRequestHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "knative-lambda-python"
        # headers and body go out in two writes; without TCP_NODELAY keep-alive clients stall on delayed ACKs (40 ms)
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - signature of the base class
            pass

        def _send(self, status: int, headers: Dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            if self.close_connection:
                # tell the client, or it reuses the socket for its next request and sees it closed under it
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

        def _send_json(self, status: int, payload: Any) -> None:
            self._send(status, {"content-type": "application/json"}, json.dumps(payload).encode())

        def _read_body(self) -> bytes:
            if "chunked" in self.headers.get("transfer-encoding", "").lower():
                return _read_chunked(self.rfile, MAX_BODY_BYTES)
            length = int(self.headers.get("content-length") or 0)
            if length > MAX_BODY_BYTES:
                self._discard(length)
                raise InvocationFailure("validation", f"request body exceeds {MAX_BODY_BYTES} bytes", 413)
            return self.rfile.read(length)

        def _discard(self, length: int) -> None:
            """Reads a refused body (up to DISCARD_LIMIT) so the client can read the 413 instead of a broken pipe."""
            self.close_connection = True
            remaining = min(length, DISCARD_LIMIT)
            while remaining > 0:
                chunk = self.rfile.read(min(remaining, 65536))
                if not chunk:
                    return
                remaining -= len(chunk)

        def _invoke(self) -> Tuple[str, Optional[str], int, str, Optional[Dict[str, str]]]:
            trace_id = trace_id_of(self.headers.get("traceparent"))
            event = None
            try:
                request = decode_request(self.headers, self._read_body())
                event = request.event
                context = InvocationContext(config.function_name, config.namespace, event, trace_id, time.time() + config.timeout_seconds)
                return "success", None, 200, invoke_handler(loaded, request.data, context, config.timeout_seconds), event
            except InvocationFailure as failure:
                body = json.dumps({"error": {"type": failure.error_type, "message": failure.message}})
                return failure.status, failure.error_type, failure.http_status, body, event

        def do_POST(self) -> None:  # noqa: N802 - name required by BaseHTTPRequestHandler
            if self.path.split("?")[0] != "/":
                self.close_connection = True  # the unread body must not be parsed as the next request
                self._send_json(404, {"error": f"no route {self.path}"})
                return
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
            if is_response_event(event):
                success = status == "success"
                self._send(202 if success else http_status, {"content-type": "application/json"}, b"" if success else body.encode())
                return
            self._send(http_status, reply_headers(config.namespace, config.function_name, status), body.encode())

        def do_GET(self) -> None:  # noqa: N802 - name required by BaseHTTPRequestHandler
            path = self.path.split("?")[0]
            if path == "/health":
                self._send_json(200, {"status": "ok" if loaded.handler else "handler_unavailable"})
            elif path == "/metrics":
                content_type, text = metrics.expose(self.headers.get("accept"))
                self._send(200, {"content-type": content_type}, text.encode())
            elif path == "/":
                self._send_json(405, {"error": "method GET not allowed on /"})
            else:
                self._send_json(404, {"error": f"no route {path}"})

    return WrapperRequestHandler


def serve(config: Config, loaded: LoadedHandler, metrics: FunctionMetrics) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((config.listen_address, config.port), make_handler_class(config, loaded, metrics))
    server.daemon_threads = True
    return server
