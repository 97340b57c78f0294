# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How a rejected event gets resolved, and what the office asks the tablet.

A rejected event stays in the tablet's outbox as a dead letter and holds the
later events of its work order there. A supervisor resolves it on the tablet
by resending it (a new event with ``resend_of``) or discarding it (an
``event.discard``); both reach Odoo like any event and are written here on
the failed event's ledger row. A supervisor in Odoo may decide instead; the
decision waits on the row until the tablet sends the matching resend or
discard (:func:`pending_decisions` is what ``GET /decisions`` answers).

Only this terminal's own ``rejected`` and unresolved rows are resolved;
anything else a resend or a discard names is left alone, never an error:
the tablet may resolve twice, or after a supervisor resolved in Odoo.
"""

from odoo import fields

from .wire import format_timestamp

DISCARD_REASON_MAX = 200


def _own_row(terminal, event_uuid):
    """This terminal's ledger row with this id, in the terminal's env."""
    if not event_uuid:
        return terminal.env["shopfloor.terminal.event"]
    return terminal.env["shopfloor.terminal.event"].search(
        [("event_uuid", "=", event_uuid), ("terminal_id", "=", terminal.id)],
        limit=1,
    )


def _needs_resolution(row):
    return row.status == "rejected" and not row.resolution


def _close_decision(row):
    """The tablet acted on this row: an office decision is no longer pending."""
    if row.decision and not row.decision_done_at:
        row.decision_done_at = fields.Datetime.now()


def resolve_resent(terminal, resent, resolved_by):
    """A decided (applied or rejected) resend resolves the event it names.

    ``resent`` is the new event's ledger row; ``resolved_by`` the
    supervisor's employee (may be empty).
    """
    original = _own_row(terminal, resent.resend_of)
    if not original or original == resent:
        return
    resent.resend_of_id = original
    if _needs_resolution(original):
        original.write(
            {
                "resolution": "resent",
                "resent_as_id": resent.id,
                "resolved_by_employee_id": resolved_by.id or False,
                "resolved_at": fields.Datetime.now(),
            }
        )
    _close_decision(original)


def discard(terminal, event_uuid, reason, resolved_by):
    """Apply an ``event.discard``; return the row it resolved, or an empty one."""
    row = _own_row(terminal, event_uuid)
    if not row:
        return row
    if _needs_resolution(row):
        row.write(
            {
                "resolution": "discarded",
                "resolution_reason": reason,
                "resolved_by_employee_id": resolved_by.id or False,
                "resolved_at": fields.Datetime.now(),
            }
        )
    _close_decision(row)
    return row


def pending_decisions(terminal):
    """``GET /decisions``: office decisions the tablet has not carried out yet."""
    rows = terminal.env["shopfloor.terminal.event"].search(
        [
            ("terminal_id", "=", terminal.id),
            ("status", "=", "rejected"),
            ("decision", "!=", False),
            ("decision_done_at", "=", False),
        ],
        order="decided_at, id",
    )
    return {
        "decisions": [
            {
                "event_id": row.event_uuid,
                "action": row.decision,
                "decided_by": row.decided_by_id.name or "",
                "decided_at": format_timestamp(row.decided_at),
                "note": row.decision_note or None,
            }
            for row in rows
        ]
    }
