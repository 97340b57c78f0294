# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``production.close {backorder}``: the MO's "Produce" / "Produce All".

Runs ``mrp.production.button_mark_done`` as the form's button does after
the quantity producing is set (``_set_qty_producing``, what the form's
``qty_producing`` onchange runs), and answers the wizards it would open
the way the terminal's operator chose, through the context keys Odoo's
own wizards pass:

- the consumption warning (``mrp.consumption.warning``): under ``warning``
  its "Confirm" (``skip_consumption``), and the event is flagged; under
  ``strict`` Odoo offers no confirmation, so the event is refused;
- the backorder wizard (``mrp.production.backorder``): "Create backorder"
  (``mo_ids_to_backorder``) or "No backorder" (an empty list), both with
  ``skip_backorder``.

Any other answer Odoo returns (a wizard this code does not know) refuses
the event rather than leaving the MO half closed.
"""

from .errors import EventRefused
from .event_flag import flag_event


def apply_production_close(applier, ctx):
    """Apply one ``production.close``; returns the MO."""
    backorder = ctx.payload.get("backorder")
    if not isinstance(backorder, bool):
        raise EventRefused(
            "invalid_event",
            "payload.backorder: true or false.",
            {"field": "payload.backorder", "reason": "true or false"},
        )
    if not applier.terminal.allow_production_close:
        raise EventRefused(
            "close_not_allowed",
            "This terminal may not close manufacturing orders; "
            "a supervisor closes it in Odoo.",
        )
    production = ctx.workorder.production_id
    if production.state == "done":
        return production  # closed already, here or in Odoo: nothing to do
    if production.state == "cancel":
        raise EventRefused(
            "workorder_closed",
            "This manufacturing order is cancelled.",
            {"production_state": production.state},
        )
    if production.shopfloor_hold_count:
        raise EventRefused(
            "workorder_on_hold",
            "This manufacturing order is on quality hold; "
            "a supervisor must release it first.",
        )
    _set_qty_producing(production)
    if production.product_id.tracking != "none" and not production.lot_producing_ids:
        raise EventRefused(
            "lot_required",
            "Record the lot or serial number produced before closing.",
            {"field": "payload.lot_name"},
        )
    skip_consumption = _answer_consumption(ctx, production)
    result = production.with_context(
        skip_redirection=True,
        skip_consumption=skip_consumption,
        skip_backorder=True,
        mo_ids_to_backorder=production.ids if backorder else [],
        **applier._odoo_context(ctx),
    ).button_mark_done()
    if result is not True or production.state != "done":
        raise EventRefused(
            "invalid_event",
            "Odoo asks a question the terminal cannot answer; "
            "close this manufacturing order in Odoo.",
            {"production_state": production.state},
        )
    if not production.date_start or production.date_start <= ctx.occurred_at:
        production.date_finished = ctx.occurred_at
    return production


def _set_qty_producing(production):
    """What the last operation made is what the MO produces now."""
    operations = production.workorder_ids.filtered(
        lambda workorder: workorder.state != "cancel"
    ).sorted(lambda workorder: (workorder.sequence, workorder.id))
    qty = (
        operations[-1]._shopfloor_qty_made()
        if operations
        else production.qty_producing
    )
    if production.product_uom_id.compare(qty, 0) <= 0:
        raise EventRefused(
            "qty_invalid",
            "Nothing was produced on the last operation yet.",
            {"qty_produced": qty},
        )
    if production.product_uom_id.compare(qty, production.qty_producing):
        production.qty_producing = qty
        production._set_qty_producing(False)


def _answer_consumption(ctx, production):
    issues = production._get_consumption_issues()
    if not issues:
        return False
    env = production.env
    lines = "; ".join(
        env._(
            "%(product)s: %(consumed)s consumed, %(expected)s expected",
            product=product.display_name,
            consumed=consumed,
            expected=expected,
        )
        for _order, product, consumed, expected in issues
    )
    if production.consumption == "strict":
        raise EventRefused(
            "consumption_mismatch",
            "The components consumed differ from the bill of materials, "
            "which is strict; correct them or close in Odoo.",
            {
                "issues": [
                    {
                        "product_id": product.id,
                        "qty_consumed": consumed,
                        "qty_expected": expected,
                    }
                    for _order, product, consumed, expected in issues
                ]
            },
        )
    flag_event(
        ctx, production, env._("Consumption differs from the bill of materials"), lines
    )
    return True
