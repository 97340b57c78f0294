# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 9: a supervisor resends an event refused for its time with the
right time.

The resend is a new event in the failed one's place (``resend_of``); its
``occurred_at`` may differ from the failed event's, and it is judged on that
time as any event is: window, work order age, downtime, the operator's
lines. The ledger keeps both times: the failed row its own, the resend row
the corrected one.
"""

import uuid
from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, ShopfloorCommon, at


def utc(minutes):
    """The naive UTC time of ``at(minutes)``, as Odoo stores it."""
    return datetime(2026, 1, 10, 9 + minutes // 60, minutes % 60)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestEventRetime(ShopfloorCommon):
    def resend_at(self, original, occurred_at):
        """The tablet's resend of ``original`` with the time a supervisor set."""
        return dict(
            original,
            id=str(uuid.uuid4()),
            occurred_at=occurred_at,
            resend_of=original["id"],
            resolved_by=self.supervisor.id,
        )

    def assertRefusedAt(self, result, code):
        self.assertRejected(result, code)
        self.assertEqual(result["error"]["details"]["field"], "occurred_at")

    def test_a_start_from_a_reset_clock_resent_with_the_right_time_applies(self):
        start = self.event("workorder.start", occurred_at="1970-01-02T00:00:00Z")
        self.assertRefusedAt(self.ingest_one(start), "occurred_too_old")
        resent = self.resend_at(start, at(0))
        self.assertApplied(self.ingest_one(resent))
        self.assertEqual(self.workorder.state, "progress")
        self.assertEqual(self.workorder.time_ids.date_start, utc(0))
        original, new = self.ledger(start), self.ledger(resent)
        self.assertEqual(original.resolution, "resent")
        self.assertEqual(original.resent_as_id, new)
        self.assertEqual(original.resolved_by_employee_id, self.supervisor)
        self.assertEqual(original.occurred_at, datetime(1970, 1, 2))
        self.assertEqual(new.occurred_at, utc(0))
        self.assertEqual(new.occurred_at_server, utc(0))
        self.assertEqual(new.device_seq, original.device_seq)

    def test_a_corrected_time_is_judged_again_still_too_early_is_refused(self):
        before = "2026-01-08T10:00:00+01:00"  # the work order was created on the 9th
        start = self.event("workorder.start", occurred_at=before)
        self.assertRefusedAt(self.ingest_one(start), "occurred_before_workorder")
        still = self.resend_at(start, "2026-01-09T08:00:00+01:00")
        self.assertRefusedAt(self.ingest_one(still), "occurred_before_workorder")
        self.assertFalse(self.workorder.time_ids)
        self.assertEqual(self.ledger(start).resolution, "resent")
        self.assertFalse(self.ledger(still).resolution, "the resend is left to resolve")
        right = self.resend_at(still, at(0))
        self.assertApplied(self.ingest_one(right))
        self.assertEqual(self.ledger(still).resent_as_id, self.ledger(right))

    def test_a_start_inside_a_downtime_resent_after_it_applies(self):
        payload = {"loss_reason_id": self.loss_failure.id}
        self.assertApplied(
            self.ingest_one(self.event("downtime.start", minutes=0, payload=payload))
        )
        self.assertApplied(self.ingest_one(self.event("downtime.end", minutes=30)))
        start = self.event("workorder.start", minutes=15)
        self.assertRefusedAt(self.ingest_one(start), "workcenter_down")
        self.assertApplied(self.ingest_one(self.resend_at(start, at(40))))
        self.assertEqual(self.workorder.time_ids.date_start, utc(40))

    def test_an_overlapping_start_resent_after_the_other_line_applies(self):
        other = self._make_workorder(self.product)
        for event_type, minutes in (("workorder.start", 0), ("workorder.pause", 30)):
            event = self.event(event_type, other, minutes=minutes)
            self.assertApplied(self.ingest_one(event))
        start = self.event("workorder.start", minutes=15)
        self.assertRefusedAt(self.ingest_one(start), "operator_time_overlap")
        self.assertApplied(self.ingest_one(self.resend_at(start, at(45))))
        self.assertEqual(self.workorder.time_ids.date_start, utc(45))

    def test_a_corrected_time_in_the_future_is_refused(self):
        start = self.event("workorder.start", occurred_at="1970-01-02T00:00:00Z")
        self.ingest_one(start)
        ahead = self.ingest_one(self.resend_at(start, at(70)))
        self.assertRejected(ahead, "invalid_event")
        self.assertEqual(ahead["error"]["details"]["field"], "occurred_at")
        self.assertFalse(self.workorder.time_ids)
