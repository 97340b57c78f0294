# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reading what travels on the wire: headers, body, timestamps, and the
batch of POST /events with the content hash of each event."""

import hashlib
import json
import re
import uuid
from datetime import UTC, datetime

from werkzeug.exceptions import RequestEntityTooLarge

from .errors import ShopfloorApiError

API_PREFIX = "/shopfloor_terminal/v1"
API_VERSION = "1"
MAX_BODY_BYTES = 1024 * 1024
MAX_BATCH = 200
MIN_CLIENT_MAJOR = 1
# the largest integer a JavaScript client can send exactly
MAX_SAFE_INTEGER = 2**53 - 1
# objects and arrays, the body included: {"events": [{"payload": {}}]} is 4
MAX_BODY_DEPTH = 8

CORRELATION_ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_SEMVER_MAJOR_RE = re.compile(r"^\s*v?(\d+)\.(\d+)\.(\d+)")


def correlation_id_from(headers):
    """The caller's X-Correlation-ID when it is well formed, else a new one.

    A malformed value is ignored rather than refused: it is transport
    metadata and must never cost the caller its request.
    """
    value = headers.get("X-Correlation-ID") or ""
    if CORRELATION_ID_RE.match(value):
        return value
    return uuid.uuid4().hex


def check_client_version(headers):
    """Refuse clients older than the oldest one this server supports."""
    value = headers.get("X-Terminal-Client")
    if not value:
        return
    match = _SEMVER_MAJOR_RE.match(value)
    if not match:
        return  # unparseable: ignored (contract decisions)
    if int(match.group(1)) < MIN_CLIENT_MAJOR:
        raise ShopfloorApiError(
            "client_too_old",
            "This terminal app is too old for this server; update it.",
            {"minimum_version": f"{MIN_CLIENT_MAJOR}.0.0", "client_version": value},
        )


def read_json_body(httprequest):
    """Read at most MAX_BODY_BYTES of the body and parse it as JSON.

    Content-Length is checked first, so an oversized body is refused before
    a byte of it is read; werkzeug then reads no more than Content-Length.
    A chunked body (no Content-Length) is bounded by max_content_length,
    which werkzeug >= 2.3 enforces while reading (RequestEntityTooLarge);
    the length check after reading covers older werkzeug.
    """
    length = httprequest.content_length
    if length is not None and length > MAX_BODY_BYTES:
        raise _too_large()
    httprequest.max_content_length = MAX_BODY_BYTES
    try:
        data = httprequest.get_data(cache=True)
    except RequestEntityTooLarge as exc:
        raise _too_large() from exc
    if len(data) > MAX_BODY_BYTES:
        raise _too_large()
    try:
        body = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        raise ShopfloorApiError(
            "malformed_json",
            "The request body is not valid JSON.",
            {"reason": str(exc)},
        ) from exc
    except RecursionError as exc:
        # Python's parser recurses per level: a few thousand levels end here
        raise _too_deep() from exc
    if json_depth(body) > MAX_BODY_DEPTH:
        raise _too_deep()
    return body


def _too_deep():
    return ShopfloorApiError(
        "invalid_request",
        f"The request body nests deeper than {MAX_BODY_DEPTH} levels; "
        "send flat payloads.",
        {
            "field": "body",
            "reason": f"nested deeper than {MAX_BODY_DEPTH} levels",
            "max_depth": MAX_BODY_DEPTH,
        },
    )


def json_depth(value):
    """How deep ``value`` nests objects and arrays (a scalar is 0), without
    recursion; stops counting past MAX_BODY_DEPTH."""
    deepest = 0
    stack = [(value, 0)]
    while stack:
        current, depth = stack.pop()
        if isinstance(current, dict):
            children = current.values()
        elif isinstance(current, list):
            children = current
        else:
            continue
        deepest = max(deepest, depth + 1)
        if deepest > MAX_BODY_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


def _refuse_constant(name):
    # Python accepts NaN and Infinity; JSON (RFC 8259) does not
    raise ValueError(f"{name} is not valid JSON")


def _too_large():
    return ShopfloorApiError(
        "payload_too_large",
        "The request body is larger than 1 MiB.",
        {"max_body_bytes": MAX_BODY_BYTES},
    )


HASHED_KEYS = (
    "type",
    "workorder_id",
    "occurred_at",
    "device_seq",
    "employee_id",
    "payload",
)


def content_hash(event):
    """sha256 of the canonical JSON of what the event says (not its transport)."""
    content = {key: event.get(key) for key in HASHED_KEYS}
    canonical = json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    # surrogatepass: a lone surrogate must still hash (it is refused later)
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def validate_batch(body):
    """The events of a POST /events body; refuse the whole batch if unusable."""
    if not isinstance(body, dict) or not isinstance(body.get("events"), list):
        raise ShopfloorApiError(
            "invalid_request",
            'The body must be {"events": [...]}.',
            {"field": "events", "reason": "array required"},
        )
    events = body["events"]
    if len(events) > MAX_BATCH:
        raise ShopfloorApiError(
            "batch_too_large",
            f"At most {MAX_BATCH} events per request.",
            {"max_batch": MAX_BATCH, "count": len(events)},
        )
    if not events:
        raise ShopfloorApiError(
            "invalid_request",
            "Send at least one event.",
            {"field": "events", "reason": "1..200 events"},
        )
    for index, event in enumerate(events):
        if not isinstance(event, dict):
            raise ShopfloorApiError(
                "invalid_request",
                "Each event must be an object.",
                {"field": f"events[{index}]", "reason": "object"},
            )
        if parse_uuid(event.get("id")) is None:
            # without an id no result can be addressed: the batch is refused
            raise ShopfloorApiError(
                "invalid_request",
                "Each event needs an id that is a UUID.",
                {"field": f"events[{index}].id", "reason": "UUID required"},
            )
    return events


def parse_uuid(value):
    """The canonical lower-case form of a UUID string, or None."""
    if not isinstance(value, str):
        return None
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        return None


def parse_timestamp(value):
    """An ISO 8601 time with offset -> naive UTC datetime (Odoo's storage), or None."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
        if moment.tzinfo is None:
            return None
        return moment.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):
        # OverflowError: year 1 or 9999 moved past the calendar by its offset
        return None


def format_timestamp(moment):
    """A naive UTC datetime (as Odoo stores it) -> ISO 8601 with offset.

    Milliseconds are written when the time has any (occurred_at keeps the
    terminal's), which every JavaScript engine parses.
    """
    if not moment:
        return None
    timespec = "milliseconds" if moment.microsecond else "seconds"
    return moment.replace(tzinfo=UTC).isoformat(timespec=timespec)


def is_int(value):
    # bool is an int subclass in Python; JSON true must not pass as 1
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value):
    return is_int(value) or isinstance(value, float)
