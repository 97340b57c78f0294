# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scrap as Odoo's Scrap button on a manufacturing order scraps."""

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, OCCURRED_UTC, ShopfloorCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestScrapOfOrder(ShopfloorCommon):
    def scrap(self, product, qty):
        payload = {"product_id": product.id, "qty": qty}
        return self.ingest_one(self.event("scrap.record", payload=payload))

    def test_a_billion_units_of_a_stranger_product_are_refused(self):
        stranger = self.env["product.product"].create({"name": "SF Stranger"})
        self.assertRejected(self.scrap(stranger, 1_000_000_000), "invalid_event")
        self.assertRejected(self.scrap(stranger, 1), "product_forbidden")
        # the product of another order is a stranger here too
        self.assertRejected(self.scrap(self.product_serial, 1), "product_forbidden")
        self.assertFalse(self.env["stock.scrap"].search([]))

    def test_the_cap_is_the_orders_quantity_of_that_product(self):
        # 10 drawers planned, 2 screws each: 20 screws
        over = self.scrap(self.component, 21)
        self.assertRejected(over, "scrap_over_cap")
        self.assertEqual(over["error"]["details"]["max_qty"], 20)
        self.assertRejected(self.scrap(self.product, 11), "scrap_over_cap")
        self.assertApplied(self.scrap(self.component, 20))
        self.assertApplied(self.scrap(self.product, 1))

    def test_the_cap_is_a_terminal_setting(self):
        self.terminal.max_scrap_ratio = 0.5
        self.assertRejected(self.scrap(self.component, 11), "scrap_over_cap")
        self.assertApplied(self.scrap(self.component, 10))

    def test_the_stock_move_is_dated_when_the_part_was_scrapped(self):
        self.assertApplied(self.scrap(self.component, 2))
        scrap = self.workorder.scrap_ids
        self.assertEqual(str(scrap.move_ids.date), OCCURRED_UTC)
        self.assertEqual(str(scrap.move_ids.move_line_ids.date), OCCURRED_UTC)
