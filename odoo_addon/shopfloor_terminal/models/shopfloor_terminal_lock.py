# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models


class ShopfloorTerminalLock(models.Model):
    """A record that requests applying terminal events take turns on.

    One row per work center, manufacturing order, or event naming no work
    order, written by every request that applies events there, so that
    requests wait for each other instead of failing on Odoo's hot rows
    (services/workcenter_locks.py). Rows only matter while requests run:
    the ledger's daily purge drops the ones not taken for a day.
    """

    _name = "shopfloor.terminal.lock"
    _description = "Shop Floor Terminal Apply Lock"
    _order = "taken_at desc, id desc"
    _rec_name = "key"
    _log_access = False

    key = fields.Char(
        required=True,
        readonly=True,
        help="The locked record (model,id), or the event naming no work order.",
    )
    taken_at = fields.Datetime(required=True, readonly=True, index=True)

    _key_unique = models.Constraint(
        "UNIQUE(key)", "A record is locked through one row only."
    )

    @api.model
    def _purge(self):
        self.search(
            [("taken_at", "<", fields.Datetime.now() - timedelta(days=1))]
        ).unlink()
