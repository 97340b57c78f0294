# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class StockScrap(models.Model):
    _inherit = "stock.scrap"

    # The scrap is created by the terminal's device user; the person who
    # scrapped on the floor is this operator.
    shopfloor_employee_id = fields.Many2one(
        "hr.employee",
        string="Operator",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The operator who recorded this scrap on a shop floor terminal.",
    )
    shopfloor_terminal_id = fields.Many2one(
        "shopfloor.terminal",
        string="Terminal",
        readonly=True,
        ondelete="set null",
        help="The shop floor terminal this scrap was recorded on.",
    )
