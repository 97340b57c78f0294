# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..services.workcenter_downtime import block_line_domain


class MrpWorkcenter(models.Model):
    _inherit = "mrp.workcenter"

    shopfloor_terminal_ids = fields.Many2many(
        "shopfloor.terminal",
        "shopfloor_terminal_workcenter_rel",
        "workcenter_id",
        "terminal_id",
        string="Shop Floor Terminals",
    )
    shopfloor_employee_ids = fields.Many2many(
        "hr.employee",
        "shopfloor_workcenter_employee_rel",
        "workcenter_id",
        "employee_id",
        string="Shop Floor Operators",
        help="Employees who may sign in on this work center's terminals. "
        "Empty: no one, unless the terminal lets all employees sign in.",
    )

    def _shopfloor_open_downtime(self):
        """The open block line of this work center (a manual loss), if any."""
        self.ensure_one()
        return self.env["mrp.workcenter.productivity"].search(
            block_line_domain(self) + [("date_end", "=", False)],
            order="date_start asc, id asc",
        )
