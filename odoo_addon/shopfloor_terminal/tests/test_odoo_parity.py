# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The terminal answers as Odoo's own buttons do.

Each test builds two identical manufacturing orders, acts on one through
the terminal and on the other through the Odoo button a person would press,
and compares what Odoo recorded.
"""

from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import NOW, ShopfloorCommon


@freeze_time(NOW)
class TestOdooParity(ShopfloorCommon):
    def twins(self, workcenters=None, product=None, qty=4):
        """Two identical MOs' work orders (in sequence): the terminal's, Odoo's."""
        workcenters = workcenters or [self.wc_main, self.wc_main]
        product = product or self.product
        return tuple(
            self._make_routing(product, workcenters, qty).workorder_ids.sorted(
                "sequence"
            )
            for _twin in range(2)
        )

    def assertSameOutcome(self, mine, odoos, field_names):
        self.env.invalidate_all()
        for name in field_names:
            self.assertEqual(
                mine.mapped(name), odoos.mapped(name), f"{name} as Odoo's button"
            )

    def test_start_on_a_blocked_work_order_as_odoos_start_button(self):
        mine, odoos = self.twins()
        self.assertEqual((mine[1].state, odoos[1].state), ("blocked", "blocked"))
        # mrp.workorder.button_start refuses only a down work center and a
        # done or cancelled work order
        self.assertApplied(self.ingest_one(self.event("workorder.start", mine[1])))
        odoos[1].button_start()
        self.assertSameOutcome(
            mine[1], odoos[1], ["state", "qty_producing", "production_id.state"]
        )
        self.assertEqual(len(mine[1].time_ids), len(odoos[1].time_ids))
