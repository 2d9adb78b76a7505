"""Decodes plain JSON, CloudEvents binary mode (ce-* headers) and structured mode (application/cloudevents+json).

Reply rule (identical in every runtime): the reply is a binary-mode CloudEvent of type
`io.knative.lambda.response.<status>` with source `io.knative.lambda/<namespace>/<function>` and NO subject.
Function triggers filter on `subject == <function>` and never on the response type namespace, so a reply cannot
re-trigger the function that produced it. A request that is itself a response event gets no reply event at all.
"""
import base64
import json
import uuid
from datetime import datetime, timezone
from typing import Any, Dict, Mapping, NamedTuple, Optional

from .failure import InvocationFailure, message_of

RESPONSE_TYPE_PREFIX = "io.knative.lambda.response."
_REQUIRED = ("id", "source", "type")
_STRUCTURED = "application/cloudevents+json"
_BATCH = "application/cloudevents-batch+json"


class DecodedRequest(NamedTuple):
    data: Any
    event: Optional[Dict[str, str]]


def _invalid(message: str) -> InvocationFailure:
    return InvocationFailure("validation", message)


def _media_type(content_type: Optional[str]) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def _is_json(media_type: str) -> bool:
    return media_type in ("", "application/json", "text/json") or media_type.endswith("+json")


def _parse_json(body: bytes, what: str) -> Any:
    if not body:
        return None
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise _invalid(f"{what} is not valid JSON ({message_of(error)})") from None


def _check(attributes: Dict[str, str]) -> Dict[str, str]:
    if attributes.get("specversion") != "1.0":
        raise _invalid(f'unsupported CloudEvents specversion {json.dumps(attributes.get("specversion"))} (want "1.0")')
    missing = [name for name in _REQUIRED if not attributes.get(name)]
    if missing:
        raise _invalid(f"CloudEvent is missing required attribute(s): {', '.join(missing)}")
    return attributes


def _decode_binary(headers: Mapping[str, str], body: bytes) -> DecodedRequest:
    attributes = {name.lower()[3:]: value for name, value in headers.items() if name.lower().startswith("ce-")}
    media_type = _media_type(headers.get("content-type"))
    if media_type:
        attributes["datacontenttype"] = media_type
    data = _parse_json(body, "event data") if _is_json(media_type) else body.decode("utf-8", "replace")
    return DecodedRequest(data, _check(attributes))


def _decode_structured(body: bytes) -> DecodedRequest:
    envelope = _parse_json(body, "structured CloudEvent")
    if not isinstance(envelope, dict):
        raise _invalid("structured CloudEvent must be a JSON object")
    data = envelope.pop("data", None)
    data_base64 = envelope.pop("data_base64", None)
    attributes = {name.lower(): value if isinstance(value, str) else json.dumps(value) for name, value in envelope.items()}
    if isinstance(data_base64, str):
        data = base64.b64decode(data_base64).decode("utf-8", "replace")
    return DecodedRequest(data, _check(attributes))


def decode_request(headers: Mapping[str, str], body: bytes) -> DecodedRequest:
    media_type = _media_type(headers.get("content-type"))
    if media_type == _BATCH:
        raise _invalid("CloudEvents batch mode is not supported: send one event per request")
    if media_type == _STRUCTURED:
        return _decode_structured(body)
    if headers.get("ce-specversion") is not None:
        return _decode_binary(headers, body)
    return DecodedRequest(_parse_json(body, "request body"), None)


def is_response_event(event: Optional[Dict[str, str]]) -> bool:
    return bool(event) and event.get("type", "").startswith(RESPONSE_TYPE_PREFIX)


def reply_headers(namespace: str, function_name: str, status: str) -> Dict[str, str]:
    return {
        "ce-specversion": "1.0",
        "ce-id": str(uuid.uuid4()),
        "ce-source": f"io.knative.lambda/{namespace}/{function_name}",
        "ce-type": f"{RESPONSE_TYPE_PREFIX}{status}",
        "ce-time": datetime.now(timezone.utc).isoformat().replace("+00:00", "Z"),
        "content-type": "application/json",
    }
