# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""component.consume and production.close, down to Odoo's traceability report."""

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import NOW, ShopfloorCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestComponentGenealogy(ShopfloorCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.terminal.allow_production_close = True
        cls.board = cls.env["product.product"].create(
            {"name": "SF Board", "is_storable": True, "tracking": "lot"}
        )
        cls.bolt = cls.env["product.product"].create(
            {"name": "SF Bolt", "is_storable": True}
        )
        cls.cabinet = cls.env["product.product"].create(
            {"name": "SF Cabinet", "is_storable": True, "tracking": "lot"}
        )
        cls.board_lots = cls.env["stock.lot"].create(
            [
                {"name": name, "product_id": cls.board.id}
                for name in ("B-1", "B-2", "B-HELD")
            ]
        )
        quants = cls.env["stock.quant"]
        for lot in cls.board_lots:
            quants._update_available_quantity(
                cls.board, cls.stock_location, 5, lot_id=lot
            )
        quants._update_available_quantity(cls.bolt, cls.stock_location, 100)
        cls.env["shopfloor.quality.hold"].create(
            {"lot_id": cls.board_lots[2].id, "reason_id": cls.hold_reason.id}
        )

    def _production(self, consumption="flexible", qty=5):
        """A 2-operation MO: boards are cut on the first, bolts go in on the second."""
        bom = self.env["mrp.bom"].create(
            {
                "product_tmpl_id": self.cabinet.product_tmpl_id.id,
                "product_qty": 1,
                "consumption": consumption,
                "operation_ids": [
                    Command.create(
                        {"name": "Cut", "workcenter_id": self.wc_main.id, "sequence": 1}
                    ),
                    Command.create(
                        {
                            "name": "Assemble",
                            "workcenter_id": self.wc_main.id,
                            "sequence": 2,
                        }
                    ),
                ],
            }
        )
        cut, assemble = bom.operation_ids.sorted("sequence")
        bom.bom_line_ids = [
            Command.create(
                {"product_id": self.board.id, "product_qty": 1, "operation_id": cut.id}
            ),
            Command.create(
                {
                    "product_id": self.bolt.id,
                    "product_qty": 4,
                    "operation_id": assemble.id,
                }
            ),
        ]
        production = self.env["mrp.production"].create(
            {
                "product_id": self.cabinet.id,
                "product_qty": qty,
                "bom_id": bom.id,
                "user_id": self.env.user.id,
            }
        )
        production.action_confirm()
        self.backdate(production.workorder_ids)
        first, second = production.workorder_ids.sorted("sequence")
        return production, first, second

    def _move(self, production, product):
        return production.move_raw_ids.filtered(lambda move: move.product_id == product)

    def _picked(self, move):
        return sum(move.move_line_ids.filtered("picked").mapped("quantity"))

    def consume(self, workorder, move, qty, lot_name=None, minutes=1):
        payload = {"move_id": move.id, "qty": qty}
        if lot_name:
            payload["lot_name"] = lot_name
        return self.event("component.consume", workorder, payload, minutes=minutes)

    def _run_through(self, production, first, second, backorder=False, qty=5):
        """Both operations produce ``qty`` of lot CAB-1, then the MO is closed."""
        close = self.event(
            "production.close", second, {"backorder": backorder}, minutes=30
        )
        for result in self.ingest(
            self.event("workorder.start", first, minutes=2),
            self.event(
                "workorder.produce",
                first,
                {"qty": qty, "lot_name": "CAB-1"},
                minutes=5,
            ),
            self.event("workorder.finish", first, {"qty": qty}, minutes=6),
            self.event("workorder.start", second, minutes=10),
            self.event(
                "workorder.produce",
                second,
                {"qty": qty, "lot_name": "CAB-1"},
                minutes=20,
            ),
            self.event("workorder.finish", second, {"qty": qty}, minutes=21),
            close,
        ):
            self.assertApplied(result)
        return close

    def _traced_components(self, lot):
        """What the lot's Traceability button lists under the finished lot."""
        report = self.env["stock.traceability.report"]
        lines = report.with_context(active_id=lot.id, model="stock.lot").get_lines()
        (finished,) = [line for line in lines if line["unfoldable"]]
        parts = report.get_lines(
            finished["id"],
            model_id=finished["model_id"],
            model_name=finished["model"],
            level=finished["level"],
        )
        lines = self.env["stock.move.line"].browse([part["model_id"] for part in parts])
        return sorted(
            (line.product_id.name, line.lot_id.name or "", line.quantity)
            for line in lines
        )

    # -- genealogy -------------------------------------------------------------

    def test_the_finished_lot_traces_exactly_the_lots_consumed(self):
        production, first, second = self._production()
        boards = self._move(production, self.board)
        bolts = self._move(production, self.bolt)
        for result in self.ingest(
            self.consume(first, boards, 3, "B-1"),
            self.consume(first, boards, 2, "B-2"),
            self.consume(second, bolts, 20),
        ):
            self.assertApplied(result)
        (component,) = [
            line
            for line in self.ingest_one(self.event("workorder.start", first))[
                "workorder"
            ]["components"]
            if line["move_id"] == boards.id
        ]
        self.assertEqual(component["qty_consumed"], 5)
        self.assertEqual(
            component["lots"], [{"name": "B-1", "qty": 3}, {"name": "B-2", "qty": 2}]
        )
        self._run_through(production, first, second)
        self.assertEqual(production.state, "done")
        lot = production.lot_producing_ids
        self.assertEqual(lot.name, "CAB-1")
        self.assertEqual(
            self._traced_components(lot),
            [("SF Board", "B-1", 3), ("SF Board", "B-2", 2), ("SF Bolt", "", 20)],
        )

    def test_a_negative_correction_gives_back_what_was_recorded(self):
        production, first, _second = self._production()
        boards = self._move(production, self.board)
        self.assertApplied(self.ingest_one(self.consume(first, boards, 3, "B-1")))
        self.assertApplied(self.ingest_one(self.consume(first, boards, -1, "B-1")))
        self.assertRejected(
            self.ingest_one(self.consume(first, boards, -5, "B-1")), "qty_invalid"
        )
        picked = boards.move_line_ids.filtered("picked")
        self.assertEqual(picked.lot_id.name, "B-1")
        self.assertEqual(picked.quantity, 2)

    def test_replaying_consume_and_close_changes_nothing(self):
        production, first, second = self._production()
        boards = self._move(production, self.board)
        consume = self.consume(first, boards, 5, "B-1")
        self.assertApplied(self.ingest_one(consume))
        close = self._run_through(production, first, second)
        lines_before = production.move_raw_ids.move_line_ids
        for event in (consume, close):
            self.assertEqual(self.ingest_one(event)["status"], "duplicate")
        self.assertEqual(production.move_raw_ids.move_line_ids, lines_before)
        self.assertEqual(boards.quantity, 5)
        self.assertEqual(production.state, "done")

    # -- lots refused ----------------------------------------------------------

    def test_held_unknown_and_missing_lots_are_refused(self):
        production, first, second = self._production()
        boards = self._move(production, self.board)
        bolts = self._move(production, self.bolt)
        self.assertRejected(
            self.ingest_one(self.consume(first, boards, 1, "B-HELD")), "lot_on_hold"
        )
        self.assertRejected(
            self.ingest_one(self.consume(first, boards, 1, "NOPE")), "lot_unknown"
        )
        self.assertRejected(
            self.ingest_one(self.consume(first, boards, 1)), "lot_required"
        )
        self.assertRejected(
            self.ingest_one(self.consume(second, bolts, 1, "B-1")), "invalid_event"
        )
        other = self.workorder.production_id.move_raw_ids
        self.assertRejected(
            self.ingest_one(self.consume(first, other, 1)), "component_unknown"
        )
        self.assertFalse(boards.move_line_ids.filtered("picked"))
        self.assertFalse(self.env["stock.lot"].search([("name", "=", "NOPE")]))

    # -- consumption rules -------------------------------------------------------

    def test_strict_refuses_more_than_the_bom(self):
        production, first, _second = self._production("strict")
        boards = self._move(production, self.board)
        self.assertApplied(self.ingest_one(self.consume(first, boards, 5, "B-1")))
        self.assertRejected(
            self.ingest_one(self.consume(first, boards, 1, "B-2")),
            "consumption_exceeded",
        )
        self.assertEqual(self._picked(boards), 5)

    def test_warning_applies_flags_and_tells_the_responsible(self):
        production, first, _second = self._production("warning")
        boards = self._move(production, self.board)
        over = self.consume(first, boards, 6, "B-1")
        self.assertApplied(self.ingest_one(over))
        self.assertEqual(self._picked(boards), 6)
        self.assertTrue(self.ledger(over).flag)
        activity = production.activity_ids
        self.assertEqual(activity.user_id, self.env.user)
        self.assertIn("SF Board", str(activity.note))

    def test_warning_without_a_responsible_notes_the_mo_as_the_operator(self):
        production, first, _second = self._production("warning")
        production.user_id = False
        boards = self._move(production, self.board)
        over = self.consume(first, boards, 6, "B-1")
        self.assertApplied(self.ingest_one(over))
        self.assertTrue(self.ledger(over).flag)
        (message,) = production.message_ids.filtered(
            lambda message: "SF Board" in (message.body or "")
        )
        self.assertIn("Consumption over the bill of materials", message.body)
        self.assertEqual(message.email_from, "SF Operator via SF Tablet")

    def test_flexible_applies_without_a_flag(self):
        production, first, _second = self._production("flexible")
        boards = self._move(production, self.board)
        over = self.consume(first, boards, 6, "B-1")
        self.assertApplied(self.ingest_one(over))
        self.assertFalse(self.ledger(over).flag)
        self.assertFalse(production.activity_ids)

    # -- closing -------------------------------------------------------------------

    def test_close_with_a_backorder_leaves_the_rest_to_make(self):
        production, first, second = self._production(qty=5)
        boards = self._move(production, self.board)
        self.assertApplied(self.ingest_one(self.consume(first, boards, 3, "B-1")))
        self._run_through(production, first, second, backorder=True, qty=3)
        self.assertEqual(production.state, "done")
        self.assertEqual(production.qty_produced, 3)
        backorder = production.production_group_id.production_ids - production
        self.assertEqual(backorder.product_qty, 2)
        self.assertNotIn(backorder.state, ("done", "cancel"))

    def test_close_without_a_backorder_closes_short(self):
        production, first, second = self._production(qty=5)
        boards = self._move(production, self.board)
        self.assertApplied(self.ingest_one(self.consume(first, boards, 3, "B-1")))
        self._run_through(production, first, second, backorder=False, qty=3)
        self.assertEqual(production.state, "done")
        self.assertEqual(production.qty_produced, 3)
        self.assertEqual(production.production_group_id.production_ids, production)

    def test_close_needs_the_terminal_setting(self):
        self.terminal.allow_production_close = False
        production, _first, second = self._production()
        self.assertRejected(
            self.ingest_one(
                self.event("production.close", second, {"backorder": False})
            ),
            "close_not_allowed",
        )
        self.assertNotEqual(production.state, "done")

    def test_close_under_strict_refuses_a_consumption_that_differs(self):
        production, first, second = self._production("strict")
        boards = self._move(production, self.board)
        self.assertApplied(self.ingest_one(self.consume(first, boards, 2, "B-1")))
        for result in self.ingest(
            self.event("workorder.produce", first, {"qty": 5, "lot_name": "CAB-1"}),
            self.event("workorder.finish", first, {"qty": 5}, minutes=1),
            self.event(
                "workorder.produce", second, {"qty": 5, "lot_name": "CAB-1"}, minutes=2
            ),
        ):
            self.assertApplied(result)
        self.assertRejected(
            self.ingest_one(
                self.event("production.close", second, {"backorder": False}, minutes=3)
            ),
            "consumption_mismatch",
        )
        self.assertNotEqual(production.state, "done")
