# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ShopfloorCommon


@tagged("post_install", "-at_install")
class TestHoldsBlockOdoo(ShopfloorCommon):
    def test_a_held_work_order_cannot_finish_from_odoos_own_buttons(self):
        hold = self.env["shopfloor.quality.hold"].create(
            {"workorder_id": self.workorder.id, "reason_id": self.hold_reason.id}
        )
        self.assertEqual(self.workorder.shopfloor_hold_count, 1)
        self.assertEqual(self.workorder.production_id.shopfloor_hold_count, 1)
        with self.assertRaisesRegex(UserError, "quality hold"):
            self.workorder.button_finish()
        with self.assertRaisesRegex(UserError, "quality hold"):
            self.workorder.action_mark_as_done()
        self.assertNotEqual(self.workorder.state, "done")
        hold.action_release(note="checked")
        self.workorder.button_finish()
        self.assertEqual(self.workorder.state, "done")

    def test_a_held_produced_lot_holds_the_work_order(self):
        lot = self.env["stock.lot"].create(
            {"name": "P-1", "product_id": self.product_lot.id}
        )
        self.workorder_lot.production_id.lot_producing_ids = [Command.set(lot.ids)]
        self.env["shopfloor.quality.hold"].create(
            {"lot_id": lot.id, "reason_id": self.hold_reason.id}
        )
        self.assertTrue(self.workorder_lot.shopfloor_active_hold_ids)
        self.assertEqual(lot.shopfloor_hold_count, 1)
        with self.assertRaises(UserError):
            self.workorder_lot.button_finish()

    def test_a_held_lot_cannot_be_delivered(self):
        lot = self.env["stock.lot"].create(
            {"name": "SHIP-1", "product_id": self.product_lot.id}
        )
        self.env["stock.quant"]._update_available_quantity(
            self.product_lot, self.stock_location, 5, lot_id=lot
        )
        customers = self.env.ref("stock.stock_location_customers")
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.env.ref("stock.picking_type_out").id,
                "location_id": self.stock_location.id,
                "location_dest_id": customers.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.product_lot.id,
                            "product_uom_qty": 2,
                            "location_id": self.stock_location.id,
                            "location_dest_id": customers.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        self.assertEqual(picking.move_line_ids.lot_id, lot)
        hold = self.env["shopfloor.quality.hold"].create(
            {"lot_id": lot.id, "reason_id": self.hold_reason.id}
        )
        with self.assertRaisesRegex(UserError, "quality hold"):
            picking.button_validate()
        self.assertNotEqual(picking.state, "done")
        hold.action_release(note="lab says fine")
        picking.button_validate()
        self.assertEqual(picking.state, "done")

    def test_release_wizard_and_double_release(self):
        hold = self.env["shopfloor.quality.hold"].create(
            {"workorder_id": self.workorder.id, "reason_id": self.hold_reason.id}
        )
        self.assertTrue(hold.name.startswith("HOLD/"))
        wizard = self.env["shopfloor.quality.hold.release.wizard"].create(
            {"hold_ids": [Command.set(hold.ids)], "note": "reworked"}
        )
        wizard.action_release()
        self.assertEqual(
            (hold.state, hold.release_note, hold.released_by_user_id),
            ("released", "reworked", self.env.user),
        )
        with self.assertRaises(UserError):
            hold.action_release(note="again")
