# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The JSON shapes the terminal reads: WorkOrder, Product, Hold, Lot."""

import hashlib
import json

from .component_consume import component_moves, consumed_lines, consumed_qty
from .instructions import serialize_instructions
from .wire import format_timestamp


def serialize_product(product):
    return {
        "id": product.id,
        "display_name": product.display_name,
        "barcode": product.barcode or None,
        "tracking": product.tracking or "none",
        "uom": product.uom_id.name,
    }


def serialize_hold(hold):
    return {
        "id": hold.id,
        "lot_name": hold.lot_id.name or None,
        "workorder_id": hold.workorder_id.id or None,
        "reason": hold.reason_id.name,
        "state": hold.state,
        "note": hold.note or None,
    }


def serialize_lot(lot):
    expiration = lot["expiration_date"] if "expiration_date" in lot._fields else None
    holds = lot.shopfloor_hold_ids.filtered(lambda hold: hold.state == "held")
    return {
        "id": lot.id,
        "name": lot.name,
        "product": serialize_product(lot.product_id),
        "expiration_date": format_timestamp(expiration) if expiration else None,
        "holds": [serialize_hold(hold) for hold in holds],
    }


def _serialize_component(move):
    """One component line: what this operation needs, what was consumed, and
    whether the rest is there (Odoo's forecast, as the MO's "Component
    Status" column reads it)."""
    lines = consumed_lines(move)
    consumed = consumed_qty(move)
    lots = {}
    for line in lines.filtered("lot_id"):
        lots[line.lot_id.name] = lots.get(line.lot_id.name, 0.0) + line.quantity
    to_consume = max(move.product_uom_qty - consumed, 0.0)
    unpicked = move.move_line_ids - lines
    reserved = sum(unpicked.mapped("quantity"))
    available = move.forecast_availability if move.state != "done" else consumed
    expected = move.forecast_expected_date if move.state != "done" else False
    return {
        "move_id": move.id,
        "product": serialize_product(move.product_id),
        "qty_required": move.product_uom_qty,
        "qty_consumed": consumed,
        "tracking": move.product_id.tracking or "none",
        "lots": [{"name": name, "qty": qty} for name, qty in sorted(lots.items())],
        "availability": {
            "qty_reserved": reserved,
            "qty_available": available,
            "expected_date": format_timestamp(expected) if expected else None,
            "is_short": move.product_uom.compare(available, to_consume) < 0,
        },
    }


def _components_expected_date(production):
    """When the MO's late or expected components arrive, as Odoo's column shows it."""
    if production.components_availability_state not in ("expected", "late"):
        return None
    dates = production.move_raw_ids.filtered("forecast_expected_date").mapped(
        "forecast_expected_date"
    )
    return format_timestamp(max(dates)) if dates else None


def serialize_workorder(workorder):
    """A work order as the contract's WorkOrder, with its ``version``.

    ``version`` is a hash of everything else shown, so it changes exactly
    when something the terminal displays changes, whatever model moved.
    """
    production = workorder.production_id
    workcenter = workorder.workcenter_id
    holds = workorder.shopfloor_active_hold_ids
    open_timers = workorder.time_ids.filtered(lambda line: not line.date_end)
    data = {
        "id": workorder.id,
        "name": workorder.name,
        "sequence": workorder.sequence,
        "production": {
            "id": production.id,
            "name": production.name,
            "date_deadline": format_timestamp(production.date_deadline),
            "priority": production.priority or "0",
            "state": production.state,
        },
        "product": serialize_product(workorder.product_id),
        "work_center": {
            "id": workcenter.id,
            "name": workcenter.name,
            "code": workcenter.code or "",
        },
        "state": workorder.state,
        "is_running": bool(open_timers),
        "qty_production": workorder.qty_production,
        "qty_produced": workorder._shopfloor_qty_made(),
        "qty_producing": workorder.qty_producing,
        "lots_producing": [
            {"id": lot.id, "name": lot.name} for lot in production.lot_producing_ids
        ],
        "duration_expected": workorder.duration_expected,
        "duration": workorder.duration,
        "date_start": format_timestamp(workorder.date_start),
        "date_finished": format_timestamp(workorder.date_finished),
        "components": [
            _serialize_component(move) for move in component_moves(workorder)
        ],
        "consumption": production.consumption or "flexible",
        "components_availability_state": production.components_availability_state
        or None,
        "components_expected_date": _components_expected_date(production),
        "holds": [serialize_hold(hold) for hold in holds],
        "is_blocked": bool(holds) or workcenter.working_state == "blocked",
        **serialize_instructions(workorder),
    }
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    data["version"] = hashlib.sha256(canonical.encode()).hexdigest()[:32]
    return data
