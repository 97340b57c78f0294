# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ShopfloorHoldReason(models.Model):
    _name = "shopfloor.hold.reason"
    _description = "Quality Hold Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    responsible_id = fields.Many2one(
        "res.users",
        string="Quality Responsible",
        domain=[("share", "=", False)],
        help="Gets a to-do on each new hold for this reason. Empty: the "
        "responsible of the hold's manufacturing order gets it.",
    )

    _name_unique = models.Constraint(
        "unique(name)", "A hold reason with this name already exists."
    )
