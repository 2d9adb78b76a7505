"""W3C traceparent parsing: an invalid header is ignored, as the Trace Context spec says."""
import re
from typing import Optional

_TRACEPARENT = re.compile(r"^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$")


def trace_id_of(traceparent: Optional[str]) -> Optional[str]:
    match = _TRACEPARENT.match((traceparent or "").strip())
    if not match or match.group(1) == "ff" or set(match.group(2)) == {"0"} or set(match.group(3)) == {"0"}:
        return None
    return match.group(2)
