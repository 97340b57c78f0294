# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Whether a terminal may act on a work order: decided once, here.

A terminal acts on the work orders of its work centers. That is decided
explicitly by :func:`authorize_workorder` before an event is applied, and by
:func:`owns` before a work order is shown; after that decision, Odoo's own
code runs in :func:`acting_env`, without record rules. Odoo's flows read and
write far beyond the work order a terminal touches: ``button_start`` sets
the MO's ``qty_producing``, whose inverse and ``mrp.workorder.write`` spread
it to every sibling work order, on every work center; serializing a work
order reads its MO. The device user's record rules (see
``shopfloor_terminal_security.xml``) would turn each of those reads into an
AccessError, and a work order moved by planning after the terminal acted on
it would freeze every replay of that event.
"""

from odoo.exceptions import AccessError

from .errors import EventRefused
from .workorder_serializer import serialize_workorder

DEVICE_GROUP = "shopfloor_terminal.group_shopfloor_terminal_device"


def acting_env(terminal):
    """The env events are applied and work orders serialized in.

    sudo: authorization is decided by :func:`authorize_workorder` and
    :func:`owns`, so Odoo's own flows are not cut short by record rules on
    the MO's other work orders. In Odoo 19 ``sudo()`` keeps ``env.uid``
    (``Environment.__call__`` only flips ``su``), so the device user stays
    the author: ``create_uid`` of timers, scraps and lots, and the
    ``user_id`` of the time lines Odoo opens. A device user taken out of
    its group (a misconfiguration) acts on nothing.
    """
    if not terminal.env.user.has_group(DEVICE_GROUP):
        raise AccessError(
            terminal.env._("This terminal's device user lost its access rights.")
        )
    return terminal.env(su=True)


def owns(terminal, workorder):
    """Whether ``workorder`` is on one of the terminal's work centers."""
    workorder = workorder.with_env(acting_env(terminal))
    return bool(workorder.exists()) and (
        workorder.workcenter_id in terminal.with_env(workorder.env).workcenter_ids
    )


def authorize_workorder(terminal, workorder_id):
    """The work order an event names, in :func:`acting_env`, or a refusal."""
    workorder = acting_env(terminal)["mrp.workorder"].browse(workorder_id)
    if not workorder.exists():
        raise EventRefused(
            "workorder_not_found",
            "This work order does not exist.",
            {"workorder_id": workorder_id},
        )
    if not owns(terminal, workorder):
        raise EventRefused(
            "workorder_forbidden",
            "This work order is not on one of the terminal's work centers.",
            {"workorder_id": workorder_id},
        )
    return workorder


def serialize_owned(terminal, workorder):
    """The contract's WorkOrder, or None for one the terminal does not own.

    A duplicate or a ledger lookup of an event whose work order moved away
    answers ``workorder: null``; the next delta lists it in ``removed``.
    """
    if not workorder or not owns(terminal, workorder):
        return None
    return serialize_workorder(workorder.with_env(acting_env(terminal)))
