# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How a ledger row reads for a person in Odoo.

The ledger keeps each event as the tablet sent it (raw type, payload with
database ids, error code); this module turns those into words: the event
kind as a selection, one table of error labels, and the payload as named
lines. Nothing here writes: it is called from computed fields.
"""

import json

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

OTHER_KIND = "other"

# The ledger's selection of event kinds, one per contract event type. A type
# the addon does not know (an ``invalid_event``, or a newer tablet) is kept as
# received in ``event_type`` and reads as "other".
EVENT_KINDS = [
    ("workorder.start", "Start"),
    ("workorder.pause", "Pause"),
    ("workorder.produce", "Quantity reported"),
    ("workorder.finish", "Finish"),
    ("scrap.record", "Scrap"),
    ("quality.hold", "Quality hold"),
    ("quality.release", "Hold release"),
    ("downtime.start", "Downtime start"),
    ("downtime.end", "Downtime end"),
    ("event.discard", "Discard of a failed event"),
    ("component.consume", "Component consumed"),
    ("production.close", "Production closed"),
    (OTHER_KIND, "Other"),
]
_KNOWN_KINDS = frozenset(kind for kind, _label in EVENT_KINDS) - {OTHER_KIND}

# Error code -> what a supervisor reads (the contract's codes, services/errors.py).
ERROR_LABELS = {
    "invalid_event": _lt("Invalid event"),
    "workorder_not_found": _lt("Work order not found"),
    "workorder_forbidden": _lt("Work order not on this terminal's work centers"),
    "workorder_closed": _lt("Work order already finished or cancelled"),
    "workorder_on_hold": _lt("Work order on quality hold"),
    "workorder_blocked": _lt("Work order waiting for an earlier operation"),
    "workcenter_down": _lt("Work center down"),
    "qty_invalid": _lt("Invalid quantity"),
    "qty_over_tolerance": _lt("Quantity over the tolerance"),
    "lot_required": _lt("Lot or serial number required"),
    "lot_unknown": _lt("Unknown lot or serial number"),
    "serial_already_produced": _lt("Serial number already produced"),
    "serial_qty": _lt("A serial number is one unit"),
    "reason_unknown": _lt("Unknown reason"),
    "employee_unknown": _lt("Operator not known on this terminal"),
    "hold_unknown": _lt("Unknown hold"),
    "hold_not_active": _lt("Hold already released"),
    "release_not_allowed": _lt("Operator may not release holds"),
    "supervisor_required": _lt("No supervisor authorized it"),
    "product_unknown": _lt("Unknown product"),
    "downtime_not_open": _lt("No open downtime"),
    "downtime_already_open": _lt("Downtime already open"),
    "component_unknown": _lt("Not a component of this work order"),
    "lot_on_hold": _lt("Lot on quality hold"),
    "consumption_exceeded": _lt("More than the bill of materials allows"),
    "consumption_mismatch": _lt("Consumption differs from the bill of materials"),
    "close_not_allowed": _lt("Closing production not allowed on this terminal"),
    "internal_error": _lt("Failed repeatedly on the server"),
    "hold_forbidden": _lt("Hold of another work center"),
    "product_forbidden": _lt("Product not part of this manufacturing order"),
    "scrap_over_cap": _lt("Scrap above the allowed maximum"),
    "occurred_too_old": _lt("Event too old"),
    "occurred_before_start": _lt("Dated before the start it closes"),
    "operator_time_overlap": _lt("Overlaps the operator's other time"),
    "occurred_before_workorder": _lt("Dated before the work order existed"),
    "waiting_for_earlier_event": _lt("Waiting for an earlier event"),
    "lock_timeout": _lt("Busy record, will retry"),
    "temporarily_unavailable": _lt("Odoo busy, will retry"),
}

# payload key -> (label, model of the id it carries, or None for a plain value)
_PAYLOAD_FIELDS = {
    "product_id": (_lt("Product"), "product.product"),
    "qty": (_lt("Quantity"), None),
    "qty_basis": (_lt("Quantity basis"), None),
    "lot_name": (_lt("Lot/Serial"), None),
    "loss_reason_id": (_lt("Loss reason"), "mrp.workcenter.productivity.loss"),
    "hold_id": (_lt("Hold"), "shopfloor.quality.hold"),
    "event_id": (_lt("Failed event"), None),
    "move_id": (_lt("Component move"), "stock.move"),
    "backorder": (_lt("Backorder"), None),
    "reason": (_lt("Reason"), None),
    "note": (_lt("Note"), None),
}
# ``reason_id`` names a different model by event type
_REASON_MODELS = {
    "scrap.record": "stock.scrap.reason.tag",
    "quality.hold": "shopfloor.hold.reason",
}


def event_kind(event_type):
    """The selection value for a raw event type (``other`` if unknown)."""
    return event_type if event_type in _KNOWN_KINDS else OTHER_KIND


def error_label(env, code, message=None):
    """A readable label for an error code, in ``env``'s language.

    An unknown code (a newer server's) keeps its message, or the code itself.
    """
    if not code:
        return ""
    label = ERROR_LABELS.get(code)
    return label._translate(env.lang) if label else message or code


def _record_name(env, model, value):
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return json.dumps(value)
    record = env[model].browse(value).exists()
    if not record:
        return env._("#%(id)s (not found)", id=value)
    return record.display_name


def _failed_event_name(env, value):
    if not isinstance(value, str):
        return json.dumps(value)
    row = env["shopfloor.terminal.event"].search([("event_uuid", "=", value)], limit=1)
    return row.display_name if row else value


def payload_lines(env, event_type, payload):
    """``[(label, value)]`` for a payload: ids read as the names of their records.

    Keys the table does not know are listed under their own name with their
    JSON value, so nothing the tablet sent is hidden.
    """
    if not isinstance(payload, dict):
        return []
    lines = []
    for key, value in payload.items():
        if key == "reason_id" and event_type in _REASON_MODELS:
            label = _lt("Reason")
            model = _REASON_MODELS[event_type]
        elif key in _PAYLOAD_FIELDS:
            label, model = _PAYLOAD_FIELDS[key]
        else:
            lines.append((key, json.dumps(value, ensure_ascii=False)))
            continue
        if model:
            text = _record_name(env, model, value)
        elif key == "event_id":
            text = _failed_event_name(env, value)
        elif isinstance(value, str):
            text = value
        else:
            text = json.dumps(value, ensure_ascii=False)
        lines.append((label._translate(env.lang), text))
    return lines
