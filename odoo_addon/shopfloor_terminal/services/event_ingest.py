# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""POST /events: decide each event against the ledger, then apply it.

Idempotency lives in the database. For each event, in the request's
transaction:

1. look the id up in the ledger: a known id is answered from it
   (``duplicate``, the original ``rejected``, or ``conflict`` when the
   content differs) and nothing is applied again;
2. otherwise claim the id by inserting its ledger row; the unique index on
   ``event_uuid`` makes a concurrent request with the same id wait for the
   first one and then fail, and that failure is answered from the committed
   row (see :meth:`EventIngest._answer_concurrent_claim`);
3. apply the event in its own savepoint and record the outcome on the row.

The ledger row and the records the event posted commit together or not at
all, so a response lost after commit is answered ``duplicate`` on replay,
and a request replayed by Odoo's serialization-failure retry starts over
from a clean transaction.
"""

import hashlib
import json
import logging

import psycopg2.errors

from odoo import fields
from odoo.exceptions import LockError

from .errors import EventRefused, ShopfloorApiError, event_refusal_for
from .event_apply import EventApplier
from .wire import MAX_BATCH, MAX_SAFE_INTEGER, is_int, parse_timestamp, parse_uuid
from .workorder_serializer import serialize_workorder

_logger = logging.getLogger(__name__)

HASHED_KEYS = ("type", "workorder_id", "occurred_at", "device_seq", "employee_id", "payload")


def content_hash(event):
    """sha256 of the canonical JSON of what the event says (not its transport)."""
    content = {key: event.get(key) for key in HASHED_KEYS}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def validate_batch(body):
    """The events of a POST /events body; refuse the whole batch if unusable."""
    if not isinstance(body, dict) or not isinstance(body.get("events"), list):
        raise ShopfloorApiError(
            "invalid_request", "The body must be {\"events\": [...]}.", {"field": "events", "reason": "array required"}
        )
    events = body["events"]
    if len(events) > MAX_BATCH:
        raise ShopfloorApiError(
            "batch_too_large",
            f"At most {MAX_BATCH} events per request.",
            {"max_batch": MAX_BATCH, "count": len(events)},
        )
    if not events:
        raise ShopfloorApiError(
            "invalid_request", "Send at least one event.", {"field": "events", "reason": "1..200 events"}
        )
    for index, event in enumerate(events):
        if not isinstance(event, dict):
            raise ShopfloorApiError(
                "invalid_request", "Each event must be an object.", {"field": f"events[{index}]", "reason": "object"}
            )
        if parse_uuid(event.get("id")) is None:
            # without an id no result can be addressed: the batch is refused
            raise ShopfloorApiError(
                "invalid_request",
                "Each event needs an id that is a UUID.",
                {"field": f"events[{index}].id", "reason": "UUID required"},
            )
    return events


class EventIngest:
    """Ingest one batch of events for one terminal (in the terminal's env)."""

    def __init__(self, terminal, correlation_id):
        self.terminal = terminal
        self.env = terminal.env
        self.correlation_id = correlation_id
        self.applier = EventApplier(terminal)

    def ingest(self, body):
        events = validate_batch(body)
        results = []
        unsettled = set()
        for event in events:
            workorder_key = event.get("workorder_id") if is_int(event.get("workorder_id")) else None
            # later events of a work order must not overtake an unapplied one
            waiting = workorder_key is not None and workorder_key in unsettled
            result = self._ingest_one(event, waiting)
            if result["status"] not in ("applied", "duplicate") and workorder_key is not None:
                unsettled.add(workorder_key)
            results.append(result)
        return results

    # -- one event -----------------------------------------------------------

    def _ingest_one(self, event, waiting=False):
        """Decide one event; a ``waiting`` one is recorded but not applied."""
        event_uuid = parse_uuid(event["id"])
        digest = content_hash(event)
        existing = self._find(self.env, event_uuid)
        if existing:
            answer = self._answer_known(existing, digest, event_uuid)
            if answer:
                return answer
            row = self._reclaim(existing.with_env(self.env))
            if not row:
                return self._busy(event_uuid)
        else:
            try:
                with self.env.cr.savepoint():
                    row = self.env["shopfloor.terminal.event"].create(self._row_vals(event, event_uuid, digest))
            except psycopg2.errors.UniqueViolation:
                return self._answer_concurrent_claim(event_uuid, digest)
        if waiting:
            refusal = EventRefused(
                "waiting_for_earlier_event",
                "An earlier event of this work order was not applied; this one waits for it.",
                {"workorder_id": event.get("workorder_id")},
            )
            return self._record_refusal(row, refusal)
        return self._apply(event, row)

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
        return {
            "id": event_uuid,
            "status": "retry",
            "error": {
                "code": "temporarily_unavailable",
                "message": "This event is being processed by another request; send it again later.",
                "details": {},
            },
        }

    def _find(self, env, event_uuid):
        # sudo: event ids are global; another terminal's use of an id must
        # be seen to answer "conflict" (it is never shown to this terminal)
        return env["shopfloor.terminal.event"].sudo().search([("event_uuid", "=", event_uuid)], limit=1)

    def _answer_known(self, row, digest, event_uuid):
        """The answer for an id already in the ledger, or None to re-apply it."""
        same_terminal = row.terminal_id.id == self.terminal.id
        if not same_terminal or row.content_hash != digest:
            details = {}
            if same_terminal:
                details["original_status"] = row.status
            _logger.info(
                "shopfloor event %s conflict (id reused) terminal=%s correlation_id=%s",
                event_uuid, self.terminal.id, self.correlation_id,
            )
            return {
                "id": event_uuid,
                "status": "conflict",
                "error": {
                    "code": "idempotency_key_reused",
                    "message": "This event id was already used for a different event.",
                    "details": details,
                },
            }
        if row.status == "applied":
            workorder = row.workorder_id.with_env(self.terminal.env)
            return {
                "id": event_uuid,
                "status": "duplicate",
                "workorder": serialize_workorder(workorder) if workorder else None,
            }
        if row.status == "rejected":
            return {"id": event_uuid, "status": "rejected", "error": row.error}
        return None

    def _answer_concurrent_claim(self, event_uuid, digest):
        """Another request inserted this id first and has committed.

        Odoo runs requests in REPEATABLE READ: the other request's row is
        invisible to this transaction's snapshot, so it is read through a
        fresh cursor, and answered like any known id.
        """
        with self.env.registry.cursor() as cr:
            env = self.env(cr=cr)
            row = self._find(env, event_uuid)
            answer = None
            if row:
                terminal = self.terminal.with_env(env)
                answer = EventIngest(terminal, self.correlation_id)._answer_known(row, digest, event_uuid)
        _logger.info(
            "shopfloor event %s claimed concurrently, answered %s correlation_id=%s",
            event_uuid, answer and answer["status"], self.correlation_id,
        )
        return answer or self._busy(event_uuid)

    def _row_vals(self, event, event_uuid, digest):
        device_seq = event.get("device_seq")
        return {
            "event_uuid": event_uuid,
            "terminal_id": self.terminal.id,
            "event_type": str(event.get("type"))[:64] if event.get("type") is not None else False,
            "workorder_ref": event["workorder_id"] if is_int(event.get("workorder_id")) else 0,
            "device_seq": device_seq if is_int(device_seq) and 0 <= device_seq <= MAX_SAFE_INTEGER else 0,
            "occurred_at": parse_timestamp(event.get("occurred_at")),
            "content_hash": digest,
            "payload": event.get("payload") if isinstance(event.get("payload"), dict) else None,
            "status": "retry",
            "correlation_id": self._correlation_id(event),
            "received_at": fields.Datetime.now(),
        }

    def _correlation_id(self, event):
        value = event.get("correlation_id")
        if isinstance(value, str) and 1 <= len(value) <= 64:
            return value
        return self.correlation_id

    def _apply(self, event, row):
        event_uuid = row.event_uuid
        ctx = None
        try:
            with self.env.cr.savepoint():
                ctx = self.applier.prepare(event)
                outcome = self.applier.apply(ctx)
                self.env.flush_all()
        except Exception as exc:  # noqa: BLE001 - every failure becomes a result
            refusal = event_refusal_for(exc)
            if refusal.code == "temporarily_unavailable" and not isinstance(exc, psycopg2.Error):
                _logger.exception(
                    "shopfloor event %s failed unexpectedly correlation_id=%s", event_uuid, self.correlation_id
                )
            return self._record_refusal(row, refusal, ctx)
        record = outcome.record if outcome.record else None
        row.write(
            {
                "status": "applied",
                "applied_at": fields.Datetime.now(),
                "error": None,
                "error_code": False,
                "error_message": False,
                "workorder_id": ctx.workorder.id,
                "employee_id": ctx.employee.id or False,
                "result_ref": f"{record._name},{record.id}" if record else False,
            }
        )
        _logger.info(
            "shopfloor event %s applied %s wo=%s terminal=%s correlation_id=%s",
            event_uuid, ctx.event_type, ctx.workorder.id, self.terminal.id, row.correlation_id,
        )
        return {"id": event_uuid, "status": "applied", "workorder": serialize_workorder(outcome.workorder)}

    def _record_refusal(self, row, refusal, ctx=None):
        row.write(
            {
                "status": refusal.status,
                "error": refusal.to_error(),
                "error_code": refusal.code,
                "error_message": refusal.message[:256],
                "workorder_id": ctx.workorder.id if ctx else False,
                "employee_id": ctx.employee.id if ctx and ctx.employee else False,
            }
        )
        _logger.info(
            "shopfloor event %s %s %s terminal=%s correlation_id=%s",
            row.event_uuid, refusal.status, refusal.code, self.terminal.id, row.correlation_id,
        )
        return {"id": row.event_uuid, "status": refusal.status, "error": refusal.to_error()}
