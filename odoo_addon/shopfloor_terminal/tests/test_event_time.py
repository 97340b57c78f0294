# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tablet clocks drift: Odoo's records get the corrected time."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from odoo.addons.shopfloor_terminal.services.errors import ShopfloorApiError
from odoo.addons.shopfloor_terminal.services.event_ingest import EventIngest
from odoo.addons.shopfloor_terminal.services.event_time import batch_clock, utc_now

from .common import NOW, OCCURRED_UTC, ShopfloorCommon

REAL = fields.Datetime.to_datetime(OCCURRED_UTC)


def device_time(real, offset):
    """``real`` (naive UTC) read on a tablet clock ``offset`` away, as it sends it."""
    return (real + offset).isoformat(timespec="milliseconds") + "Z"


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestEventTime(ShopfloorCommon):
    def send(self, events, offset=None):
        """One batch from a tablet whose clock is ``offset`` from the server's."""
        body = {"events": events}
        if offset is not None:
            body["sent_at"] = device_time(utc_now(), offset)
        clock = batch_clock(body, utc_now())
        return EventIngest(self.device_terminal(), "test-clock", clock).ingest(body)

    def shift(self, offset):
        """Start at 09:00 and pause at 09:30 (real time), on a clock ``offset`` off."""
        start = self.event("workorder.start", occurred_at=device_time(REAL, offset))
        pause = self.event(
            "workorder.pause",
            occurred_at=device_time(REAL + timedelta(minutes=30), offset),
            device_seq=1,
        )
        return start, pause, self.send([start, pause], offset)

    def test_a_tablet_ten_minutes_fast_works_and_its_time_lines_carry_the_real_times(
        self,
    ):
        start, pause, results = self.shift(timedelta(minutes=10))
        for result in results:
            self.assertApplied(result)
        line = self.workorder.time_ids
        self.assertEqual(len(line), 1)
        self.assertEqual(line.date_start, REAL)
        self.assertEqual(line.date_end, REAL + timedelta(minutes=30))
        entry = self.ledger(start)
        self.assertEqual(entry.occurred_at, REAL + timedelta(minutes=10))
        self.assertEqual(entry.occurred_at_server, REAL)
        self.assertEqual(self.terminal.clock_offset_ms, -600_000)
        self.assertEqual(self.terminal.clock_offset_text, "10 min fast")

    def test_a_tablet_three_hours_slow_is_costed_at_the_real_hours(self):
        start, __, results = self.shift(timedelta(hours=-3))
        for result in results:
            self.assertApplied(result)
        line = self.workorder.time_ids
        self.assertEqual(line.date_start, REAL)
        self.assertEqual(line.date_end, REAL + timedelta(minutes=30))
        self.assertEqual(line.duration, 30)
        self.assertEqual(self.ledger(start).occurred_at, REAL - timedelta(hours=3))
        self.assertEqual(self.terminal.clock_offset_text, "3 h 0 min slow")

    def test_an_older_terminal_without_sent_at_is_not_corrected(self):
        ahead = self.event(
            "workorder.start",
            occurred_at=device_time(datetime.fromisoformat(NOW), timedelta(minutes=10)),
        )
        (result,) = self.send([ahead])
        self.assertRejected(result, "invalid_event")
        self.assertEqual(result["error"]["details"]["field"], "occurred_at")
        self.assertFalse(self.terminal.clock_offset_at)
        self.assertEqual(self.terminal.clock_offset_text, "Not measured yet")
        (on_time,) = self.send([self.event("workorder.start", device_seq=2)])
        self.assertApplied(on_time)
        self.assertEqual(self.ledger(on_time).occurred_at_server, REAL)

    def test_an_event_still_ahead_after_the_correction_is_refused(self):
        ahead = self.event(
            "workorder.start",
            occurred_at=device_time(datetime.fromisoformat(NOW), timedelta(minutes=20)),
        )
        (result,) = self.send([ahead], timedelta(minutes=10))
        self.assertRejected(result, "invalid_event")
        self.assertEqual(self.ledger(ahead).occurred_at_server, False)

    def test_a_sent_at_that_is_not_a_time_refuses_the_batch(self):
        with self.assertRaises(ShopfloorApiError) as refused:
            batch_clock({"events": [], "sent_at": "half past eight"}, utc_now())
        self.assertEqual(refused.exception.code, "invalid_request")
        self.assertEqual(refused.exception.details["field"], "sent_at")

    def test_a_clock_jump_is_applied_and_flagged_in_the_ledger(self):
        jumped = self.event("workorder.start", clock_jump_ms=-3 * 3_600_000)
        self.assertApplied(self.send([jumped], timedelta(0))[0])
        entry = self.ledger(jumped)
        self.assertEqual(entry.clock_jump_ms, -3 * 3_600_000)
        flagged = self.env["shopfloor.terminal.event"].search(
            ["|", ("clock_jump_ms", ">", 0), ("clock_jump_ms", "<", 0)]
        )
        self.assertEqual(flagged, entry)
        bad = self.event("workorder.pause", clock_jump_ms="a lot", device_seq=1)
        (result,) = self.send([bad], timedelta(0))
        self.assertRejected(result, "invalid_event")
        self.assertEqual(result["error"]["details"]["field"], "clock_jump_ms")
