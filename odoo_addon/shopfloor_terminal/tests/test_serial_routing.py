# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A serial product made over three operations: each reports the MO's serials."""

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, ShopfloorCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestSerialRouting(ShopfloorCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # three to make, two made: a repeat is not hidden by the tolerance
        cls.production = cls._make_routing(cls.product_serial, [cls.wc_main] * 3, 3)
        cls.ops = cls.production.workorder_ids.sorted("sequence")

    def produce(self, op, serial, minutes):
        return self.ingest_one(
            self.event(
                "workorder.produce",
                op,
                {"qty": 1, "lot_name": serial},
                minutes=minutes,
            )
        )

    def test_every_operation_reports_the_serials_the_first_registered(self):
        for index, op in enumerate(self.ops):
            minutes = 10 * index
            self.assertApplied(self.produce(op, "SN-1", minutes))
            self.assertApplied(self.produce(op, "SN-2", minutes + 1))
            self.assertRejected(
                self.produce(op, "SN-1", minutes + 2), "serial_already_produced"
            )
            self.assertApplied(
                self.ingest_one(
                    self.event("workorder.finish", op, {"qty": 2}, minutes=minutes + 3)
                )
            )
            self.assertEqual(op.shopfloor_serial_ids.mapped("name"), ["SN-1", "SN-2"])
        self.assertEqual(self.ops.mapped("state"), ["done"] * 3)
        self.assertEqual(
            sorted(self.production.lot_producing_ids.mapped("name")),
            ["SN-1", "SN-2"],
            "the MO produces two serials, not six",
        )
        self.assertEqual(self.production.qty_producing, 2)

    def test_a_serial_products_finish_quantity_equals_its_serials(self):
        first = self.ops[0]
        self.assertApplied(self.produce(first, "SN-1", 0))
        self.assertRejected(
            self.ingest_one(
                self.event("workorder.finish", first, {"qty": 2}, minutes=1)
            ),
            "serial_qty",
        )
        result = self.assertApplied(
            self.ingest_one(
                self.event(
                    "workorder.finish",
                    first,
                    {"qty": 2, "lot_name": "SN-2"},
                    minutes=2,
                )
            )
        )
        self.assertEqual(result["workorder"]["qty_produced"], 2)
        self.assertEqual(first.shopfloor_serial_ids.mapped("name"), ["SN-1", "SN-2"])

    def test_a_serial_of_another_mo_is_still_refused_on_a_later_operation(self):
        other = self._make_routing(self.product_serial, [self.wc_main], 1)
        self.assertApplied(self.produce(other.workorder_ids, "SN-9", 0))
        self.assertApplied(
            self.ingest_one(
                self.event(
                    "workorder.finish", other.workorder_ids, {"qty": 1}, minutes=1
                )
            )
        )
        other.button_mark_done()
        self.assertEqual(other.state, "done")
        self.assertRejected(
            self.produce(self.ops[1], "SN-9", 2), "serial_already_produced"
        )
