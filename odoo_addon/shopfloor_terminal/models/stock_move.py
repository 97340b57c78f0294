# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        self._shopfloor_check_held_lots()
        return super()._action_done(cancel_backorder=cancel_backorder)

    def _shopfloor_check_held_lots(self):
        """A lot on quality hold may not be delivered nor consumed.

        Checked here, where every validation path ends (a transfer's
        Validate, its backorder wizard, a manufacturing order's Produce),
        rather than on one button.
        """
        lines = self.move_line_ids.filtered(
            lambda line: line.lot_id
            and line.quantity
            and (
                line.move_id.picking_code == "outgoing"
                or line.move_id.raw_material_production_id
            )
        )
        # sudo: a delivery is refused whoever validates it, even a user who
        # cannot read quality holds
        held_lots = lines.lot_id.sudo().filtered("shopfloor_is_held")
        if held_lots:
            raise UserError(
                self.env._(
                    "Lot %(lots)s is on quality hold and cannot be delivered "
                    "or consumed until the hold is released.",
                    lots=", ".join(held_lots.mapped("display_name")),
                )
            )
