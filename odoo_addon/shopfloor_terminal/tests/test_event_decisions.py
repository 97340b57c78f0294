# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Supervisors acting on rejected events from Odoo: decisions, bulk
resolution, the hold release, the counters, and who may do what."""

import uuid

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.shopfloor_terminal.services.event_resolution import pending_decisions

from .common import NOW, ShopfloorCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestEventDecisions(ShopfloorCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, "sf_manager", groups="mrp.group_mrp_manager", name="Mia Manager"
        )
        cls.mrp_user = new_test_user(
            cls.env,
            "sf_mrp_user",
            groups="mrp.group_mrp_user,"
            "shopfloor_terminal.group_shopfloor_quality_release",
        )

    def setUp(self):
        super().setUp()
        self.hold = self.env["shopfloor.quality.hold"].create(
            {"workorder_id": self.workorder.id, "reason_id": self.hold_reason.id}
        )
        self.refused = [
            self.event("workorder.produce", payload={"qty": 1}, device_seq=seq)
            for seq in (1, 2)
        ]
        for event in self.refused:
            self.assertRejected(self.ingest_one(event), "workorder_on_hold")
        self.applied = self.event("workorder.start", self.workorder_lot, device_seq=3)
        self.assertApplied(self.ingest_one(self.applied))
        self.rows = self.ledger(self.refused[0]) | self.ledger(self.refused[1])

    def decisions(self):
        return pending_decisions(self.device_terminal())["decisions"]

    def rejected_count(self):
        self.env.invalidate_all()
        return self.terminal.rejected_event_count

    def decide_in_wizard(self, rows, action, note=None):
        wizard_action = getattr(rows.with_user(self.manager), action)()
        form = Form(
            self.env[wizard_action["res_model"]]
            .with_user(self.manager)
            .with_context(**wizard_action["context"])
        )
        if note:
            form.note = note
        form.save().action_confirm()

    # -- counters --------------------------------------------------------------

    def test_counters_and_the_smart_button_show_only_unresolved_rejections(self):
        self.assertEqual(self.rejected_count(), 2)
        action = self.terminal.action_view_events()
        opened = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(opened, self.rows)
        self.decide_in_wizard(self.rows[:1], "action_mark_resolved")
        self.assertEqual(self.rejected_count(), 1)
        action = self.terminal.action_view_events()
        opened = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(opened, self.rows[1:], "the button opens what it counts")
        self.assertEqual(len(opened), self.rejected_count())

    # -- decisions -------------------------------------------------------------

    def test_ask_resend_is_offered_to_the_tablet_until_it_resends(self):
        self.rows[:1].with_user(self.manager).action_ask_resend()
        row = self.rows[:1]
        self.assertEqual(
            (row.decision, row.decided_by_id, row.resolution),
            ("resend", self.manager, False),
        )
        (decision,) = self.decisions()
        self.assertEqual(
            decision,
            {
                "event_id": self.refused[0]["id"],
                "action": "resend",
                "decided_by": "Mia Manager",
                "decided_at": "2026-01-10T10:00:00+00:00",
                "note": None,
            },
        )
        self.assertEqual(self.rejected_count(), 2, "still to be resolved")
        self.hold.action_release(note="ok")
        resent = dict(
            self.refused[0], id=str(uuid.uuid4()), resend_of=self.refused[0]["id"]
        )
        self.assertApplied(self.ingest_one(resent))
        self.assertEqual(row.resolution, "resent")
        self.assertFalse(row.resolved_by_employee_id, "decided in the office")
        self.assertTrue(row.decision_done_at)
        self.assertEqual(self.decisions(), [])

    def test_ask_discard_with_a_note(self):
        self.decide_in_wizard(self.rows, "action_ask_discard", note="Booked by hand")
        self.assertEqual(
            [(d["event_id"], d["action"], d["note"]) for d in self.decisions()],
            [(event["id"], "discard", "Booked by hand") for event in self.refused],
        )
        self.assertEqual(self.rejected_count(), 2)
        discard = self.event(
            "event.discard",
            device_seq=1,
            employee_id=None,  # carried out with nobody signed in on the tablet
            payload={
                "event_id": self.refused[0]["id"],
                "reason": "Discarded in Odoo by Mia Manager: Booked by hand",
            },
        )
        self.assertApplied(self.ingest_one(discard))
        self.assertEqual(self.rows[0].resolution, "discarded")
        self.assertEqual(
            [d["event_id"] for d in self.decisions()], [self.refused[1]["id"]]
        )
        self.assertEqual(self.rejected_count(), 1)

    def test_mark_resolved_in_bulk_records_who_and_when_and_tells_the_tablet(self):
        self.decide_in_wizard(
            self.rows | self.ledger(self.applied),
            "action_mark_resolved",
            note="Counted again",
        )
        for row in self.rows:
            self.assertEqual(row.resolution, "resolved_in_odoo")
            self.assertEqual(row.resolved_by_user_id, self.manager)
            self.assertEqual(str(row.resolved_at), NOW)
            self.assertEqual(row.resolution_reason, "Counted again")
        self.assertFalse(self.ledger(self.applied).resolution, "applied: skipped")
        self.assertEqual(self.rejected_count(), 0)
        self.assertEqual(
            {(d["event_id"], d["action"]) for d in self.decisions()},
            {(event["id"], "discard") for event in self.refused},
        )
        # the tablet drops its dead letter: the resolution stays Odoo's
        discard = self.event(
            "event.discard",
            device_seq=1,
            # carrying out an office decision: no supervisor on the tablet
            employee_id=None,
            payload={"event_id": self.refused[0]["id"], "reason": "Discarded in Odoo"},
        )
        self.assertApplied(self.ingest_one(discard))
        self.assertEqual(self.rows[0].resolution, "resolved_in_odoo")
        self.assertEqual(
            [d["event_id"] for d in self.decisions()], [self.refused[1]["id"]]
        )

    def test_resolved_rows_cannot_be_decided_again(self):
        self.decide_in_wizard(self.rows, "action_mark_resolved")
        for action in (
            "action_ask_resend",
            "action_ask_discard",
            "action_mark_resolved",
        ):
            with self.subTest(action=action), self.assertRaises(UserError):
                getattr(self.rows.with_user(self.manager), action)()
        with self.assertRaises(UserError):
            self.ledger(self.applied).with_user(self.manager).action_ask_resend()

    def test_note_is_kept_short_enough_for_the_tablets_reason(self):
        with self.assertRaises(ValidationError):
            self.decide_in_wizard(self.rows, "action_ask_discard", note="x" * 121)
        self.assertFalse(self.rows.filtered("decision"))

    # -- the hold ----------------------------------------------------------------

    def test_release_hold_opens_the_release_wizard_of_the_active_hold(self):
        row = self.rows[:1].with_user(self.mrp_user)
        action = row.action_release_hold()
        self.assertEqual(action["res_model"], "shopfloor.quality.hold.release.wizard")
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.mrp_user)
            .with_context(**action["context"])
        )
        wizard.note = "Checked by QA"
        wizard.save().action_release()
        self.assertEqual(self.hold.state, "released")
        self.assertEqual(self.hold.released_by_user_id, self.mrp_user)
        with self.assertRaisesRegex(UserError, "no active hold"):
            row.action_release_hold()
        with self.assertRaisesRegex(UserError, "not refused for a hold"):
            self.ledger(self.applied).with_user(self.mrp_user).action_release_hold()

    # -- rights ------------------------------------------------------------------

    def test_only_a_manufacturing_administrator_decides(self):
        for user in (self.mrp_user, self.terminal.user_id):
            for action in (
                "action_ask_resend",
                "action_ask_discard",
                "action_mark_resolved",
            ):
                with self.subTest(user=user.login, action=action):
                    with self.assertRaises(AccessError):
                        getattr(self.rows.with_user(user), action)()
        self.assertFalse(self.rows.filtered("decision"))
        with self.assertRaises(AccessError):
            self.rows.with_user(self.mrp_user).write({"resolution": "discarded"})
