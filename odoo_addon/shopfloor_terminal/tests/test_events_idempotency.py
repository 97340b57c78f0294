# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import uuid
from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2.errors import UniqueViolation

from odoo import fields
from odoo.exceptions import LockError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.shopfloor_terminal.services.errors import ShopfloorApiError
from odoo.addons.shopfloor_terminal.services.event_ingest import EventIngest
from odoo.addons.shopfloor_terminal.services.wire import content_hash

from .common import NOW, ShopfloorCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestLedgerDecisions(ShopfloorCommon):
    def test_new_event_is_applied_and_recorded(self):
        event = self.event(
            "workorder.produce", payload={"qty": 2}, correlation_id="corr-1"
        )
        self.assertApplied(self.ingest_one(event))
        row = self.ledger(event)
        self.assertEqual(row.status, "applied")
        self.assertEqual(row.terminal_id, self.terminal)
        self.assertEqual(row.workorder_id, self.workorder)
        self.assertEqual(row.employee_id, self.operator)
        self.assertEqual(row.content_hash, content_hash(event))
        self.assertEqual(row.correlation_id, "corr-1")
        self.assertTrue(row.applied_at)

    def test_content_hash_ignores_transport_metadata(self):
        event = self.event("workorder.start")
        self.assertEqual(
            content_hash(event), content_hash(dict(event, correlation_id="other"))
        )
        self.assertNotEqual(
            content_hash(event), content_hash(dict(event, device_seq=99))
        )

    def test_duplicate_answers_the_current_work_order_and_posts_nothing(self):
        event = self.event("workorder.produce", payload={"qty": 2})
        self.assertApplied(self.ingest_one(event))
        result = self.ingest_one(dict(event, correlation_id="a-resend"))
        self.assertEqual(result["status"], "duplicate")
        self.assertEqual(result["workorder"]["qty_produced"], 2)
        self.assertEqual(
            self.workorder._shopfloor_qty_made(), 2, "nothing is done twice"
        )

    def test_same_id_twice_in_one_batch(self):
        event = self.event("workorder.produce", payload={"qty": 2})
        first, second = self.ingest(event, dict(event))
        self.assertEqual((first["status"], second["status"]), ("applied", "duplicate"))
        self.assertEqual(self.workorder._shopfloor_qty_made(), 2)

    def test_a_rejected_event_replayed_gets_the_same_rejection(self):
        event = self.event("workorder.produce", payload={"qty": 50})
        first = self.assertRejected(self.ingest_one(event), "qty_over_tolerance")
        self.workorder.production_id.product_qty = (
            100  # would now fit: still not re-tried
        )
        second = self.assertRejected(self.ingest_one(event), "qty_over_tolerance")
        self.assertEqual(first["error"], second["error"])
        self.assertEqual(self.workorder._shopfloor_qty_made(), 0)

    def test_same_id_with_other_content_is_a_conflict(self):
        event = self.event("workorder.produce", payload={"qty": 2})
        self.ingest_one(event)
        result = self.ingest_one(dict(event, payload={"qty": 3}))
        self.assertEqual(result["status"], "conflict")
        self.assertEqual(result["error"]["code"], "idempotency_key_reused")
        self.assertEqual(result["error"]["details"], {"original_status": "applied"})
        self.assertEqual(self.workorder._shopfloor_qty_made(), 2)

    def test_id_used_by_another_terminal_is_a_conflict_that_leaks_nothing(self):
        event = self.event("workorder.start", self.workorder_elsewhere)
        self.assertApplied(self.ingest_one(event, terminal=self.terminal_other))
        result = self.ingest_one(dict(event), terminal=self.terminal)
        self.assertEqual(result["status"], "conflict")
        self.assertEqual(result["error"]["details"], {})

    def test_later_events_of_a_work_order_wait_for_an_unapplied_one(self):
        bad = self.event("workorder.produce", payload={"qty": -1})
        later = self.event("workorder.produce", minutes=1, payload={"qty": 1})
        other_wo = self.event(
            "workorder.produce",
            self.workorder_lot,
            payload={"qty": 1, "lot_name": "L1"},
        )
        results = self.ingest(bad, later, other_wo)
        self.assertEqual(
            [r["status"] for r in results], ["rejected", "retry", "applied"]
        )
        self.assertEqual(results[1]["error"]["code"], "waiting_for_earlier_event")
        self.assertEqual(self.workorder._shopfloor_qty_made(), 0)
        self.assertEqual(
            self.ledger(later).status,
            "retry",
            "recorded, decided again when sent again",
        )
        self.assertApplied(self.ingest_one(later))

    def test_one_bad_event_does_not_undo_the_others(self):
        good = self.event("workorder.produce", payload={"qty": 1})
        bad = self.event("workorder.produce", self.workorder_lot, payload={"qty": 1})
        also_good = self.event("workorder.start", self.workorder_serial)
        results = self.ingest(good, bad, also_good)  # one run, then one by one
        self.assertEqual(
            [r["status"] for r in results], ["applied", "rejected", "applied"]
        )
        self.assertEqual(results[1]["error"]["code"], "lot_required")
        self.assertEqual(self.workorder._shopfloor_qty_made(), 1)
        self.assertTrue(self.workorder_serial.time_ids)
        statuses = [self.ledger(event).status for event in (good, bad, also_good)]
        self.assertEqual(statuses, ["applied", "rejected", "applied"])

    def test_a_run_of_events_is_applied_in_order(self):
        events = [
            self.event("workorder.start"),
            self.event("workorder.produce", minutes=5, payload={"qty": 3}),
            self.event("workorder.pause", minutes=10),
            self.event("workorder.start", minutes=20),
            self.event("workorder.finish", minutes=30, payload={"qty": 3}),
        ]
        results = self.ingest(*events)
        self.assertEqual({r["status"] for r in results}, {"applied"})
        self.assertEqual(self.workorder.state, "done")
        self.assertEqual(self.workorder._shopfloor_qty_made(), 3)
        lines = self.workorder.time_ids
        self.assertTrue(all(lines.mapped("date_end")))
        self.assertEqual(min(lines.mapped("date_start")), datetime(2026, 1, 10, 9, 0))
        self.assertEqual(max(lines.mapped("date_end")), datetime(2026, 1, 10, 9, 30))
        self.assertEqual(
            results[0]["workorder"]["state"], "done", "the batch's final state"
        )

    def test_a_retry_row_is_decided_again(self):
        event = self.event("workorder.produce", payload={"qty": 2})
        self.env["shopfloor.terminal.event"].create(
            {
                "event_uuid": event["id"],
                "terminal_id": self.terminal.id,
                "status": "retry",
                "content_hash": content_hash(event),
                "error": {"code": "lock_timeout"},
            }
        )
        self.assertApplied(self.ingest_one(event))
        row = self.ledger(event)
        self.assertEqual(row.status, "applied")
        self.assertEqual(row.attempt_count, 2)

    def test_a_passing_failure_is_answered_retry(self):
        event = self.event("workorder.produce", payload={"qty": 2})
        with patch.object(
            type(self.env["mrp.workorder"]), "write", side_effect=LockError("busy")
        ):
            result = self.ingest_one(event)
        self.assertEqual(result["status"], "retry")
        self.assertEqual(result["error"]["code"], "lock_timeout")
        self.assertEqual(self.ledger(event).status, "retry")
        self.assertApplied(self.ingest_one(event))
        self.assertEqual(self.workorder._shopfloor_qty_made(), 2)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestConcurrentDuplicate(ShopfloorCommon):
    def test_row_inserted_between_decide_and_claim_is_answered_duplicate(self):
        """Two requests carry the same event: the other one claims the id
        after this one looked it up. The unique index refuses the second
        insert and the answer comes from the other request's row; the work
        order is posted once."""
        event = self.event("workorder.produce", payload={"qty": 2})
        self.assertApplied(
            self.ingest_one(event)
        )  # "the other request", committed first
        real_find = EventIngest._find
        calls = []

        def find_missing_once(service, env, event_uuids):
            calls.append(event_uuids)
            if len(calls) == 1:
                return env[
                    "shopfloor.terminal.event"
                ]  # looked up before the other insert
            return real_find(service, env, event_uuids)

        # the answer is read through a new cursor, which must see this test's data
        with self.enter_registry_test_mode(), patch.object(
            EventIngest, "_find", find_missing_once
        ), mute_logger("odoo.sql_db"):
            result = self.ingest_one(dict(event))
        self.assertEqual(
            len(calls),
            2,
            "the claim failed on the unique index, then the id was read again",
        )
        self.assertEqual(result["status"], "duplicate")
        self.assertEqual(self.workorder._shopfloor_qty_made(), 2, "posted once")
        self.assertEqual(
            self.env["shopfloor.terminal.event"].search_count(
                [("event_uuid", "=", event["id"])]
            ),
            1,
        )

    def test_a_run_meeting_a_concurrent_row_falls_back_to_one_by_one(self):
        other = self.event(
            "workorder.produce",
            self.workorder_lot,
            payload={"qty": 1, "lot_name": "L7"},
        )
        self.assertApplied(
            self.ingest_one(other)
        )  # "the other request", committed first
        mine = self.event("workorder.produce", payload={"qty": 2})
        real_find = EventIngest._find
        calls = []

        def find_missing_once(service, env, event_uuids):
            calls.append(event_uuids)
            if len(calls) == 1:
                return env["shopfloor.terminal.event"]
            return real_find(service, env, event_uuids)

        with self.enter_registry_test_mode(), patch.object(
            EventIngest, "_find", find_missing_once
        ), mute_logger("odoo.sql_db"):
            first, second = self.ingest(mine, dict(other))
        self.assertEqual((first["status"], second["status"]), ("applied", "duplicate"))
        self.assertEqual(self.workorder._shopfloor_qty_made(), 2)
        self.assertEqual(self.workorder_lot._shopfloor_qty_made(), 1, "posted once")

    def test_the_database_refuses_a_second_row_for_an_event_id(self):
        vals = {
            "event_uuid": "0193f1c2-7b7e-7cc1-9e3a-2f1b3c4d5e6f",
            "terminal_id": self.terminal.id,
            "status": "applied",
        }
        self.env["shopfloor.terminal.event"].create(vals)
        with self.assertRaises(UniqueViolation), mute_logger("odoo.sql_db"):
            self.env["shopfloor.terminal.event"].create(vals)
            self.env.flush_all()


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestBatchValidation(ShopfloorCommon):
    def assertBatchRefused(self, body, code, field=None):
        service = EventIngest(self.device_terminal(), "test")
        with self.assertRaises(ShopfloorApiError) as caught:
            service.ingest(body)
        self.assertEqual(caught.exception.code, code)
        if field:
            self.assertEqual(caught.exception.details["field"], field)

    def test_batch_shape(self):
        self.assertBatchRefused([], "invalid_request", "events")
        self.assertBatchRefused({"events": []}, "invalid_request", "events")
        self.assertBatchRefused({"events": "x"}, "invalid_request", "events")
        self.assertBatchRefused(
            {"events": [self.event("workorder.start")] * 201}, "batch_too_large"
        )

    def test_an_event_without_a_uuid_refuses_the_whole_batch(self):
        good = self.event("workorder.produce", payload={"qty": 1})
        self.assertBatchRefused(
            {"events": [good, dict(good, id="not-a-uuid")]},
            "invalid_request",
            "events[1].id",
        )
        self.assertBatchRefused({"events": [good, 7]}, "invalid_request", "events[1]")
        self.assertEqual(self.workorder._shopfloor_qty_made(), 0)

    def test_ids_are_compared_lower_cased(self):
        event = self.event("workorder.produce", payload={"qty": 1})
        self.assertApplied(self.ingest_one(event))
        self.assertEqual(
            self.ingest_one(dict(event, id=event["id"].upper()))["status"], "duplicate"
        )


