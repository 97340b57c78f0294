# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 13: a refused event resolved on the tablet, as the tablet sends it.

The scenario: a ready, untracked work order of 9 is started; a hold is put
on it from Odoo; offline the operator reports 6 and finishes. The 6 is
refused (on hold), the finish waits behind it. The hold is released and a
supervisor resends the 6 (or discards it): the resolution takes the failed
event's place, before the finish.
"""

import uuid

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, ShopfloorCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestEventResolution(ShopfloorCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wo9 = cls._make_workorder(cls.product, qty=9)

    def setUp(self):
        super().setUp()
        self.start = self.event("workorder.start", self.wo9, device_seq=1)
        self.produce = self.event(
            "workorder.produce",
            self.wo9,
            payload={"qty": 6},
            minutes=10,
            device_seq=2,
            correlation_id="produce-6",
        )
        self.finish = self.event(
            "workorder.finish", self.wo9, payload={"qty": 6}, minutes=20, device_seq=3
        )

    # -- helpers -------------------------------------------------------------

    def refuse_the_six(self):
        """Steps 1-4: start, hold from Odoo, then the offline 6 and finish."""
        self.assertEqual(self.wo9.state, "ready")
        self.assertApplied(self.ingest_one(self.start))
        hold = self.env["shopfloor.quality.hold"].create(
            {"workorder_id": self.wo9.id, "reason_id": self.hold_reason.id}
        )
        refused, waiting = self.ingest(self.produce, self.finish)
        self.assertRejected(refused, "workorder_on_hold")
        self.assertEqual(refused["workorder"]["id"], self.wo9.id)
        self.assertEqual(
            [h["id"] for h in refused["workorder"]["holds"]],
            hold.ids,
            "the refusal carries the work order with the hold that caused it",
        )
        self.assertEqual(waiting["status"], "retry")
        self.assertEqual(waiting["error"]["code"], "waiting_for_earlier_event")
        self.assertEqual(self.wo9._shopfloor_qty_made(), 0)
        self.assertEqual(self.rejected_count(), 1)
        return hold

    def resend(self, original, **changes):
        """The new event the tablet sends in the failed event's place."""
        return dict(
            original,
            id=str(uuid.uuid4()),
            resend_of=original["id"],
            resolved_by=self.supervisor.id,
            **changes,
        )

    def discard(self, original, reason="Booked by hand"):
        return {
            "id": str(uuid.uuid4()),
            "type": "event.discard",
            "workorder_id": original["workorder_id"],
            "occurred_at": "2026-01-10T10:50:00+01:00",
            "device_seq": original["device_seq"],
            "employee_id": self.supervisor.id,
            "payload": {"event_id": original["id"], "reason": reason},
        }

    def rejected_count(self):
        self.env.invalidate_all()
        return self.terminal.rejected_event_count

    # -- the scenario ------------------------------------------------

    def test_resend_keeps_its_place_and_the_operators_six(self):
        hold = self.refuse_the_six()
        hold.action_release(note="checked")
        resent = self.resend(self.produce)
        results = self.ingest(resent, self.finish)
        self.assertEqual([r["status"] for r in results], ["applied", "applied"])
        self.assertEqual(
            self.wo9._shopfloor_qty_made(), 6, "the operator's 6, not the 9"
        )
        self.assertEqual(self.wo9.state, "done")
        original, new = self.ledger(self.produce), self.ledger(resent)
        self.assertEqual(original.resolution, "resent")
        self.assertEqual(original.resent_as_id, new)
        self.assertEqual(original.resolved_by_employee_id, self.supervisor)
        self.assertTrue(original.resolved_at)
        self.assertEqual(new.resend_of, self.produce["id"])
        self.assertEqual(new.resend_of_id, original)
        self.assertEqual(new.correlation_id, "produce-6", "the correlation id stays")
        self.assertEqual(self.ledger(self.finish).status, "applied")
        self.assertEqual(self.rejected_count(), 0)

    def test_resend_is_idempotent(self):
        self.refuse_the_six().action_release(note="checked")
        resent = self.resend(self.produce)
        self.ingest(resent, self.finish)
        resolved_at = self.ledger(self.produce).resolved_at
        replay = self.ingest(resent, self.finish)
        self.assertEqual([r["status"] for r in replay], ["duplicate", "duplicate"])
        self.assertEqual(self.wo9._shopfloor_qty_made(), 6)
        self.assertEqual(self.ledger(self.produce).resolved_at, resolved_at)
        self.assertEqual(self.rejected_count(), 0)

    def test_resend_with_changes_resolves_the_original(self):
        self.refuse_the_six().action_release(note="checked")
        resent = self.resend(self.produce, payload={"qty": 5})
        finish = dict(self.finish, id=str(uuid.uuid4()), payload={"qty": 5})
        self.ingest(resent, finish)
        self.assertEqual(self.wo9._shopfloor_qty_made(), 5)
        self.assertEqual(self.ledger(self.produce).resent_as_id, self.ledger(resent))

    def test_a_resend_refused_again_resolves_the_original_and_counts_itself(self):
        self.refuse_the_six()  # the hold stays
        resent = self.resend(self.produce)
        (result,) = self.ingest(resent)
        self.assertRejected(result, "workorder_on_hold")
        self.assertEqual(self.ledger(self.produce).resolution, "resent")
        self.assertFalse(self.ledger(resent).resolution)
        self.assertEqual(self.rejected_count(), 1, "the resend is the failure now")

    def test_discard_then_finish_records_the_operators_quantity(self):
        self.refuse_the_six().action_release(note="checked")
        discard = self.discard(self.produce)
        results = self.ingest(discard, self.finish)
        self.assertEqual([r["status"] for r in results], ["applied", "applied"])
        self.assertEqual(results[0]["workorder"]["id"], self.wo9.id)
        self.assertEqual(
            self.wo9._shopfloor_qty_made(), 6, "the finish's 6, not the planned 9"
        )
        self.assertEqual(self.wo9.state, "done")
        original = self.ledger(self.produce)
        self.assertEqual(original.resolution, "discarded")
        self.assertEqual(original.resolution_reason, "Booked by hand")
        self.assertEqual(original.resolved_by_employee_id, self.supervisor)
        self.assertEqual(self.ledger(discard).result_ref, original)
        self.assertEqual(self.rejected_count(), 0)

    def test_discard_is_idempotent(self):
        self.refuse_the_six().action_release(note="checked")
        discard = self.discard(self.produce)
        self.ingest(discard, self.finish)
        resolved_at = self.ledger(self.produce).resolved_at
        replay = self.ingest(discard, self.finish)
        self.assertEqual([r["status"] for r in replay], ["duplicate", "duplicate"])
        self.assertEqual(self.ledger(self.produce).resolved_at, resolved_at)
        self.assertEqual(self.wo9._shopfloor_qty_made(), 6)

    # -- what a resolution leaves alone --------------------------------------

    def test_a_discard_never_fails_and_changes_nothing_it_does_not_own(self):
        self.refuse_the_six()
        other = self.event("workorder.start", self.workorder_elsewhere)
        self.ingest_one(other, terminal=self.terminal_other)
        applied = self.ledger(self.start)
        for target in (str(uuid.uuid4()), other["id"], self.start["id"]):
            with self.subTest(target=target):
                result = self.ingest_one(self.discard({**self.produce, "id": target}))
                self.assertApplied(result)
        self.assertFalse(applied.resolution, "an applied event is not resolved")
        self.assertFalse(self.ledger(other).resolution, "another terminal's row")
        self.ingest_one(self.discard(self.produce, reason="first"))
        self.assertApplied(self.ingest_one(self.discard(self.produce, reason="again")))
        self.assertEqual(self.ledger(self.produce).resolution_reason, "first")

    def test_a_discard_for_a_work_order_the_terminal_lost_answers_null(self):
        event = self.event("workorder.start", self.workorder_elsewhere)
        self.ingest_one(event)  # rejected: not on this terminal's work centers
        result = self.assertApplied(self.ingest_one(self.discard(event)))
        self.assertIsNone(result["workorder"])
        self.assertEqual(self.ledger(event).resolution, "discarded")

    def test_resend_of_another_row_is_left_alone(self):
        self.ingest_one(self.start)
        resent = self.resend(self.start, device_seq=4, payload={})
        self.assertApplied(self.ingest_one(resent))
        self.assertFalse(self.ledger(self.start).resolution)
        stray = self.resend({**self.start, "id": str(uuid.uuid4())})
        self.assertApplied(self.ingest_one(stray))
        self.assertFalse(self.ledger(stray).resend_of_id)

    def test_envelope_and_discard_validation(self):
        for overrides, field in (
            ({"resend_of": "not-a-uuid"}, "resend_of"),
            ({"resend_of": 7}, "resend_of"),
            ({"resolved_by": 0}, "resolved_by"),
            ({"resolved_by": 2**31}, "resolved_by"),
            ({"resolved_by": "3"}, "resolved_by"),
            ({"resolved_by": True}, "resolved_by"),
        ):
            with self.subTest(overrides=overrides):
                result = self.assertRejected(
                    self.ingest_one(self.event("workorder.start", **overrides)),
                    "invalid_event",
                )
                self.assertEqual(result["error"]["details"]["field"], field)
        self.assertApplied(
            self.ingest_one(
                self.event("workorder.start", resend_of=None, resolved_by=None)
            )
        )
        base = self.discard(self.produce)
        for payload, field in (
            ({"reason": "x"}, "payload.event_id"),
            ({"event_id": "nope", "reason": "x"}, "payload.event_id"),
            ({"event_id": self.produce["id"]}, "payload.reason"),
            ({"event_id": self.produce["id"], "reason": "  "}, "payload.reason"),
            ({"event_id": self.produce["id"], "reason": "x" * 201}, "payload.reason"),
        ):
            with self.subTest(payload=payload):
                result = self.assertRejected(
                    self.ingest_one(dict(base, id=str(uuid.uuid4()), payload=payload)),
                    "invalid_event",
                )
                self.assertEqual(result["error"]["details"]["field"], field)

    def test_who_resolved_is_the_supervisor_who_authorized_it(self):
        """Issue 9 §3: only a supervisor of the terminal resolves (the
        tablet asked for their badge and PIN); anyone else is refused."""
        for resolved_by, refused in (
            (self.supervisor.id, False),
            (self.operator.id, True),  # no supervisor right
            (self.outsider.id, True),  # not on the terminal's work centers
            (2**31 - 1, True),  # no such employee
        ):
            with self.subTest(resolved_by=resolved_by):
                failed = self.event("workorder.produce", payload={"qty": 20})
                self.assertRejected(self.ingest_one(failed), "qty_over_tolerance")
                resent = dict(
                    failed,
                    id=str(uuid.uuid4()),
                    payload={"qty": 2},
                    resend_of=failed["id"],
                    resolved_by=resolved_by,
                )
                discard = dict(self.discard(failed), employee_id=resolved_by)
                original = self.ledger(failed)
                if refused:
                    for event in (resent, discard):
                        self.assertRejected(
                            self.ingest_one(event), "supervisor_required"
                        )
                    self.assertFalse(original.resolution)
                    continue
                self.assertApplied(self.ingest_one(resent))
                self.assertEqual(original.resolution, "resent")
                self.assertEqual(original.resolved_by_employee_id, self.supervisor)

    def test_a_discard_records_its_supervisor(self):
        failed = self.event("workorder.produce", payload={"qty": 20})
        self.assertRejected(self.ingest_one(failed), "qty_over_tolerance")
        self.assertApplied(self.ingest_one(self.discard(failed)))
        original = self.ledger(failed)
        self.assertEqual(original.resolution, "discarded")
        self.assertEqual(original.resolved_by_employee_id, self.supervisor)

    def test_resend_fields_are_not_part_of_the_content(self):
        self.ingest_one(self.start)
        replay = dict(self.start, resend_of=str(uuid.uuid4()), resolved_by=None)
        self.assertEqual(self.ingest_one(replay)["status"], "duplicate")
