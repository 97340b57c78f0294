# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class MrpProduction(models.Model):
    _inherit = "mrp.production"

    shopfloor_hold_count = fields.Integer(
        compute="_compute_shopfloor_hold_count", string="Quality Holds"
    )

    @api.depends(
        "workorder_ids.shopfloor_hold_ids.state",
        "lot_producing_ids.shopfloor_hold_ids.state",
    )
    def _compute_shopfloor_hold_count(self):
        holds = self.env["shopfloor.quality.hold"]
        for production in self:
            production.shopfloor_hold_count = (
                holds.search_count(
                    [("state", "=", "held")] + production._shopfloor_hold_domain()
                )
                if production.id
                else 0
            )

    def _shopfloor_hold_domain(self):
        """Holds of this order: on it, on its work orders, or on the lots it makes."""
        self.ensure_one()
        return [
            "|",
            "|",
            ("production_id", "=", self.id),
            ("workorder_id", "in", self.workorder_ids.ids),
            ("lot_id", "in", self.lot_producing_ids.ids),
        ]

    def action_view_shopfloor_holds(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "shopfloor_terminal.shopfloor_quality_hold_action"
        )
        action["domain"] = self._shopfloor_hold_domain()
        return action
