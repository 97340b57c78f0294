# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""GET /events/<id>: the terminal's ledger entry for one of its events.

The terminal's reconciliation reads it to settle events whose answer it
lost (docs/api.md, "The ledger and GET /events/{id}").
"""

from .errors import ShopfloorApiError
from .wire import format_timestamp, parse_uuid
from .workorder_authority import serialize_owned


def lookup_event(terminal, event_id):
    event_uuid = parse_uuid(event_id)
    if not event_uuid:
        raise ShopfloorApiError(
            "invalid_request",
            "The event id must be a UUID.",
            {"field": "id", "reason": "UUID required"},
        )
    # the device user's record rules hide other terminals' events (404)
    event = terminal.env["shopfloor.terminal.event"].search(
        [("event_uuid", "=", event_uuid)], limit=1
    )
    if not event:
        raise ShopfloorApiError(
            "not_found", "No event with this id from this terminal."
        )
    return {
        "event": {
            "id": event.event_uuid,
            "type": event.event_type,
            "workorder_id": event.workorder_ref or None,
            "device_seq": int(event.device_seq),
            "status": event.status,
            "error": event.error or None,
            "correlation_id": event.correlation_id,
            "received_at": format_timestamp(event.received_at),
            "applied_at": format_timestamp(event.applied_at),
            "occurred_at": format_timestamp(event.occurred_at),
            "occurred_at_server": format_timestamp(event.occurred_at_server),
            "clock_jump_ms": event.clock_jump_ms or None,
            "workorder": serialize_owned(terminal, event.workorder_id),
            "resend_of": event.resend_of or None,
            "resolution": event.resolution or None,
            "resolved_at": format_timestamp(event.resolved_at),
        }
    }
