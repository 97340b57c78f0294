# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two real transactions replay the same event at the same time.

The other tests run inside one test transaction, which cannot show what
two database sessions do to each other. Here each "request" is a thread
with its own cursor, committing for real, like two Odoo workers.
"""

import threading
import time
import uuid
from datetime import UTC, datetime
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import ConcurrencyError
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import BaseCase, get_db_name, tagged

from odoo.addons.shopfloor_terminal.services.event_apply import EventApplier
from odoo.addons.shopfloor_terminal.services.event_ingest import EventIngest
from odoo.addons.shopfloor_terminal.services.wire import format_timestamp
from odoo.addons.shopfloor_terminal.services.workcenter_locks import MAX_REPLAYS, take

# Seconds any step of the staged race may take before the test gives up.
TIMEOUT = 30
# Seconds between two looks at PostgreSQL's lock table.
POLL_INTERVAL = 0.01


@tagged("post_install", "-at_install")
class TestConcurrentRequests(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            supervisor = env["hr.employee"].create(
                {
                    "name": f"SF Race Supervisor {tag}",
                    "shopfloor_can_release_holds": True,
                }
            )
            workcenter = env["mrp.workcenter"].create(
                {
                    "name": f"SF Race {tag}",
                    "resource_calendar_id": False,
                    "shopfloor_employee_ids": [Command.set(supervisor.ids)],
                }
            )
            product = env["product.product"].create(
                {"name": f"SF Race {tag}", "is_storable": True}
            )
            bom = env["mrp.bom"].create(
                {
                    "product_tmpl_id": product.product_tmpl_id.id,
                    "operation_ids": [
                        Command.create({"name": "Race", "workcenter_id": workcenter.id})
                    ],
                }
            )
            production = env["mrp.production"].create(
                {"product_id": product.id, "product_qty": 10, "bom_id": bom.id}
            )
            production.action_confirm()
            terminal = env["shopfloor.terminal"].create(
                {
                    "name": f"SF Race {tag}",
                    "workcenter_ids": [Command.set(workcenter.ids)],
                    "require_operator": False,
                }
            )
            self.production_id = production.id
            self.workorder_id = production.workorder_ids.id
            self.terminal_id = terminal.id
            self.supervisor_id = supervisor.id
        self.addCleanup(
            self._cancel_and_revoke, self.production_id, [self.terminal_id]
        )

    def _waits_on_a_lock(self, pids):
        """Whether the backend in ``pids`` comes to wait on another one's lock.

        Only PostgreSQL knows when the second request's insert waits on the
        first one's uncommitted row: ask it (``pg_blocking_pids`` reads the
        live lock table) until it says so, or the time is up.
        """
        deadline = time.monotonic() + TIMEOUT
        with self.registry.cursor() as cr:
            while time.monotonic() < deadline:
                if pids:
                    cr.execute("SELECT cardinality(pg_blocking_pids(%s)) > 0", pids)
                    if cr.fetchone()[0]:
                        return True
                time.sleep(POLL_INTERVAL)  # a poll interval, not a guess at timing
        return False

    def _event(self, event_type, workorder_id, payload):
        return {
            "id": str(uuid.uuid4()),
            "type": event_type,
            "workorder_id": workorder_id,
            # now: the threads run on the real clock, within the age window
            "occurred_at": format_timestamp(datetime.now(UTC).replace(tzinfo=None)),
            "device_seq": 1,
            "employee_id": None,
            "payload": payload,
        }

    def _race(self, first, second, held=(EventApplier, "apply")):
        """Two requests, each a ``(terminal id, event)``: the first applies
        its event and keeps its transaction open until the second waits on a
        lock it holds.

        ``held``: the method (class, name) after which the first one waits;
        an event refused before it is applied is held after its refusal is
        recorded instead.

        Returns the two results by request name. Odoo's log must stay free
        of ERROR lines: requests that meet take turns, none fails.
        """
        requests = {"first": first, "second": second}
        results = {}
        errors = []
        owner, method = held
        real_method = getattr(owner, method)
        # The race, staged step by step: the first request applies the event
        # and keeps its transaction open; only then does the second one start,
        # and the first commits once the second waits on the row it inserted.
        first_applied = threading.Event()
        second_blocked = threading.Event()
        second_pid = []  # its PostgreSQL backend, to ask what it waits on

        def held_method(*args, **kwargs):
            outcome = real_method(*args, **kwargs)
            if threading.current_thread().name == "first":
                first_applied.set()
                second_blocked.wait(TIMEOUT)
            return outcome

        def request(name, after=None):
            try:
                if after and not after.wait(TIMEOUT):
                    raise TimeoutError(f"{name} was never let through")
                with self.registry.cursor() as cr:
                    if name == "second":
                        cr.execute("SELECT pg_backend_pid()")
                        second_pid.append(cr.fetchone()[0])
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    terminal_id, event = requests[name]
                    terminal = env["shopfloor.terminal"].browse(terminal_id)
                    terminal = terminal.with_user(terminal.user_id)
                    # as a request runs: the second one waits for the
                    # first's lock, then Odoo replays it on a fresh snapshot
                    results[name] = retrying(
                        lambda: EventIngest(terminal, name).ingest(
                            {"events": [event]}
                        )[0],
                        env,
                    )
            except Exception as exc:  # noqa: BLE001 - reported by the assertion below
                errors.append(exc)

        threads = [
            threading.Thread(target=request, args=("first",), name="first"),
            threading.Thread(
                target=request, args=("second", first_applied), name="second"
            ),
        ]
        # The test runner holds the registry lock while tests run; like
        # HttpCase does for its server threads, let these threads through.
        with patch.object(Registry, "_lock", DummyRLock()), patch.object(
            owner, method, held_method
        ), self.assertNoLogs("odoo.sql_db", "ERROR"):
            for thread in threads:
                thread.start()
            staged = first_applied.wait(TIMEOUT) and self._waits_on_a_lock(second_pid)
            second_blocked.set()
            for thread in threads:
                thread.join(TIMEOUT)
        self.assertTrue(staged, "the second request never waited on the first")
        self.assertEqual(errors, [])
        return results

    def _send_twice_at_once(self, event, **race):
        results = self._race(
            (self.terminal_id, event), (self.terminal_id, event), **race
        )
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertEqual(
                env["shopfloor.terminal.event"].search_count(
                    [("event_uuid", "=", event["id"])]
                ),
                1,
                "recorded once",
            )
        return results

    def test_the_same_event_sent_twice_at_once_posts_once(self):
        event = self._event("workorder.produce", self.workorder_id, {"qty": 3})
        results = self._send_twice_at_once(event)
        self.assertEqual(results["first"]["status"], "applied")
        self.assertEqual(results["second"]["status"], "duplicate", results["second"])
        self.assertEqual(results["second"]["workorder"]["qty_produced"], 3)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertEqual(
                env["mrp.workorder"].browse(self.workorder_id)._shopfloor_qty_made(),
                3,
                "posted once",
            )

    def test_an_event_naming_no_work_order_sent_twice_at_once_applies_once(self):
        # A discard applies even when its work order is gone: with no work
        # center to lock, the id it names is locked instead
        # (workcenter_locks.py), so the second request waits and is
        # answered from the first one's ledger row. A supervisor authorizes
        # it, as the tablet's gate makes one (supervisor_check.py).
        with self.registry.cursor() as cr:
            cr.execute("SELECT COALESCE(MAX(id), 0) + 1000 FROM mrp_workorder")
            (unknown_id,) = cr.fetchone()
        event = self._event(
            "event.discard",
            unknown_id,
            {"event_id": str(uuid.uuid4()), "reason": "Scanned twice"},
        )
        event["employee_id"] = self.supervisor_id
        results = self._send_twice_at_once(event)
        self.assertEqual(results["first"]["status"], "applied", results["first"])
        self.assertEqual(results["second"]["status"], "duplicate", results["second"])
        self.assertIsNone(results["second"]["workorder"])

    def test_a_malformed_event_sent_twice_at_once_is_recorded_once(self):
        # An id PostgreSQL cannot hold names no work order and no lock of
        # one: the event is locked by its own id, so the second copy waits
        # for the first one's ledger row instead of failing to insert its own.
        event = self._event("workorder.start", 2**40, {})
        results = self._send_twice_at_once(
            event, held=(EventIngest, "_record_new_refusal")
        )
        self.assertEqual(results["first"]["status"], "rejected", results["first"])
        self.assertEqual(results["second"], results["first"])

    def test_two_work_centers_producing_into_one_order_at_once_take_turns(self):
        # Each produce writes the order's quantity producing: two terminals
        # on the order's two work centers meet on the order's row unless the
        # order is locked too (workcenter_locks.py).
        tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            workcenters = env["mrp.workcenter"].create(
                [
                    {"name": f"SF Race {side} {tag}", "resource_calendar_id": False}
                    for side in "AB"
                ]
            )
            product = env["product.product"].create(
                {"name": f"SF Race Pair {tag}", "is_storable": True}
            )
            bom = env["mrp.bom"].create(
                {
                    "product_tmpl_id": product.product_tmpl_id.id,
                    "operation_ids": [
                        Command.create({"name": "Race", "workcenter_id": wc.id})
                        for wc in workcenters
                    ],
                }
            )
            production = env["mrp.production"].create(
                {"product_id": product.id, "product_qty": 10, "bom_id": bom.id}
            )
            production.action_confirm()
            terminals = env["shopfloor.terminal"].create(
                [
                    {
                        "name": f"SF Race {wc.name}",
                        "workcenter_ids": [Command.set(wc.ids)],
                        "require_operator": False,
                    }
                    for wc in workcenters
                ]
            )
            first_op, second_op = production.workorder_ids.sorted("sequence").ids
            production_id, terminal_ids = production.id, terminals.ids
        self.addCleanup(self._cancel_and_revoke, production_id, terminal_ids)
        results = self._race(
            (terminal_ids[0], self._event("workorder.produce", first_op, {"qty": 2})),
            (terminal_ids[1], self._event("workorder.produce", second_op, {"qty": 1})),
        )
        self.assertEqual(
            (results["first"]["status"], results["second"]["status"]),
            ("applied", "applied"),
            results,
        )
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            production = env["mrp.production"].browse(production_id)
            self.assertEqual(
                production.workorder_ids.sorted("sequence").mapped(
                    lambda op: op._shopfloor_qty_made()
                ),
                [2, 1],
            )
            # the most an operation reported (workorder_produce.order_quantity)
            self.assertEqual(production.qty_producing, 2)

    def _cancel_and_revoke(self, production_id, terminal_ids):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["mrp.production"].browse(production_id).action_cancel()
            env["shopfloor.terminal"].browse(terminal_ids).action_revoke()

    def _hold_workcenter_lock_until_waited_for(self, locked):
        """Another request's transaction: holds the work center's lock until a
        request waits for it, then commits."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            workcenter = env["mrp.workorder"].browse(self.workorder_id).workcenter_id
            take(env, f"mrp.workcenter,{workcenter.id}")
            locked.set()
            waiting = 0
            while not waiting:
                # pg_locks, not pg_stat_activity: a transaction sees the
                # latter as it was when first read
                cr.execute(
                    "SELECT count(*) FROM pg_locks WHERE NOT granted"
                    " AND pg_backend_pid() = ANY(pg_blocking_pids(pid))"
                )
                waiting = cr.fetchone()[0]
                time.sleep(0.01)  # polls, not a timing assertion

    def _ingest_behind_another_request(self, replays):
        event = self._event("workorder.start", self.workorder_id, {})
        locked = threading.Event()
        holder = threading.Thread(
            target=self._hold_workcenter_lock_until_waited_for, args=(locked,)
        )
        with patch.object(Registry, "_lock", DummyRLock()):
            holder.start()
            locked.wait(30)
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    terminal = env["shopfloor.terminal"].browse(self.terminal_id)
                    terminal = terminal.with_user(terminal.user_id)
                    return EventIngest(terminal, "behind", replays=replays).ingest(
                        {"events": [event]}
                    )
            finally:
                holder.join(30)

    def test_a_request_that_waited_for_its_work_center_is_replayed(self):
        with self.assertRaises(ConcurrencyError):
            self._ingest_behind_another_request(replays=0)

    def test_after_its_last_replay_it_answers_retry_instead(self):
        (result,) = self._ingest_behind_another_request(replays=MAX_REPLAYS)
        self.assertEqual(
            (result["status"], result["error"]["code"]), ("retry", "lock_timeout")
        )

    def test_a_request_whose_snapshot_missed_another_ones_commit_is_replayed(self):
        # The lock was free when this request asked for it, but only because
        # the request holding it committed after this one's first query
        # (authentication) took its snapshot. That request's timer and work
        # center state are invisible here: this start would open a second
        # timer and fail on the work center's row (an ERROR line). It is
        # replayed on a fresh snapshot instead, where the timer already runs.
        with patch.object(Registry, "_lock", DummyRLock()), self.assertNoLogs(
            "odoo.sql_db", "ERROR"
        ), self.registry.cursor() as late_cr:
            env = api.Environment(late_cr, SUPERUSER_ID, {})
            terminal = env["shopfloor.terminal"].browse(self.terminal_id)
            terminal = terminal.with_user(terminal.user_id)
            self.assertTrue(terminal.user_id, "the snapshot is taken")
            with self.registry.cursor() as cr:
                other = api.Environment(cr, SUPERUSER_ID, {})["shopfloor.terminal"]
                other = other.browse(self.terminal_id).with_user(terminal.user_id)
                start = self._event("workorder.start", self.workorder_id, {})
                (first,) = EventIngest(other, "first").ingest({"events": [start]})
            self.assertEqual(first["status"], "applied", first)
            late = {"events": [self._event("workorder.start", self.workorder_id, {})]}
            attempts = []

            def attempt():
                attempts.append("replay" if attempts else "first try")
                return EventIngest(terminal, "late").ingest(late)

            (result,) = retrying(attempt, env)
        self.assertEqual(attempts, ["first try", "replay"])
        self.assertEqual(result["status"], "applied", result)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            lines = env["mrp.workorder"].browse(self.workorder_id).time_ids
            self.assertEqual(len(lines), 1, "one timer")
            self.assertFalse(lines.date_end, "still running")
