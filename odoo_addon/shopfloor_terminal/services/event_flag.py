# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Flagging an applied event for a person to look at.

An event that Odoo accepts only "with a warning" (consumption beyond the
BoM under the ``warning`` rule) is applied, as Odoo's own warning wizard
lets a person go on; the ledger row says why it needs a look, and the
MO's responsible gets an activity, as a person confirming the wizard
would be expected to tell them; an MO without one gets a note, signed by
the operator like every message a terminal posts (chatter.py).
"""

from . import chatter
from .wire import parse_uuid


def flag_event(ctx, production, summary, note):
    """Flag the ledger row of ``ctx``'s event and warn ``production``'s responsible."""
    env = production.env
    row = env["shopfloor.terminal.event"].search(
        [("event_uuid", "=", parse_uuid(ctx.event_id))], limit=1
    )
    row.flag = summary
    responsible = production.user_id
    if responsible:
        production.activity_schedule(
            "mail.mail_activity_data_warning",
            summary=summary,
            note=note,
            user_id=responsible.id,
        )
    else:
        chatter.post(production, chatter.lines(summary, note), ctx.employee)
