# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class StockLot(models.Model):
    _inherit = "stock.lot"

    shopfloor_hold_ids = fields.One2many(
        "shopfloor.quality.hold", "lot_id", string="Quality Holds"
    )
    shopfloor_hold_count = fields.Integer(
        compute="_compute_shopfloor_hold_count", string="Active Holds"
    )
    shopfloor_is_held = fields.Boolean(
        compute="_compute_shopfloor_hold_count", string="On Hold"
    )

    @api.depends("shopfloor_hold_ids.state")
    def _compute_shopfloor_hold_count(self):
        for lot in self:
            count = len(
                lot.shopfloor_hold_ids.filtered(lambda hold: hold.state == "held")
            )
            lot.shopfloor_hold_count = count
            lot.shopfloor_is_held = bool(count)

    def action_view_shopfloor_holds(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shopfloor_terminal.shopfloor_quality_hold_action"
        )
        action["domain"] = [("lot_id", "=", self.id)]
        # held ones, as the button counts; released ones one filter away
        action["context"] = {"default_lot_id": self.id, "search_default_filter_held": 1}
        return action
