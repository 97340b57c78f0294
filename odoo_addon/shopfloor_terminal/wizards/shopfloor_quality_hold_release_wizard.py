# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ShopfloorQualityHoldReleaseWizard(models.TransientModel):
    _name = "shopfloor.quality.hold.release.wizard"
    _description = "Release Quality Holds"

    hold_ids = fields.Many2many(
        "shopfloor.quality.hold",
        "shopfloor_hold_release_wizard_hold_rel",
        "wizard_id",
        "hold_id",
        string="Holds",
        required=True,
    )
    note = fields.Text(string="Release Note", required=True)

    def action_release(self):
        self.ensure_one()
        self.hold_ids.filtered(lambda hold: hold.state == "held").action_release(
            note=self.note
        )
        return {"type": "ir.actions.act_window_close"}
