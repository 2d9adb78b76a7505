"""Request framing: which heads are not requests at all, and reading a body that may be cut short, badly chunked
or too large.

A request whose head is malformed (Content-Length not a non-negative 64-bit integer, Content-Length and
Transfer-Encoding both, a transfer coding other than chunked) is refused before it becomes an invocation, as Node's
http and Go's net/http refuse it before any wrapper code runs. Everything that goes wrong with the body of an
accepted request is a `validation` failure of that invocation (413 when it is too large).
"""
import re
from typing import BinaryIO, Mapping, Optional

from .failure import InvocationFailure

MAX_BODY_BYTES = 6 * 1024 * 1024
_DIGITS = re.compile(rb"^[0-9]+$")
_CHUNK_SIZE = re.compile(rb"^[0-9A-Fa-f]{1,16}$")
_MAX_INT64 = 2**63 - 1
_MAX_LINE = 4096
_MAX_TRAILER_LINES = 64


class BodyFailure(InvocationFailure):
    """A validation failure that leaves unread body bytes on the connection: answer, then drain and close."""

    def __init__(self, message: str, http_status: int = 400):
        super().__init__("validation", message, http_status)


def _too_large() -> BodyFailure:
    return BodyFailure(f"request body exceeds {MAX_BODY_BYTES} bytes", 413)


def framing_problem(headers) -> Optional[str]:
    """Why this request head is not a request (answered 400, not counted), or None."""
    lengths = headers.get_all("content-length") or []
    encodings = headers.get_all("transfer-encoding") or []
    if lengths and encodings:
        return "Content-Length and Transfer-Encoding both set"
    if len(set(value.strip() for value in lengths)) > 1:
        return "conflicting Content-Length headers"
    if lengths:
        value = lengths[0].strip().encode("latin-1", "replace")
        if not _DIGITS.match(value) or int(value) > _MAX_INT64:
            return f"invalid Content-Length {lengths[0]!r}"
    if encodings and [value.strip().lower() for value in encodings] != ["chunked"]:
        return f"unsupported Transfer-Encoding {', '.join(encodings)!r}"
    return None


def declared_length(headers: Mapping[str, str]) -> Optional[int]:
    """The Content-Length of a request that passed framing_problem, or None when it is chunked."""
    if headers.get("transfer-encoding"):
        return None
    return int((headers.get("content-length") or "0").strip())


def _line(stream: BinaryIO, what: str) -> bytes:
    line = stream.readline(_MAX_LINE + 1)
    if not line.endswith(b"\n"):
        raise BodyFailure(f"request body ended inside the {what}" if len(line) <= _MAX_LINE else f"{what} is too long")
    return line.rstrip(b"\r\n")


def _read_exactly(stream: BinaryIO, size: int, what: str) -> bytes:
    data = stream.read(size)
    if len(data) < size:
        raise BodyFailure(f"request body ended after {len(data)} of {size} bytes of the {what}")
    return data


def _read_chunked(stream: BinaryIO) -> bytes:
    parts = []
    total = 0
    while True:
        size_text = _line(stream, "chunk size").split(b";", 1)[0].strip()
        if not _CHUNK_SIZE.match(size_text):
            raise BodyFailure(f"invalid chunk size {size_text[:32].decode('latin-1')!r}")
        size = int(size_text, 16)
        if size == 0:
            for _ in range(_MAX_TRAILER_LINES):
                if not _line(stream, "trailer"):
                    return b"".join(parts)
            raise BodyFailure("too many trailer lines")
        total += size
        if total > MAX_BODY_BYTES:
            raise _too_large()
        parts.append(_read_exactly(stream, size, "chunk"))
        if _line(stream, "chunk end"):
            raise BodyFailure("chunk data longer than its size")


def read_body(stream: BinaryIO, headers: Mapping[str, str]) -> bytes:
    """The whole body, at most MAX_BODY_BYTES; BodyFailure when it is cut short, badly chunked or too large."""
    length = declared_length(headers)
    try:
        if length is None:
            return _read_chunked(stream)
        if length > MAX_BODY_BYTES:
            raise _too_large()
        return _read_exactly(stream, length, "body")
    except OSError as error:
        raise BodyFailure(f"reading the request body failed: {type(error).__name__}: {error}") from None
