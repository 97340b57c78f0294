# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One operator's time lines never overlap."""

from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, ShopfloorCommon


def utc(minutes):
    """The naive UTC time of ``at(minutes)``, as Odoo stores it."""
    return datetime(2026, 1, 10, 9 + minutes // 60, minutes % 60)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestOperatorLines(ShopfloorCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workorder_b = cls._make_workorder(cls.product)

    def operator_lines(self, workorder):
        return workorder.time_ids.filtered(
            lambda line: line.shopfloor_employee_id == self.operator
        )

    def assertOverlap(self, result, workorder):
        self.assertRejected(result, "operator_time_overlap")
        details = result["error"]["details"]
        self.assertEqual(details["field"], "occurred_at")
        self.assertEqual(details["workorder_id"], workorder.id)
        self.assertEqual(details["employee_id"], self.operator.id)

    def test_starting_another_work_order_closes_the_running_line_at_that_start(self):
        self.assertApplied(self.ingest_one(self.event("workorder.start", minutes=0)))
        start_b = self.event("workorder.start", self.workorder_b, minutes=30)
        self.assertApplied(self.ingest_one(start_b))
        line_a = self.operator_lines(self.workorder)
        self.assertEqual(
            (line_a.date_start, line_a.date_end), (utc(0), utc(30)), "switched at B"
        )
        self.assertEqual(self.workorder.state, "progress")
        line_b = self.operator_lines(self.workorder_b)
        self.assertEqual((line_b.date_start, line_b.date_end), (utc(30), False))

    def test_a_start_inside_a_closed_line_is_refused(self):
        self.assertApplied(self.ingest_one(self.event("workorder.start", minutes=0)))
        self.assertApplied(self.ingest_one(self.event("workorder.pause", minutes=30)))
        replayed = self.event("workorder.start", self.workorder_b, minutes=10)
        result = self.ingest_one(replayed)
        self.assertOverlap(result, self.workorder)
        self.assertEqual(
            result["error"]["details"]["line_end"], "2026-01-10T09:30:00+00:00"
        )
        self.assertFalse(self.workorder_b.time_ids)
        self.assertEqual(self.workorder_b.state, "ready")
        self.assertEqual(self.ledger(replayed).status, "rejected")
        # resent with the time the operator really moved on, it applies
        resent = self.event("workorder.start", self.workorder_b, minutes=31)
        self.assertApplied(self.ingest_one(resent))

    def test_a_start_before_a_later_line_is_refused(self):
        self.assertApplied(self.ingest_one(self.event("workorder.start", minutes=30)))
        early = self.event("workorder.start", self.workorder_b, minutes=10)
        self.assertOverlap(self.ingest_one(early), self.workorder)
        self.assertFalse(self.operator_lines(self.workorder).date_end)

    def test_a_line_on_another_terminals_work_order_is_not_closed_from_here(self):
        other = self.event("workorder.start", self.workorder_elsewhere, minutes=0)
        self.assertApplied(self.ingest_one(other, terminal=self.terminal_other))
        here = self.event("workorder.start", minutes=30)
        self.assertOverlap(self.ingest_one(here), self.workorder_elsewhere)
        self.assertFalse(self.operator_lines(self.workorder_elsewhere).date_end)
        self.assertFalse(self.workorder.time_ids)

    def test_a_pause_closing_over_another_line_of_the_operator_is_refused(self):
        self.assertApplied(self.ingest_one(self.event("workorder.start", minutes=0)))
        # a line recorded in Odoo's backend for the same operator
        self.env["mrp.workcenter.productivity"].create(
            {
                "workcenter_id": self.wc_main.id,
                "workorder_id": self.workorder_b.id,
                "loss_id": self.loss_productive.id,
                "date_start": utc(20),
                "date_end": utc(25),
                "shopfloor_employee_id": self.operator.id,
            }
        )
        pause = self.event("workorder.pause", minutes=40)
        self.assertOverlap(self.ingest_one(pause), self.workorder_b)
        self.assertFalse(self.operator_lines(self.workorder).date_end)
        finish = self.event("workorder.finish", minutes=41, payload={"qty": 10})
        self.assertOverlap(self.ingest_one(finish), self.workorder_b)
        self.assertEqual(self.workorder.state, "progress")

    def test_two_operators_may_work_at_the_same_time(self):
        self.assertApplied(self.ingest_one(self.event("workorder.start", minutes=0)))
        other = self.event(
            "workorder.start",
            self.workorder_b,
            minutes=10,
            employee_id=self.supervisor.id,
        )
        self.assertApplied(self.ingest_one(other))
        self.assertFalse(self.operator_lines(self.workorder).date_end)
