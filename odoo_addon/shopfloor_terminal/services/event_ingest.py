# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""POST /events: decide each event against the ledger, then apply it.

Idempotency lives in the database. For each event, in the request's
transaction:

1. look the id up in the ledger (one query for the whole batch): a known
   id is answered from it (``duplicate``, the original ``rejected``, or
   ``conflict`` when the content differs) and nothing is applied again;
2. otherwise, in one savepoint, claim the id by inserting its ledger row,
   apply the event and record the outcome on the row. The unique index on
   ``event_uuid`` makes a concurrent request with the same id wait at its
   insert for the first one, then fail before it touched anything; that
   failure is answered from the committed row
   (see :meth:`EventIngest._answer_concurrent_claim`). A refused event
   rolls the savepoint back and is recorded on a row of its own.

Consecutive new events are first tried together, in one savepoint with one
insert for their rows; if any of them fails, that savepoint is rolled back
and they take the one-event path above (see :meth:`EventIngest._apply_run`).

The ledger row and the records the event posted commit together or not at
all, so a response lost after commit is answered ``duplicate`` on replay,
and a request replayed by Odoo's serialization-failure retry starts over
from a clean transaction.
"""

import logging
from contextlib import contextmanager

import psycopg2.errors

from odoo import fields, models
from odoo.exceptions import LockError

from . import event_resolution
from .errors import EventRefused, event_refusal_for
from .event_apply import EventApplier
from .event_limits import RequestBudget, after_failure, is_unexpected, out_of_time
from .event_result import event_result
from .event_schema import MAX_ID, storable
from .event_time import batch_clock, format_server_time, utc_now
from .wire import (
    CORRELATION_ID_RE,
    MAX_SAFE_INTEGER,
    content_hash,
    is_int,
    parse_timestamp,
    parse_uuid,
    validate_batch,
)
from .workcenter_locks import lock_batch
from .workorder_authority import serialize_owned

_logger = logging.getLogger(__name__)

# Events tried together in one savepoint (see EventIngest._apply_run); a
# failure replays at most this many one by one.
RUN_MAX = 50


def receive_events(terminal, body, correlation_id, replays=0):
    """POST /events: the batch's results, and the server's time on arrival.

    ``replays``: how many times Odoo already replayed this request.
    """
    clock = batch_clock(body, utc_now())
    ingest = EventIngest(terminal, correlation_id, clock, replays=replays)
    return {
        "results": ingest.ingest(body),
        "server_time": format_server_time(clock.received_at),
    }


class EventIngest:
    """Ingest one batch of events for one terminal (in the terminal's env)."""

    def __init__(self, terminal, correlation_id, clock=None, replays=0):
        """``replays``: how many times Odoo already replayed this request."""
        self.replays = replays
        self.terminal = terminal
        self.env = terminal.env
        self.correlation_id = correlation_id
        self.clock = clock or batch_clock(None, utc_now())
        self.applier = EventApplier(terminal, self.clock)
        self.ledger = self.env["shopfloor.terminal.event"]
        self._known = {}

    def ingest(self, body):
        events = validate_batch(body)
        budget = RequestBudget()
        uuids = [parse_uuid(event["id"]) for event in events]
        placed = [
            (self._workorder_key(event), event_uuid)
            for event, event_uuid in zip(events, uuids, strict=True)
        ]
        if not lock_batch(self.env, placed, self.replays):
            return [self._work_center_busy(event_uuid) for event_uuid in uuids]
        if self.clock.measured:
            # sudo: the device user may not write its terminal; only the
            # offset measured on this batch is written
            self.terminal.sudo()._shopfloor_note_clock(self.clock.skew_ms)
        self._known = {row.event_uuid: row for row in self._find(self.env, uuids)}
        results = []
        unsettled = set()
        index = 0
        while index < len(events):
            if index and budget.spent():
                results.extend(out_of_time(uuid, budget) for uuid in uuids[index:])
                break
            run, contexts = self._new_run(events, uuids, index, unsettled)
            run_results = self._apply_run(run, contexts) if len(run) > 1 else None
            if run_results is None:
                # the general path, one event at a time: a lone event, or
                # each event of a run that failed as a whole
                run = run or [(events[index], uuids[index])]
                run_results = self._one_by_one(run, unsettled)
            else:
                self._note_unsettled(run, run_results, unsettled)
            results.extend(run_results)
            index += len(run)
        return self._serialize_workorders(results)

    @staticmethod
    def _workorder_key(event):
        return event.get("workorder_id") if is_int(event.get("workorder_id")) else None

    def _note_unsettled(self, pairs, pair_results, unsettled):
        for (event, _event_uuid), result in zip(pairs, pair_results, strict=True):
            key = self._workorder_key(event)
            if result["status"] not in ("applied", "duplicate") and key is not None:
                # later events of this work order must not overtake it
                unsettled.add(key)

    def _one_by_one(self, pairs, unsettled):
        results = []
        for event, event_uuid in pairs:
            waiting = self._workorder_key(event) in unsettled
            result = self._ingest_one(event, event_uuid, waiting)
            self._note_unsettled([(event, event_uuid)], [result], unsettled)
            results.append(result)
        return results

    def _new_run(self, events, uuids, start, unsettled):
        """Consecutive events from ``start`` that can be tried together.

        They are new, not waiting, and valid: each one is prepared here
        (validation and lookups, no writes), and an event that fails to
        prepare ends the run, to be refused on its own.
        """
        run, contexts, seen = [], [], set()
        for event, event_uuid in zip(events[start:], uuids[start:], strict=True):
            if (
                len(run) == RUN_MAX
                or event_uuid in self._known
                or event_uuid in seen
                or self._workorder_key(event) in unsettled
            ):
                break
            try:
                contexts.append(self.applier.prepare(event))
            except Exception:  # noqa: BLE001 - refused on the one-event path
                break
            run.append((event, event_uuid))
            seen.add(event_uuid)
        return run, contexts

    def _apply_run(self, run, contexts):
        """Apply a run of new events together, or return None to go one by one.

        Each event must stay atomic on its own (one bad event never undoes
        the others), but a savepoint and a flush per event cost as much as
        the event itself. So a run is tried in one savepoint, with one
        insert for its ledger rows; if any event of it fails, the whole
        savepoint is rolled back and the events are applied one by one,
        which gives each its own outcome exactly as if no run was tried.
        A run holds at most RUN_MAX events, so no event is tried more than
        twice.
        """
        vals_list = [
            dict(
                self._row_vals(event, event_uuid, content_hash(event)),
                **self._applied_vals(ctx),
            )
            for (event, event_uuid), ctx in zip(run, contexts, strict=True)
        ]
        try:
            with self._savepoint():
                rows = self.ledger.create(vals_list)
                outcomes = [self.applier.apply(ctx) for ctx in contexts]
                for row, outcome in zip(rows, outcomes, strict=True):
                    self._record_outcome(row, outcome)
        except Exception:  # noqa: BLE001 - the one-by-one path isolates the failure
            return None
        return [
            self._applied(row, ctx, outcome)
            for row, ctx, outcome in zip(rows, contexts, outcomes, strict=True)
        ]

    @contextmanager
    def _savepoint(self):
        """A savepoint to apply events in; on rollback the applier forgets
        what it read that the rolled-back events may have changed."""
        try:
            with self.env.cr.savepoint():
                yield
        except Exception:
            self.applier.forget()
            raise

    def _serialize_workorders(self, results):
        """Give each result the work order as it is after the whole batch.

        The terminal replaces its optimistic copy with the server's, so the
        latest state is the useful one, and each work order of the batch is
        serialized once, not once per event.
        """
        serialized = {}
        for result in results:
            workorder = result.get("workorder")
            if isinstance(workorder, models.BaseModel):
                if workorder.id not in serialized:
                    serialized[workorder.id] = serialize_owned(
                        self.terminal, workorder
                    )
                result["workorder"] = serialized[workorder.id]
        return results

    def _find(self, env, event_uuids):
        # sudo: event ids are global; another terminal's use of an id must
        # be seen to answer "conflict" (it is never shown to this terminal)
        return (
            env["shopfloor.terminal.event"]
            .sudo()
            .search([("event_uuid", "in", event_uuids)])
        )

    # -- one event -----------------------------------------------------------

    def _ingest_one(self, event, event_uuid, waiting):
        """Decide one event; a ``waiting`` one is recorded but not applied."""
        digest = content_hash(event)
        existing = self._known.get(event_uuid)
        if existing:
            answer = self._answer_known(existing, digest, event_uuid)
            if answer:
                return answer
            row = self._reclaim(existing.with_env(self.env))
            if not row:
                return self._busy(event_uuid)
            if waiting:
                return self._record_refusal(
                    row, self._waiting_refusal(event), self._lookup(event)
                )
            return self._apply(event, row)
        vals = self._row_vals(event, event_uuid, digest)
        if waiting:
            return self._record_new_refusal(
                vals, self._waiting_refusal(event), self._lookup(event)
            )
        return self._claim_and_apply(event, vals)

    def _lookup(self, event):
        """The work order and operator of an event that is not applied now.

        A waiting event keeps them on its ledger row, so Odoo shows what
        waits; one that would not even prepare keeps what it can (none).
        """
        try:
            return self.applier.prepare(event)
        except Exception:  # noqa: BLE001 - decided when the event is applied
            return None

    def _claim_and_apply(self, event, vals):
        """Claim the id and apply the event, together or not at all.

        The row is inserted as applied before the event is applied: if the
        event is refused, the savepoint rolls both back and the refusal is
        recorded on a row of its own.
        """
        ctx = None
        try:
            with self._savepoint():
                ctx = self.applier.prepare(
                    event
                )  # validation and lookups: writes nothing
                row = self.ledger.create(dict(vals, **self._applied_vals(ctx)))
                outcome = self.applier.apply(ctx)
                self._record_outcome(row, outcome)
        except psycopg2.errors.UniqueViolation as exc:
            if exc.diag.constraint_name == self._unique_constraint():
                return self._answer_concurrent_claim(
                    vals["event_uuid"], vals["content_hash"]
                )
            refusal, failures = self._refusal(exc, vals["event_uuid"])
        except Exception as exc:  # noqa: BLE001 - every failure becomes a result
            refusal, failures = self._refusal(exc, vals["event_uuid"])
        else:
            return self._applied(row, ctx, outcome)
        vals = dict(vals, failure_count=failures)
        return self._record_new_refusal(vals, refusal, ctx)

    def _apply(self, event, row):
        """Apply an event whose (``retry``) ledger row already exists."""
        ctx = None
        try:
            with self._savepoint():
                ctx = self.applier.prepare(event)
                outcome = self.applier.apply(ctx)
                return self._record_applied(row, ctx, outcome)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a result
            refusal, row.failure_count = self._refusal(
                exc, row.event_uuid, row.failure_count
            )
            return self._record_refusal(row, refusal, ctx)

    def _refusal(self, exc, event_uuid, failures=0):
        """The refusal for ``exc``, and the event's unexpected failures so far.

        Unexpected failures are counted so that they end (see event_limits.py).
        """
        refusal = event_refusal_for(exc)
        if not is_unexpected(exc):
            return refusal, failures
        failures += 1
        _logger.exception(
            "shopfloor event %s failed unexpectedly (%s) correlation_id=%s",
            event_uuid,
            failures,
            self.correlation_id,
        )
        refusal = after_failure(
            refusal, failures, self.terminal.max_event_failures, self.correlation_id
        )
        return refusal, failures

    def _waiting_refusal(self, event):
        return EventRefused(
            "waiting_for_earlier_event",
            "An earlier event of this work order was not applied; "
            "this one waits for it.",
            {"workorder_id": event.get("workorder_id")},
        )

    def _reclaim(self, row):
        """Lock a ``retry`` row before deciding it again, or return None.

        Two requests replaying the same unsettled event must not both apply
        it: the first one locks the row, the other one is told to retry.
        In REPEATABLE READ, a row changed by a transaction committed since
        this one began cannot be locked either (serialization failure).
        """
        try:
            with self.env.cr.savepoint():
                row.lock_for_update()
                row.attempt_count += 1
                row.flush_recordset()
        except (LockError, psycopg2.errors.SerializationFailure):
            return None
        return row

    def _busy(self, event_uuid):
        return EventRefused(
            "temporarily_unavailable",
            "This event is being processed by another request; send it again later.",
        ).result(event_uuid)

    def _work_center_busy(self, event_uuid):
        return EventRefused(
            "lock_timeout",
            "Other requests are applying events on this work center; "
            "send it again later.",
        ).result(event_uuid)

    def _unique_constraint(self):
        return f"{self.ledger._table}_event_uuid_unique"

    def _answer_known(self, row, digest, event_uuid):
        """The answer for an id already in the ledger, or None to re-apply it."""
        same_terminal = row.terminal_id.id == self.terminal.id
        if not same_terminal or row.content_hash != digest:
            details = {}
            if same_terminal:
                details["original_status"] = row.status
            _logger.info(
                "shopfloor event %s conflict (id reused) terminal=%s correlation_id=%s",
                event_uuid,
                self.terminal.id,
                self.correlation_id,
            )
            return event_result(
                event_uuid,
                "conflict",
                {
                    "code": "idempotency_key_reused",
                    "message": "This event id was already used for a different event.",
                    "details": details,
                },
            )
        if row.status == "applied":
            # serialized with the rest of the batch (see _serialize_workorders),
            # or null if the work order has left the terminal's work centers
            return event_result(
                event_uuid, "duplicate", workorder=self._current_workorder(row)
            )
        if row.status == "rejected":
            return event_result(
                event_uuid, "rejected", row.error, self._current_workorder(row)
            )
        return None

    def _answer_concurrent_claim(self, event_uuid, digest):
        """Another request inserted this id first and has committed.

        Odoo runs requests in REPEATABLE READ: the other request's row is
        invisible to this transaction's snapshot, so it is read through a
        fresh cursor, and answered like any known id.
        """
        with self.env.registry.cursor() as cr:
            env = self.env(cr=cr)
            row = self._find(env, [event_uuid])
            answer = None
            if row:
                terminal = self.terminal.with_env(env)
                service = EventIngest(terminal, self.correlation_id)
                answer = service._serialize_workorders(
                    [service._answer_known(row, digest, event_uuid)]
                )[0]
        _logger.info(
            "shopfloor event %s claimed concurrently, answered %s correlation_id=%s",
            event_uuid,
            answer and answer["status"],
            self.correlation_id,
        )
        return answer or self._busy(event_uuid)

    def _row_vals(self, event, event_uuid, digest):
        device_seq = event.get("device_seq")
        workorder_ref = self._workorder_key(event) or 0
        return {
            "event_uuid": event_uuid,
            "terminal_id": self.terminal.id,
            "event_type": storable(str(event.get("type")))[:64]
            if event.get("type") is not None
            else False,
            "workorder_ref": workorder_ref if 0 < workorder_ref <= MAX_ID else 0,
            "device_seq": device_seq
            if is_int(device_seq) and 0 <= device_seq <= MAX_SAFE_INTEGER
            else 0,
            "occurred_at": parse_timestamp(event.get("occurred_at")),
            "content_hash": digest,
            "payload": storable(event.get("payload"))
            if isinstance(event.get("payload"), dict)
            else None,
            "resend_of": parse_uuid(event.get("resend_of")) or False,
            "status": "retry",
            "correlation_id": self._correlation_id(event),
            "received_at": fields.Datetime.now(),
        }

    def _correlation_id(self, event):
        value = event.get("correlation_id")
        if isinstance(value, str) and CORRELATION_ID_RE.fullmatch(value):
            return value
        return self.correlation_id

    def _applied_vals(self, ctx):
        return {
            "status": "applied",
            "applied_at": fields.Datetime.now(),
            "error": None,
            "error_code": False,
            "error_message": False,
            "workorder_id": ctx.workorder.id,
            "employee_id": ctx.employee.id or False,
            **self._time_vals(ctx),
        }

    @staticmethod
    def _time_vals(ctx):
        return {
            "occurred_at_server": ctx.occurred_at,
            "clock_jump_ms": ctx.clock_jump_ms,
        }

    def _record_applied(self, row, ctx, outcome):
        row.write(self._applied_vals(ctx))
        self._record_outcome(row, outcome)
        return self._applied(row, ctx, outcome)

    @staticmethod
    def _record_outcome(row, outcome):
        """Link the ledger row to the record its event made (a scrap, a lot…)."""
        if outcome.record:
            row.result_ref = f"{outcome.record._name},{outcome.record.id}"

    def _applied(self, row, ctx, outcome):
        """The result of an event just applied, whose row is ``row``."""
        self._known[row.event_uuid] = row
        self._log_applied(row, ctx)
        self._settle_resend(row, ctx)
        return event_result(row.event_uuid, "applied", workorder=outcome.workorder)

    def _log_applied(self, row, ctx):
        _logger.info(
            "shopfloor event %s applied %s wo=%s terminal=%s correlation_id=%s",
            row.event_uuid,
            ctx.event_type,
            ctx.workorder.id,
            self.terminal.id,
            row.correlation_id,
        )

    def _refusal_vals(self, refusal, ctx):
        return {
            "status": refusal.status,
            "error": refusal.to_error(),
            "error_code": refusal.code,
            "error_message": refusal.message[:256],
            "workorder_id": ctx.workorder.id if ctx else False,
            "employee_id": ctx.employee.id if ctx and ctx.employee else False,
            **(self._time_vals(ctx) if ctx else {}),
        }

    def _record_refusal(self, row, refusal, ctx=None):
        row.write(self._refusal_vals(refusal, ctx))
        self._log_refusal(row.event_uuid, refusal, row.correlation_id)
        return self._refusal_result(row, refusal, ctx)

    def _record_new_refusal(self, vals, refusal, ctx=None):
        try:
            with self.env.cr.savepoint():
                row = self.ledger.create(dict(vals, **self._refusal_vals(refusal, ctx)))
        except psycopg2.errors.UniqueViolation:
            return self._answer_concurrent_claim(
                vals["event_uuid"], vals["content_hash"]
            )
        self._known[row.event_uuid] = row
        self._log_refusal(row.event_uuid, refusal, row.correlation_id)
        return self._refusal_result(row, refusal, ctx)

    def _refusal_result(self, row, refusal, ctx):
        if refusal.status != "rejected":
            return refusal.result(row.event_uuid)
        self._settle_resend(row, ctx)
        # the terminal replaces its copy, so the cause (a hold, say) shows
        return refusal.result(
            row.event_uuid, ctx.workorder if ctx else self._current_workorder(row)
        )

    def _current_workorder(self, row):
        """The row's work order if it exists and is still the terminal's."""
        return self.applier.optional_workorder(row.workorder_ref)

    def _settle_resend(self, row, ctx):
        """A decided resend resolves the failed event it names.

        Unless no supervisor stood behind it (supervisor_check.py): then the
        failed event waits for one.
        """
        if row.resend_of and row.error_code != "supervisor_required":
            event_resolution.resolve_resent(
                self.terminal,
                row,
                ctx.resolved_by if ctx else self.env["hr.employee"],
            )

    def _log_refusal(self, event_uuid, refusal, correlation_id):
        _logger.info(
            "shopfloor event %s %s %s terminal=%s correlation_id=%s",
            event_uuid,
            refusal.status,
            refusal.code,
            self.terminal.id,
            correlation_id,
        )
