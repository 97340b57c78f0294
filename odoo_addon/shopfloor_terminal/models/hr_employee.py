# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    shopfloor_can_release_holds = fields.Boolean(
        string="Can Release Quality Holds",
        groups="hr.group_hr_user,mrp.group_mrp_manager",
        help="This operator may release quality holds from a shop floor terminal.",
    )
