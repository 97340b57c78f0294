# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import NOW, ShopfloorCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestDeviceUser(ShopfloorCommon):
    def test_each_terminal_has_its_own_internal_device_user(self):
        user = self.terminal.user_id
        self.assertTrue(user)
        self.assertNotEqual(user, self.terminal_other.user_id)
        self.assertFalse(user.share)
        self.assertTrue(
            user.has_group("shopfloor_terminal.group_shopfloor_terminal_device")
        )
        self.assertFalse(user.has_group("mrp.group_mrp_manager"))
        self.assertFalse(user.has_group("base.group_system"))

    def test_record_rules_keep_a_device_to_its_work_centers(self):
        workorders = self.env["mrp.workorder"].with_user(self.terminal.user_id)
        visible = workorders.search([])
        self.assertIn(self.workorder, visible)
        self.assertNotIn(self.workorder_elsewhere, visible)
        with self.assertRaises(AccessError):
            self.workorder_elsewhere.with_user(self.terminal.user_id).read(["name"])

    def test_a_device_sees_its_own_terminal_and_ledger_only(self):
        event = self.event("workorder.start", self.workorder_elsewhere)
        self.assertApplied(self.ingest_one(event, terminal=self.terminal_other))
        ledger = self.env["shopfloor.terminal.event"].with_user(self.terminal.user_id)
        self.assertFalse(ledger.search([("event_uuid", "=", event["id"])]))
        self.assertTrue(
            ledger.with_user(self.terminal_other.user_id).search(
                [("event_uuid", "=", event["id"])]
            )
        )
        terminals = (
            self.env["shopfloor.terminal"].with_user(self.terminal.user_id).search([])
        )
        self.assertEqual(terminals, self.terminal)

    def test_a_device_cannot_read_token_hashes(self):
        with self.assertRaises(AccessError):
            self.terminal.with_user(self.terminal.user_id).read(["token_hash"])

    def test_revoking_archives_the_device_user(self):
        self.terminal._shopfloor_complete_pairing("tab", "1.0.0")
        self.terminal.action_revoke()
        self.assertEqual(self.terminal.state, "revoked")
        self.assertFalse(self.terminal.user_id.active)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestRoutingAcrossWorkCenters(ShopfloorCommon):
    """A routing whose operations run at work centers of different terminals:
    Odoo's own methods touch the sibling work orders, which the device user
    may not read; the terminal must still be able to post its own."""

    def test_a_terminal_posts_its_operation_of_a_shared_routing(self):
        bom = self.env["mrp.bom"].create(
            {
                "product_tmpl_id": self.product.product_tmpl_id.id,
                "sequence": 1,
                "operation_ids": [
                    Command.create({"name": "Cut", "workcenter_id": self.wc_main.id}),
                    Command.create(
                        {"name": "Paint", "workcenter_id": self.wc_other.id}
                    ),
                ],
            }
        )
        production = self.env["mrp.production"].create(
            {"product_id": self.product.id, "product_qty": 4, "bom_id": bom.id}
        )
        production.action_confirm()
        self.backdate(production.workorder_ids)
        cut = production.workorder_ids.filtered(
            lambda wo: wo.workcenter_id == self.wc_main
        )
        for event in (
            self.event("workorder.start", cut),
            self.event("workorder.produce", cut, minutes=5, payload={"qty": 2}),
            self.event(
                "scrap.record",
                cut,
                minutes=6,
                # the routing has no components: scrap a finished part
                payload={"product_id": self.product.id, "qty": 1},
            ),
            self.event("workorder.finish", cut, minutes=10, payload={"qty": 4}),
        ):
            self.assertApplied(self.ingest_one(event))
        self.assertEqual(cut.state, "done")
        self.assertEqual(cut._shopfloor_qty_made(), 4)
