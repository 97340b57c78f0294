# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Identity on the floor (issue 9 §3): badges and PINs reach the tablet only
as hashes salted per terminal, and every supervisor action the tablet let
through offline is checked again when it replays."""

import json
import uuid
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.tests import BaseCase, tagged

from odoo.addons.shopfloor_terminal.services import credentials
from odoo.addons.shopfloor_terminal.services.bootstrap import build_bootstrap

from .common import NOW, ShopfloorCommon

SALT = "0123456789abcdef0123456789abcdef"
# The same vectors as the app's tests/unit/domain/credentials.test.ts: the
# tablet (WebCrypto), the demo backend (node:crypto) and Odoo must agree.
VECTORS = [
    (
        "badge",
        " BADGE-1005\r\n",
        0,
        "c0d1027964b3d8df5d97fae5da4b4daa1f0983546c64330cd3a6038fefd4af4d",
    ),
    (
        "pin",
        "1005",
        5,
        "1440c16e589f37fb79641d145734014dc6abcc50ef1ec9ec1e76325845873be8",
    ),
    (
        "pin",
        "1005",
        6,
        "21f396b47fd5449cff4bb7b4ac04f5e6c661686f4a425ec99016eaf02b6a4f4a",
    ),
]


@tagged("post_install", "-at_install")
class TestCredentialVectors(BaseCase):
    def test_derives_the_vectors_the_tablet_derives(self):
        for kind, value, employee_id, expected in VECTORS:
            with self.subTest(kind=kind, employee_id=employee_id):
                self.assertEqual(
                    credentials.derive(kind, value, SALT, employee_id), expected
                )

    def test_nothing_set_has_no_hash(self):
        self.assertIsNone(credentials.derive("pin", False, SALT, 5))
        self.assertIsNone(credentials.derive("badge", "", SALT, 5))


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestBootstrapCredentials(ShopfloorCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.operator.pin = "1234"
        cls.supervisor.pin = "4321"

    def bootstrap(self, terminal=None):
        self.env.invalidate_all()
        return build_bootstrap(self.device_terminal(terminal))

    def salt(self, terminal):
        return terminal.sudo().credential_salt

    def test_operators_carry_hashes_that_match_their_badge_and_pin(self):
        boot = self.bootstrap()
        salt = self.salt(self.terminal)
        self.assertEqual(boot["terminal"]["credentials"]["salt"], salt)
        self.assertEqual(
            boot["terminal"]["credentials"]["iterations"],
            credentials.CREDENTIAL_ITERATIONS,
        )
        by_id = {operator["id"]: operator for operator in boot["operators"]}
        self.assertEqual(set(by_id), set((self.operator | self.supervisor).ids))
        for employee, badge, pin in (
            (self.operator, "SF0001", "1234"),
            (self.supervisor, "SF0002", "4321"),
        ):
            self.assertEqual(
                by_id[employee.id]["badge_hash"],
                credentials.derive("badge", badge, salt, employee.id),
            )
            self.assertEqual(
                by_id[employee.id]["pin_hash"],
                credentials.derive("pin", pin, salt, employee.id),
            )

    def test_no_badge_or_pin_in_clear_anywhere(self):
        text = json.dumps(self.bootstrap())
        for secret in ("SF0001", "SF0002", "1234", "4321"):
            self.assertNotIn(secret, text)
        for operator in self.bootstrap()["operators"]:
            self.assertNotIn("badge", operator)
            self.assertNotIn("pin", operator)

    def test_an_employee_without_a_pin_has_no_pin_hash(self):
        self.operator.pin = False
        by_id = {o["id"]: o for o in self.bootstrap()["operators"]}
        self.assertIsNone(by_id[self.operator.id]["pin_hash"])
        self.assertTrue(by_id[self.operator.id]["badge_hash"])

    def test_each_terminal_has_its_own_salt_so_hashes_match_nowhere_else(self):
        mine, theirs = self.bootstrap(), self.bootstrap(self.terminal_other)
        self.assertNotEqual(
            mine["terminal"]["credentials"]["salt"],
            theirs["terminal"]["credentials"]["salt"],
        )
        self.assertEqual(len(self.salt(self.terminal)), 32)
        mine_hashes = {o["badge_hash"] for o in mine["operators"]}
        theirs_hashes = {o["badge_hash"] for o in theirs["operators"]}
        self.assertFalse(mine_hashes & theirs_hashes)

    def test_hashes_are_derived_again_only_when_a_badge_or_pin_changes(self):
        first = self.bootstrap()
        with patch.object(credentials, "derive", wraps=credentials.derive) as derive:
            self.assertEqual(self.bootstrap()["operators"], first["operators"])
            self.assertEqual(derive.call_count, 0, "nothing changed: all cached")
            self.operator.pin = "5678"
            by_id = {o["id"]: o for o in self.bootstrap()["operators"]}
        self.assertEqual(derive.call_count, 2, "one employee: badge and PIN")
        self.assertEqual(
            by_id[self.operator.id]["pin_hash"],
            credentials.derive(
                "pin", "5678", self.salt(self.terminal), self.operator.id
            ),
        )

    def test_require_pin_is_a_terminal_setting(self):
        self.assertFalse(self.bootstrap()["terminal"]["settings"]["require_pin"])
        self.terminal.require_pin = True
        self.assertTrue(self.bootstrap()["terminal"]["settings"]["require_pin"])


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestSupervisorReplay(ShopfloorCommon):
    """A tablet can be tampered with: the server decides again who may
    discard or resend, with two terminals on different work centers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a supervisor of the paint work center only
        cls.paint_supervisor = cls.env["hr.employee"].create(
            {
                "name": "SF Paint Supervisor",
                "barcode": "SF0009",
                "shopfloor_can_release_holds": True,
            }
        )
        cls.wc_other.shopfloor_employee_ids = [Command.link(cls.paint_supervisor.id)]

    def rejected(self, terminal=None, workorder=None):
        event = self.event(
            "workorder.produce", workorder or self.workorder, payload={"qty": 0}
        )
        self.assertRejected(self.ingest_one(event, terminal=terminal), "qty_invalid")
        return event

    def resend(self, original, resolved_by):
        return dict(
            original,
            id=str(uuid.uuid4()),
            resend_of=original["id"],
            resolved_by=resolved_by,
            payload={"qty": 1},
        )

    def discard(self, original, employee_id):
        return dict(
            self.event("event.discard", payload={}),
            workorder_id=original["workorder_id"],
            employee_id=employee_id,
            payload={"event_id": original["id"], "reason": "typo"},
        )

    def test_a_resend_by_an_operator_who_may_not_supervise_is_refused(self):
        failed = self.rejected()
        result = self.ingest_one(self.resend(failed, self.operator.id))
        self.assertRejected(result, "supervisor_required")
        self.assertEqual(result["error"]["details"], {"employee_id": self.operator.id})
        self.assertFalse(self.ledger(failed).resolution, "still waits for one")
        self.assertEqual(self.workorder.qty_produced, 0)

    def test_a_supervisor_of_another_terminals_work_centers_may_not(self):
        failed = self.rejected()
        self.assertRejected(
            self.ingest_one(self.discard(failed, self.paint_supervisor.id)),
            "supervisor_required",
        )
        self.assertRejected(
            self.ingest_one(self.resend(failed, self.paint_supervisor.id)),
            "supervisor_required",
        )
        # on the paint terminal, the same supervisor may
        theirs = self.rejected(self.terminal_other, self.workorder_elsewhere)
        self.assertApplied(
            self.ingest_one(
                self.discard(theirs, self.paint_supervisor.id),
                terminal=self.terminal_other,
            )
        )
        self.assertEqual(self.ledger(theirs).resolution, "discarded")
        self.assertEqual(
            self.ledger(theirs).resolved_by_employee_id, self.paint_supervisor
        )

    def test_a_supervisor_of_the_terminal_may(self):
        failed = self.rejected()
        self.assertApplied(self.ingest_one(self.resend(failed, self.supervisor.id)))
        self.assertEqual(self.ledger(failed).resolution, "resent")
        self.assertEqual(self.ledger(failed).resolved_by_employee_id, self.supervisor)

    def test_naming_nobody_needs_an_office_decision(self):
        failed = self.rejected()
        self.assertRejected(
            self.ingest_one(self.resend(failed, None)), "supervisor_required"
        )
        self.assertRejected(
            self.ingest_one(self.discard(failed, None)), "supervisor_required"
        )
        self.ledger(failed)._shopfloor_decide("discard")
        self.assertApplied(self.ingest_one(self.discard(failed, None)))
        self.assertEqual(self.ledger(failed).resolution, "discarded")

    def test_a_resend_that_resolves_nothing_is_an_ordinary_event(self):
        stray = dict(
            self.event("workorder.start"),
            resend_of=str(uuid.uuid4()),
            resolved_by=self.operator.id,
        )
        self.assertApplied(self.ingest_one(stray))
