# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Time integrity: no event dated before it could have happened."""

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, ShopfloorCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestEventTime(ShopfloorCommon):
    def assertRefusedAt(self, result, code):
        self.assertRejected(result, code)
        self.assertEqual(result["error"]["details"]["field"], "occurred_at")

    def test_a_start_from_a_reset_clock_costs_no_labour(self):
        event = self.event("workorder.start", occurred_at="1970-01-02T00:00:00Z")
        self.assertRefusedAt(self.ingest_one(event), "occurred_too_old")
        self.assertFalse(self.workorder.time_ids)
        self.assertEqual(self.workorder.state, "ready")
        self.assertEqual(self.ledger(event).status, "rejected")

    def test_the_window_is_a_terminal_setting_of_seven_days_by_default(self):
        self.assertEqual(self.terminal.max_event_age_days, 7)
        eight_days = self.event("workorder.start", occurred_at="2026-01-02T09:00:00Z")
        self.assertRefusedAt(self.ingest_one(eight_days), "occurred_too_old")
        self.terminal.max_event_age_days = 10
        again = self.event("workorder.start", occurred_at="2026-01-02T09:00:00Z")
        # still refused: the work order did not exist yet on 2 January
        self.assertRefusedAt(self.ingest_one(again), "occurred_before_workorder")
        self.assertApplied(
            self.ingest_one(
                self.event("workorder.start", occurred_at="2026-01-09T09:00:00Z")
            )
        )

    def test_a_pause_before_its_start_is_refused_and_the_timer_runs_on(self):
        self.assertApplied(self.ingest_one(self.event("workorder.start", minutes=10)))
        pause = self.event("workorder.pause", minutes=5)
        self.assertRefusedAt(self.ingest_one(pause), "occurred_before_start")
        self.assertTrue(self.workorder.time_ids.filtered(lambda t: not t.date_end))
        self.assertApplied(self.ingest_one(self.event("workorder.pause", minutes=20)))
        self.assertEqual(self.workorder.duration, 10)

    def test_a_finish_before_the_start_is_refused(self):
        self.assertApplied(self.ingest_one(self.event("workorder.start", minutes=10)))
        finish = self.event("workorder.finish", minutes=1, payload={"qty": 10})
        self.assertRefusedAt(self.ingest_one(finish), "occurred_before_start")
        self.assertEqual(self.workorder.state, "progress")

    def test_a_downtime_end_before_its_start_is_refused(self):
        down = self.event(
            "downtime.start",
            minutes=10,
            payload={"loss_reason_id": self.loss_failure.id},
        )
        self.assertApplied(self.ingest_one(down))
        early = self.event("downtime.end", minutes=5)
        self.assertRefusedAt(self.ingest_one(early), "occurred_before_start")
        self.assertApplied(self.ingest_one(self.event("downtime.end", minutes=15)))
