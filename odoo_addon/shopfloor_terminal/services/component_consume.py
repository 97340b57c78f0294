# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``component.consume``: a component lot consumed on the MO's raw move.

Recorded as Odoo's "Detailed Operations" of a component records it
(``mrp`` ``stock.move.action_show_details`` with ``force_manual_consumption``):
a picked ``stock.move.line`` with the lot and the quantity, and the move
marked ``manual_consumption`` so that ``_set_qty_producing`` and
``mrp.workorder.button_finish`` leave the operator's figures alone. Lines
Odoo reserved and the operator did not scan stay unpicked; ``stock.move.
_action_done`` drops them when the MO is closed, as it does for a barcode
scan. The genealogy Odoo's traceability report reads is exactly these
lines once they are done.
"""

from .errors import EventRefused
from .event_flag import flag_event
from .wire import is_int


def invalid(field, reason):
    return EventRefused(
        "invalid_event", f"{field}: {reason}.", {"field": field, "reason": reason}
    )


def component_moves(workorder):
    """The work order's own components, and the MO's that no operation consumes.

    Odoo links a component to a work order only when its BoM line names an
    operation; the others are consumed by the MO as a whole, and the
    operator still needs to see them.
    """
    production = workorder.production_id
    moves = workorder.move_raw_ids | production.move_raw_ids.filtered(
        lambda move: not move.workorder_id
    )
    return moves.filtered(lambda move: move.state != "cancel")


def consumed_lines(move):
    """The lines an operator (or Odoo, once done) has consumed on ``move``."""
    return move.move_line_ids.filtered(
        lambda line: line.picked or move.state == "done"
    )


def consumed_qty(move):
    """What was consumed on ``move``, in the move's unit."""
    return sum(
        line.product_uom_id._compute_quantity(line.quantity, move.product_uom)
        for line in consumed_lines(move)
    )


def apply_component_consume(applier, ctx):
    """Apply one ``component.consume``; returns the raw move it changed."""
    production = ctx.workorder.production_id
    if production.state in ("done", "cancel"):
        raise EventRefused(
            "workorder_closed",
            "This manufacturing order is already closed or cancelled.",
            {"production_state": production.state},
        )
    move = _component_move(ctx)
    qty = applier._qty(ctx)
    uom = move.product_uom
    if uom.is_zero(qty):
        raise EventRefused(
            "qty_invalid", "The quantity cannot be 0.", {"field": "payload.qty"}
        )
    lot = _lot(applier, ctx, move, qty)
    if qty > 0:
        _check_rule(ctx, move, qty)
        _add(move, lot, qty)
    else:
        _remove(move, lot, -qty)
    move.manual_consumption = True
    return move


def _component_move(ctx):
    move_id = ctx.payload.get("move_id")
    if not is_int(move_id):
        raise invalid("payload.move_id", "an integer")
    move = component_moves(ctx.workorder).filtered(lambda m: m.id == move_id)
    if not move:
        raise EventRefused(
            "component_unknown",
            "This component is not consumed by this work order.",
            {"move_id": move_id},
        )
    if move.state == "done":
        raise EventRefused(
            "workorder_closed",
            "This component was already consumed when its order was closed.",
            {"move_id": move_id},
        )
    return move


def _lot(applier, ctx, move, qty):
    product = move.product_id
    lot_name = applier._lot_name(ctx)
    if product.tracking == "none":
        if lot_name:
            raise invalid(
                "payload.lot_name", "not expected: this component is not tracked"
            )
        return applier.env["stock.lot"]
    # components are never invented: only an existing lot is consumed
    lot = applier._existing_lot(
        lot_name,
        product,
        "This component is tracked: scan the lot or serial number consumed.",
        "No such lot or serial number for this component.",
    )
    if lot.shopfloor_is_held:
        raise EventRefused(
            "lot_on_hold",
            "This lot is on quality hold and cannot be consumed.",
            {"lot_name": lot_name, "hold_ids": lot.shopfloor_hold_ids.ids},
        )
    if product.tracking == "serial":
        if move.product_uom.compare(abs(qty), 1):
            raise EventRefused(
                "serial_qty",
                "A serial number is consumed one unit at a time.",
                {"field": "payload.qty"},
            )
        if qty > 0 and consumed_lines(move).filtered(lambda line: line.lot_id == lot):
            raise invalid("payload.lot_name", "this serial number is already consumed")
    return lot


def _check_rule(ctx, move, qty):
    """The BoM's consumption rule, as Odoo's ``_get_consumption_issues`` reads it."""
    production = move.raw_material_production_id
    total = consumed_qty(move) + qty
    if move.product_uom.compare(total, move.product_uom_qty) <= 0:
        return
    details = {
        "consumption": production.consumption,
        "qty_required": move.product_uom_qty,
        "qty": total,
    }
    if production.consumption == "strict":
        raise EventRefused(
            "consumption_exceeded",
            "This is more than the bill of materials allows for this component.",
            details,
        )
    if production.consumption == "warning":
        env = production.env
        flag_event(
            ctx,
            production,
            env._("Consumption over the bill of materials"),
            env._(
                "%(product)s: %(qty)s %(uom)s consumed, %(required)s expected.",
                product=move.product_id.display_name,
                qty=total,
                uom=move.product_uom.name,
                required=move.product_uom_qty,
            ),
        )


def _add(move, lot, qty):
    lines = move.move_line_ids.filtered(lambda line: line.lot_id == lot)
    picked = lines.filtered("picked")[:1]
    if picked:
        picked.quantity += qty
        return
    reserved = lines[:1]
    if reserved:
        # the lot Odoo reserved is the one consumed: its line is the record
        reserved.write({"quantity": qty, "picked": True})
        return
    move.env["stock.move.line"].create(
        {
            "move_id": move.id,
            "product_id": move.product_id.id,
            "product_uom_id": move.product_uom.id,
            "lot_id": lot.id or False,
            "quantity": qty,
            "picked": True,
            "location_id": _source_location(move, lot).id,
            "location_dest_id": move.location_dest_id.id,
        }
    )


def _remove(move, lot, qty):
    """A correction: give back ``qty`` of what was recorded for ``lot``."""
    lines = move.move_line_ids.filtered(
        lambda line: line.picked and line.lot_id == lot
    )
    recorded = sum(lines.mapped("quantity"))
    if move.product_uom.compare(qty, recorded) > 0:
        raise EventRefused(
            "qty_invalid",
            "A correction cannot give back more than was consumed.",
            {"field": "payload.qty", "qty_consumed": recorded},
        )
    for line in lines:
        if move.product_uom.is_zero(qty):
            break
        taken = min(qty, line.quantity)
        if move.product_uom.compare(taken, line.quantity) == 0:
            line.unlink()
        else:
            line.quantity -= taken
        qty -= taken


def _source_location(move, lot):
    """Where the lot is, under the move's source location, else the source itself."""
    quants = move.env["stock.quant"]._gather(
        move.product_id, move.location_id, lot_id=lot or None, strict=False
    )
    stocked = quants.filtered(lambda quant: quant.quantity > 0)
    return stocked[:1].location_id or move.location_id
