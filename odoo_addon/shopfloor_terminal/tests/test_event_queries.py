# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a batch of events costs the database, per event.

After an outage a plant's tablets replay hundreds of events at once; the
fleet bench (bench/odoo-fleet.ts) measures the rate Odoo applies them at.
That rate depends on the machine, the queries a batch makes do not: they
are counted here, so that a check which adds a query to every event (two
did once, and the fleet's rate fell by a fifth) fails a test instead of
going unnoticed. Most of the budget is Odoo's own: ``button_start`` looks
up the productive loss, creates the time line, checks the user's open
lines and recomputes the work center's state; ``button_pending`` finds the
line, closes it and recomputes the state again.
"""

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, ShopfloorCommon

BATCH = 100


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestEventQueries(ShopfloorCommon):
    def _starts_and_pauses(self, workorders, employee_id, first=0):
        """A queue after an outage: start and pause in turn on each work
        order, a second apart, as bench/odoo-fleet.ts sends them."""
        events = []
        for index in range(first, first + BATCH):
            pause = index // len(workorders) % 2
            kind = "workorder.pause" if pause else "workorder.start"
            event = self.event(kind, workorders[index % len(workorders)])
            event.update(
                occurred_at=f"2026-01-10T10:{index // 60:02d}:{index % 60:02d}+01:00",
                device_seq=index + 1,
                employee_id=employee_id,
            )
            events.append(event)
        return events

    def _queries_per_event(self, workorders, employee_id=None):
        """The queries per event of a request applying a batch, all applied.

        A first batch is applied before: the first start of a work order
        also picks its components, once, which is not a per-event cost.
        """
        for first in (0, BATCH):
            events = self._starts_and_pauses(workorders, employee_id, first)
            before = self.cr.sql_log_count
            results = self.ingest(*events)
            self.env.flush_all()
            count = self.cr.sql_log_count - before
            self.assertEqual({result["status"] for result in results}, {"applied"})
        return count / BATCH

    def test_starts_and_pauses_without_operators_cost_four_queries_an_event(self):
        self.terminal.require_operator = False
        workorders = [self.workorder, self._make_workorder(self.product)]
        self.assertLessEqual(self._queries_per_event(workorders), 4)

    def test_an_operators_starts_and_pauses_cost_five_queries_an_event(self):
        # one more per event: the operator's other time lines (operator_lines.py)
        per_event = self._queries_per_event([self.workorder], self.operator.id)
        self.assertLessEqual(per_event, 5)
