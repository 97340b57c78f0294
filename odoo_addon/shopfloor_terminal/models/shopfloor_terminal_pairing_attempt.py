# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models


class ShopfloorTerminalPairingAttempt(models.Model):
    """A failed pairing attempt, counted to slow down code guessing.

    Kept in the database (not in memory) so the limit holds across all
    Odoo workers.
    """

    _name = "shopfloor.terminal.pairing.attempt"
    _description = "Failed Terminal Pairing Attempt"
    _order = "attempted_at desc, id desc"
    _rec_name = "remote_addr"

    remote_addr = fields.Char(required=True, index=True)
    attempted_at = fields.Datetime(
        required=True, index=True, default=fields.Datetime.now
    )

    @api.model
    def _purge(self):
        self.search(
            [("attempted_at", "<", fields.Datetime.now() - timedelta(days=1))]
        ).unlink()
