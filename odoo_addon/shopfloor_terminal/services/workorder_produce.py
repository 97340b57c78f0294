# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Produced quantities reach Odoo through its "Quantity Producing".

In Odoo Community a person reports what is being made in one place: the
MO's ``qty_producing`` (the form's "Quantity" field, which every work order
shows as its own ``qty_producing``). Setting it on a work order runs the
field's inverse, ``mrp.workorder._set_qty_producing``, which writes the MO's
and calls ``mrp.production._set_qty_producing`` (what the MO form's
``_onchange_qty_producing`` runs): every component move not consumed by
hand is set to ``(qty_producing - qty_produced) x unit factor`` and picked,
and so is the finished move of a serial product. An operation's
``qty_produced`` ("Quantity Done", editable only in debug mode) is written by
Done (``button_finish``) from that quantity.

The terminal counts per operation and Odoo produces per order, so:

- a produce adds to the operation's ``shopfloor_qty_reported`` and sets the
  MO's quantity producing to what the order is making now
  (:func:`order_quantity`);
- a finish sets it to the quantity the operator confirmed, then presses Done.
"""


def order_quantity(workorder, total):
    """What the MO makes once this operation made ``total``.

    The most any open operation reported, and never less than the last
    finished operation made (units that passed it are part of the order).
    A quantity only an earlier start set (``button_start`` sets the
    remaining quantity when there is none) gives way to what was reported.
    """
    others = workorder.production_id.workorder_ids.filtered(
        lambda operation: operation.state != "cancel"
    ) - workorder
    finished = others.filtered(lambda operation: operation.state == "done").sorted(
        lambda operation: (operation.sequence, operation.id)
    )
    counts = [total, *finished[-1:].mapped("qty_produced")]
    counts += [
        operation._shopfloor_qty_made()
        for operation in others
        if operation.state != "done"
    ]
    return max(counts)


def set_quantity_producing(workorder, qty):
    """The work order's "Quantity Producing" set as Odoo's form sets it."""
    if workorder.product_uom_id.compare(qty, workorder.production_id.qty_producing):
        # the field's inverse: mrp.workorder._set_qty_producing, then
        # mrp.production._set_qty_producing(False) moves the components
        workorder.qty_producing = qty


def apply_produce(applier, ctx):
    """``workorder.produce``: the produced lot, or an empty recordset."""
    workorder = ctx.workorder
    applier._check_open(workorder)
    applier._check_not_held(workorder)
    qty = applier._positive_qty(ctx)
    total = workorder._shopfloor_qty_made() + qty
    applier._check_tolerance(workorder, total)
    lot = applier._produced_lot(ctx, qty=qty)
    workorder.shopfloor_qty_reported = total
    set_quantity_producing(workorder, order_quantity(workorder, total))
    return lot


def set_finished_quantity(workorder, qty):
    """Before Done: the quantity the operator confirmed becomes the MO's
    quantity producing, from which ``button_finish`` picks the remaining
    components and writes ``qty_produced``.

    Done keeps a ``qty_produced`` already set (an older addon wrote it, or
    an admin in debug mode), and for a serial product the MO's quantity is
    its number of serials, which may differ from this operation's: then,
    only then, ``qty_produced`` is written directly so that it is ``qty``.
    """
    set_quantity_producing(workorder, qty)
    if workorder.product_uom_id.compare(
        qty, workorder.qty_produced or workorder.qty_producing
    ):
        workorder.qty_produced = qty
