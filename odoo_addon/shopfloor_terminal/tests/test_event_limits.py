# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Retries that end: failures become dead letters, a request has a budget."""

from itertools import count
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.shopfloor_terminal.services import event_ingest, event_limits
from odoo.addons.shopfloor_terminal.services.event_apply import EventApplier

from .common import NOW, ShopfloorCommon

INGEST_LOGGER = "odoo.addons.shopfloor_terminal.services.event_ingest"


def broken_apply(applier, ctx):
    raise RuntimeError("a bug in an applier")


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestEventLimits(ShopfloorCommon):
    def test_an_event_failing_unexpectedly_becomes_a_dead_letter(self):
        self.terminal.max_event_failures = 3
        event = self.event("workorder.produce", payload={"qty": 2})
        with patch.object(EventApplier, "apply", broken_apply), mute_logger(
            INGEST_LOGGER
        ):
            answers = [self.ingest_one(event) for _attempt in range(3)]
        self.assertEqual(
            [(a["status"], a["error"]["code"]) for a in answers],
            [("retry", "temporarily_unavailable")] * 2
            + [("rejected", "internal_error")],
        )
        self.assertEqual(
            answers[-1]["error"]["details"],
            {"failures": 3, "correlation_id": "test-correlation"},
        )
        row = self.ledger(event)
        self.assertEqual(
            (row.status, row.error_code, row.failure_count, row.attempt_count),
            ("rejected", "internal_error", 3, 3),
        )
        self.assertEqual(self.terminal.rejected_event_count, 1, "a dead letter")
        # settled: the next replay is answered from the ledger, not applied
        self.assertEqual(self.ingest_one(event)["status"], "rejected")
        self.assertEqual(self.workorder._shopfloor_qty_made(), 0)

    def test_expected_refusals_and_conflicts_are_not_counted(self):
        self.terminal.max_event_failures = 1
        event = self.event("workorder.produce", payload={"qty": -1})
        self.assertRejected(self.ingest_one(event), "qty_invalid")
        self.assertEqual(self.ledger(event).failure_count, 0)

    def test_the_default_is_five_failures(self):
        self.assertEqual(self.env["shopfloor.terminal"].new().max_event_failures, 5)

    def test_the_rest_of_the_batch_answers_retry_once_the_budget_is_spent(self):
        events = [
            self.event("workorder.produce", payload={"qty": 1}, minutes=minute)
            for minute in range(3)
        ]
        seconds = count(0, 15)  # each look at the clock finds 15 s more spent
        with patch.object(event_ingest, "RUN_MAX", 1), patch.object(
            event_limits, "monotonic", lambda: next(seconds)
        ):
            results = self.ingest(*events)
        self.assertEqual(
            [result["status"] for result in results], ["applied", "applied", "retry"]
        )
        self.assertEqual(results[2]["error"]["code"], "temporarily_unavailable")
        self.assertFalse(self.ledger(events[2]), "not tried: nothing recorded")
        self.assertEqual(self.workorder._shopfloor_qty_made(), 2)
        self.assertApplied(self.ingest_one(events[2]))