@tagged("post_install", "-at_install")
class TestLedgerRetention(ShopfloorCommon):
    def test_the_purge_never_drops_events_younger_than_90_days(self):
        ledger = self.env["shopfloor.terminal.event"]
        now = fields.Datetime.now()

        def entry(days):
            return ledger.create(
                {
                    "event_uuid": str(uuid.uuid4()),
                    "terminal_id": self.terminal.id,
                    "status": "applied",
                    "received_at": now - timedelta(days=days),
                }
            )

        ancient, old, recent = entry(200), entry(100), entry(80)
        self.env["ir.config_parameter"].set_param(
            "shopfloor_terminal.ledger_retention_days", "30"
        )
        ledger._cron_purge()
        self.assertFalse(ancient.exists())
        self.assertFalse(
            old.exists(), "a shorter retention is raised to 90 days, not ignored"
        )
        self.assertTrue(recent.exists())
        self.env["ir.config_parameter"].set_param(
            "shopfloor_terminal.ledger_retention_days", ""
        )
        past_default, within_default = entry(181), entry(150)
        ledger._cron_purge()
        self.assertFalse(
            past_default.exists(), "without a setting, the default 180 days applies"
        )
        self.assertTrue(within_default.exists())
        self.assertTrue(recent.exists())

    def test_the_purge_drops_the_lock_rows_no_request_took_for_a_day(self):
        # a batch writes the rows it locks (workcenter_locks.py) before it
        # decides its events; the daily purge keeps the table to what runs now
        self.ingest_one(self.event("workorder.start"))
        locks = self.env["shopfloor.terminal.lock"]
        taken = locks.search([("key", "=", f"mrp.workcenter,{self.wc_main.id}")])
        self.assertEqual(len(taken), 1)
        stale = locks.create(
            {
                "key": "mrp.workcenter,0",
                "taken_at": fields.Datetime.now() - timedelta(days=2),
            }
        )
        self.env["shopfloor.terminal.event"]._cron_purge()
        self.assertFalse(stale.exists())
        self.assertTrue(taken.exists())
