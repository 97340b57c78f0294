# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Is the work center down? Judged at the event's occurred_at."""

from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, ShopfloorCommon


def utc(minutes):
    """The naive UTC time of ``at(minutes)``, as Odoo stores it."""
    return datetime(2026, 1, 10, 9 + minutes // 60, minutes % 60)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestWorkcenterDowntimeAt(ShopfloorCommon):
    def down(self, minutes):
        payload = {"loss_reason_id": self.loss_failure.id}
        event = self.event("downtime.start", minutes=minutes, payload=payload)
        self.assertApplied(self.ingest_one(event))

    def up(self, minutes):
        self.assertApplied(self.ingest_one(self.event("downtime.end", minutes=minutes)))

    def test_a_start_inside_a_past_downtime_is_refused_one_before_the_open_one_applies(
        self,
    ):
        other = self._make_workorder(self.product)
        self.down(0)
        self.up(30)
        self.down(50)
        inside = self.ingest_one(self.event("workorder.start", other, minutes=15))
        self.assertRejected(inside, "workcenter_down")
        details = inside["error"]["details"]
        self.assertEqual(details["field"], "occurred_at")
        self.assertEqual(details["downtime_end"], "2026-01-10T09:30:00+00:00")
        self.assertFalse(other.time_ids)

        self.assertApplied(
            self.ingest_one(self.event("workorder.start", other, minutes=40))
        )
        # the downtime since 10:50 stopped the timer then, as Odoo's Block does
        timer = other.time_ids
        self.assertEqual((timer.date_start, timer.date_end), (utc(40), utc(50)))
        self.assertEqual(other.state, "progress")
        self.assertEqual(self.wc_main.working_state, "blocked")
        open_downtime = self.wc_main._shopfloor_open_downtime()
        self.assertEqual(open_downtime.date_start, utc(50))
        self.assertFalse(open_downtime.date_end)

    def test_a_start_during_the_open_downtime_is_still_refused(self):
        self.down(10)
        result = self.ingest_one(self.event("workorder.start", minutes=20))
        self.assertRejected(result, "workcenter_down")
        self.assertIsNone(result["error"]["details"]["downtime_end"])
        self.assertFalse(self.workorder.time_ids)

    def test_a_finish_dated_before_the_open_downtime_applies_one_inside_is_refused(
        self,
    ):
        other = self._make_workorder(self.product)
        for workorder in (self.workorder, other):
            self.assertApplied(
                self.ingest_one(self.event("workorder.start", workorder, minutes=0))
            )
        self.down(20)
        late = self.event("workorder.finish", other, minutes=30, payload={"qty": 10})
        self.assertRejected(self.ingest_one(late), "workcenter_down")
        finish = self.event("workorder.finish", minutes=10, payload={"qty": 10})
        self.assertApplied(self.ingest_one(finish))
        self.assertEqual(self.workorder.state, "done")
        self.assertEqual(self.workorder.date_finished, utc(10))
        self.assertEqual(self.wc_main.working_state, "blocked")

    def test_one_batch_sees_the_downtimes_its_own_events_log_and_end(self):
        # A batch reads a work center's block lines once (Downtimes), so each
        # of its downtime events must make it read them again: here the first
        # start reads "never down", then the batch itself logs a downtime and
        # ends it, and the starts after each are judged on the new lines.
        other, third, fourth = (self._make_workorder(self.product) for _ in range(3))
        loss = {"loss_reason_id": self.loss_failure.id}
        results = self.ingest(
            self.event("workorder.start", minutes=0),
            self.event("downtime.start", minutes=10, payload=loss),
            self.event("workorder.start", other, minutes=20),
            self.event("downtime.end", minutes=30),
            self.event("workorder.start", third, minutes=25),
            self.event("workorder.start", fourth, minutes=40),
        )
        self.assertEqual(
            [result["status"] for result in results],
            ["applied", "applied", "rejected", "applied", "rejected", "applied"],
            results,
        )
        self.assertEqual(results[2]["error"]["code"], "workcenter_down")
        self.assertEqual(
            results[4]["error"]["details"]["downtime_end"], "2026-01-10T09:30:00+00:00"
        )
        self.assertFalse((other | third).time_ids)
        self.assertEqual(fourth.time_ids.date_start, utc(40))
