# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The terminal answers as Odoo's own buttons do.

Each test builds two identical manufacturing orders, acts on one through
the terminal and on the other through the Odoo button a person would press,
and compares what Odoo recorded.
"""

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import NOW, ShopfloorCommon


@tagged("post_install", "-at_install")
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

    def test_finish_refused_while_the_work_center_is_down_as_odoos_done(self):
        mine, odoos = self.twins(qty=2)
        self.assertApplied(
            self.ingest_one(
                self.event(
                    "downtime.start",
                    mine[0],
                    {"loss_reason_id": self.loss_failure.id},
                )
            )
        )
        self.assertRejected(
            self.ingest_one(
                self.event("workorder.finish", mine[0], {"qty": 2}, minutes=1)
            ),
            "workcenter_down",
        )
        with self.assertRaisesRegex(UserError, "unblock the work center"):
            odoos[0].action_mark_as_done()
        self.assertSameOutcome(mine[0], odoos[0], ["state", "qty_produced"])

    def test_finish_without_a_timer_as_odoos_done(self):
        # mrp.workorder.action_mark_as_done: button_finish, then the
        # expected duration when no time was logged
        mine, odoos = self.twins(qty=2)
        # nothing reported: the operator chose the planned quantity on screen
        finish = self.event(
            "workorder.finish", mine[0], {"qty": 2, "qty_basis": "planned"}
        )
        self.assertApplied(self.ingest_one(finish))
        odoos[0].action_mark_as_done()
        self.assertSameOutcome(
            mine[0],
            odoos[0],
            [
                "state",
                "qty_produced",
                "duration",
                "time_ids.duration",
                "time_ids.loss_type",
                "move_raw_ids.quantity",
                "move_raw_ids.picked",
                "production_id.state",
                "production_id.workorder_ids.state",
            ],
        )
        self.assertEqual(mine[0].duration, mine[0].duration_expected)
        line = mine[0].time_ids
        self.assertEqual(
            (line.date_end, line.user_id),
            (mine[0].date_finished, self.terminal.user_id),
            "the estimated time ends when the operator finished",
        )

    # what the MO and its moves show after a produce or a finish
    QUANTITIES = [
        "qty_producing",
        "production_id.qty_producing",
        "production_id.move_raw_ids.quantity",
        "production_id.move_raw_ids.picked",
        "production_id.move_finished_ids.quantity",
        "production_id.move_finished_ids.picked",
    ]

    def set_quantity_in_form(self, workorder, qty):
        """The MO form's "Quantity" field, as a person sets it
        (mrp.production._onchange_qty_producing, then saved)."""
        # saving the MO form replans its work orders, which needs a calendar
        workorder.workcenter_id.resource_calendar_id = self.company.resource_calendar_id
        with Form(workorder.production_id) as form:
            form.qty_producing = qty

    def test_produce_as_odoos_quantity_producing(self):
        mine, odoos = self.twins(qty=4)
        self.assertApplied(self.ingest_one(self.event("workorder.start", mine[0])))
        self.assertApplied(
            self.ingest_one(
                self.event("workorder.produce", mine[0], {"qty": 3}, minutes=5)
            )
        )
        odoos[0].button_start()
        self.set_quantity_in_form(odoos[0], 3)
        self.assertSameOutcome(mine[0], odoos[0], self.QUANTITIES + ["qty_produced"])
        self.assertEqual(
            (mine[0].production_id.qty_producing, mine[0].qty_produced), (3, 0)
        )
        self.assertEqual(mine[0].production_id.move_raw_ids.quantity, 6)
        self.assertEqual(mine[0]._shopfloor_qty_made(), 3, "the operation's count")

    def test_produce_then_finish_as_odoos_quantity_then_done(self):
        mine, odoos = self.twins(qty=4)
        self.assertApplied(
            self.ingest(
                self.event("workorder.start", mine[0]),
                self.event("workorder.produce", mine[0], {"qty": 1}, minutes=2),
                self.event("workorder.produce", mine[0], {"qty": 2}, minutes=4),
                self.event("workorder.finish", mine[0], {"qty": 3}, minutes=6),
            )[-1]
        )
        odoos[0].button_start()
        self.set_quantity_in_form(odoos[0], 3)
        odoos[0].action_mark_as_done()
        self.assertSameOutcome(
            mine,
            odoos,
            self.QUANTITIES + ["state", "qty_produced", "production_id.state"],
        )
        self.assertEqual(mine[0].qty_produced, 3)

    def test_overproduce_as_odoos_quantity_producing(self):
        self.terminal.overproduction_tolerance = 0.5
        mine, odoos = self.twins(qty=4)
        self.assertApplied(self.ingest_one(self.event("workorder.start", mine[0])))
        self.assertApplied(
            self.ingest_one(
                self.event("workorder.produce", mine[0], {"qty": 5}, minutes=5)
            )
        )
        odoos[0].button_start()
        self.set_quantity_in_form(odoos[0], 5)
        self.assertSameOutcome(mine[0], odoos[0], self.QUANTITIES)
        self.assertEqual(mine[0].production_id.move_raw_ids.quantity, 10)

    def test_produce_into_a_lot_as_odoos_lot_and_quantity(self):
        mine, odoos = self.twins(product=self.product_lot, qty=4)
        self.assertApplied(
            self.ingest_one(
                self.event(
                    "workorder.produce", mine[0], {"qty": 2, "lot_name": "SF-P-1"}
                )
            )
        )
        odoos_production = odoos[0].production_id
        odoos_production.lot_producing_ids = self.env["stock.lot"].create(
            {"name": "SF-P-2", "product_id": self.product_lot.id}
        )
        self.set_quantity_in_form(odoos[0], 2)
        self.assertSameOutcome(mine[0], odoos[0], self.QUANTITIES)
        self.assertEqual(mine[0].production_id.lot_producing_ids.name, "SF-P-1")

    def test_serials_then_finish_as_odoos_serial_numbers_then_done(self):
        mine, odoos = self.twins(product=self.product_serial, qty=2)
        self.assertApplied(
            self.ingest(
                self.event("workorder.start", mine[0]),
                self.event(
                    "workorder.produce", mine[0], {"qty": 1, "lot_name": "SF-M-1"}, 2
                ),
                self.event(
                    "workorder.produce", mine[0], {"qty": 1, "lot_name": "SF-M-2"}, 4
                ),
                self.event("workorder.finish", mine[0], {"qty": 2}, minutes=6),
            )[-1]
        )
        # Odoo's "Serial numbers" dialog, then Done
        odoos[0].button_start()
        self.env["mrp.production.serials"].create(
            {
                "production_id": odoos[0].production_id.id,
                "serial_numbers": "SF-M-3\nSF-M-4",
            }
        ).action_apply()
        odoos[0].action_mark_as_done()
        self.assertSameOutcome(
            mine, odoos, self.QUANTITIES + ["state", "qty_produced"]
        )
        self.assertEqual(len(mine[0].production_id.lot_producing_ids), 2)

    def test_a_later_operation_reporting_moves_nothing_as_in_odoo(self):
        # The first operation finished the whole order: a person working on
        # the second sets no quantity, the order still makes 4.
        mine, odoos = self.twins(qty=4)
        self.assertApplied(
            self.ingest(
                self.event("workorder.start", mine[0]),
                self.event("workorder.finish", mine[0], {"qty": 4}, minutes=5),
                self.event("workorder.start", mine[1], minutes=6),
                self.event("workorder.produce", mine[1], {"qty": 1}, minutes=8),
            )[-1]
        )
        odoos[0].button_start()
        odoos[0].action_mark_as_done()
        odoos[1].button_start()
        self.assertSameOutcome(
            mine, odoos, self.QUANTITIES + ["state", "qty_produced"]
        )
        self.assertEqual(mine[1]._shopfloor_qty_made(), 1)
