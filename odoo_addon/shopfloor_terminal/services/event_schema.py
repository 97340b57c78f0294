# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an event may contain, field by field, checked before any query.

Every field is checked for type, range and length here, so no input
reaches PostgreSQL in a shape it would fail on (a NUL in a string, an id
beyond ``integer``, a lone surrogate that cannot be encoded): such input
is an ``invalid_event`` naming the field, never a 500. The limits are the
contract's (docs/api.md, "Limits"); the demo backend applies the same
table (server/ingest/payload-schema.ts).
"""

import math
import re

from .errors import EventRefused
from .wire import CORRELATION_ID_RE, MAX_SAFE_INTEGER, is_int, is_number, parse_uuid

# ids are PostgreSQL ``integer`` keys
MAX_ID = 2**31 - 1
# the most one event may report, in the product's unit; the business caps
# (overproduction tolerance, scrap cap) apply after this one
MAX_QTY = 10_000_000
MAX_LOT_LENGTH = 128
MAX_NOTE_LENGTH = 2000
# a supervisor's reason for discarding a failed event (event.discard)
MAX_DISCARD_REASON_LENGTH = 200
QTY_BASES = ("reported", "planned")

EVENT_TYPES = (
    "workorder.start",
    "workorder.pause",
    "workorder.produce",
    "workorder.finish",
    "scrap.record",
    "quality.hold",
    "quality.release",
    "downtime.start",
    "downtime.end",
    "event.discard",
    "component.consume",
    "production.close",
)

# C0, DEL and C1 controls; a note may keep tabs and line breaks
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_TEXT_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


def invalid(field, reason):
    return EventRefused(
        "invalid_event", f"{field}: {reason}.", {"field": field, "reason": reason}
    )


def read_id(value, field):
    if not is_int(value) or not 1 <= value <= MAX_ID:
        raise invalid(field, f"an integer id from 1 to {MAX_ID}")
    return value


def read_qty(value, field):
    """A finite number up to MAX_QTY; at or below 0 is the business rule's
    refusal (``qty_invalid``), as before this table existed."""
    if not is_number(value) or (isinstance(value, float) and not math.isfinite(value)):
        raise invalid(field, "a number")
    if value > MAX_QTY:
        raise invalid(field, f"at most {MAX_QTY}")
    if value < -MAX_QTY:
        raise invalid(field, "a quantity above 0")
    return float(value)


def read_text(value, field, max_length, multiline=False):
    """Trimmed text, or None when blank."""
    if not isinstance(value, str):
        raise invalid(field, "a string")
    if _SURROGATE_RE.search(value):
        raise invalid(field, "well-formed Unicode (a lone surrogate was sent)")
    if (_CONTROL_IN_TEXT_RE if multiline else _CONTROL_RE).search(value):
        raise invalid(field, "free of control characters")
    text = value.strip()
    if len(text) > max_length:
        raise invalid(field, f"at most {max_length} characters")
    return text or None


def read_uuid(value, field):
    if not isinstance(value, str) or parse_uuid(value) is None:
        raise invalid(field, "an event id (a UUID)")
    return value


def read_bool(value, field):
    if not isinstance(value, bool):
        raise invalid(field, "true or false")
    return value


def read_choice(choices):
    def read(value, field):
        if value not in choices:
            raise invalid(field, f"one of {', '.join(choices)}")
        return value

    return read


def read_reason(value, field):
    text = read_text(value, field, MAX_DISCARD_REASON_LENGTH)
    if text is None:
        raise invalid(field, "required")
    return text


def _required(reader):
    def read(value, field):
        if value is None:
            raise invalid(field, "required")
        return reader(value, field)

    return read


def _optional(reader):
    def read(value, field):
        return None if value is None else reader(value, field)

    return read


ID = _required(read_id)
OPTIONAL_ID = _optional(read_id)
QTY = _required(read_qty)
OPTIONAL_LOT = _optional(lambda v, f: read_text(v, f, MAX_LOT_LENGTH))
OPTIONAL_NOTE = _optional(lambda v, f: read_text(v, f, MAX_NOTE_LENGTH, True))
UUID = _required(read_uuid)
OPTIONAL_UUID = _optional(read_uuid)
BOOL = _required(read_bool)
REASON = _required(read_reason)
OPTIONAL_QTY_BASIS = _optional(read_choice(QTY_BASES))

# The known payload keys of each type and how each is read; any other key
# is refused. Issue-specific additions go here, one line each.
PAYLOAD_FIELDS = {
    "workorder.start": {},
    "workorder.pause": {"loss_reason_id": OPTIONAL_ID},
    "workorder.produce": {"qty": QTY, "lot_name": OPTIONAL_LOT},
    # the quantity the operator confirmed; never Odoo's fallback (issue 13)
    "workorder.finish": {
        "qty": QTY,
        "qty_basis": OPTIONAL_QTY_BASIS,
        "lot_name": OPTIONAL_LOT,
    },
    "scrap.record": {
        "product_id": ID,
        "qty": QTY,
        "lot_name": OPTIONAL_LOT,
        "reason_id": OPTIONAL_ID,
        "note": OPTIONAL_NOTE,
    },
    "quality.hold": {
        "lot_name": OPTIONAL_LOT,
        "reason_id": ID,
        "note": OPTIONAL_NOTE,
    },
    "quality.release": {"hold_id": ID, "note": OPTIONAL_NOTE},
    "downtime.start": {"loss_reason_id": ID, "note": OPTIONAL_NOTE},
    "downtime.end": {},
    "event.discard": {"event_id": UUID, "reason": REASON},
    "component.consume": {"move_id": ID, "qty": QTY, "lot_name": OPTIONAL_LOT},
    "production.close": {"backorder": BOOL},
}


def read_payload(event_type, payload):
    """The payload of a known type, each field read by PAYLOAD_FIELDS.

    Absent and blank optional fields are left out; text is trimmed.
    """
    if not isinstance(payload, dict):
        raise invalid("payload", "an object")
    fields = PAYLOAD_FIELDS[event_type]
    for key in payload:
        if key not in fields:
            known = ", ".join(fields) or "none"
            raise invalid(
                f"payload.{storable(key)}",
                f"not a field of {event_type} (known: {known})",
            )
    read = {}
    for key, reader in fields.items():
        value = reader(payload.get(key), f"payload.{key}")
        if value is not None:
            read[key] = value
    return read


def check_envelope(event):
    """Check the fields around the payload (the timestamp is parsed by the
    caller). Returns the event type."""
    event_type = event.get("type")
    if event_type not in EVENT_TYPES:
        raise invalid("type", f"one of {', '.join(EVENT_TYPES)}")
    read_id(event.get("workorder_id"), "workorder_id")
    device_seq = event.get("device_seq")
    if not is_int(device_seq) or not 0 <= device_seq <= MAX_SAFE_INTEGER:
        raise invalid("device_seq", "an integer >= 0")
    if event.get("employee_id") is not None:
        read_id(event["employee_id"], "employee_id")
    # a resent event: the failed event it replaces, and the supervisor
    OPTIONAL_UUID(event.get("resend_of"), "resend_of")
    OPTIONAL_ID(event.get("resolved_by"), "resolved_by")
    correlation_id = event.get("correlation_id")
    if correlation_id is not None and not (
        isinstance(correlation_id, str) and CORRELATION_ID_RE.fullmatch(correlation_id)
    ):
        raise invalid("correlation_id", "1 to 64 characters of A-Z a-z 0-9 . _ -")
    return event_type


def is_plain_text(text):
    """True for well-formed text without control characters."""
    return not _SURROGATE_RE.search(text) and not _CONTROL_RE.search(text)


def is_storable(text):
    """True when PostgreSQL can store the text (no NUL, no lone surrogate)."""
    return "\x00" not in text and not _SURROGATE_RE.search(text)


def storable(value):
    """``value`` as the ledger can keep it, whatever the terminal sent.

    An invalid event is still recorded; what PostgreSQL cannot hold (NUL,
    lone surrogates) is replaced by U+FFFD. The body's depth is bounded by
    wire.MAX_BODY_DEPTH before this runs.
    """
    if isinstance(value, str):
        return value if is_storable(value) else _SURROGATE_RE.sub(
            "\ufffd", value.replace("\x00", "\ufffd")
        )
    if isinstance(value, dict):
        return {storable(key): storable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [storable(item) for item in value]
    return value
