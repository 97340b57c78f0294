# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Authority: a terminal acts within its own work centers only.

Two terminals on two work centers: ``terminal`` (SF Assembly) and
``terminal_other`` (SF Paint). Each rule is tried from both sides.
"""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import NOW, ShopfloorCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestAuthority(ShopfloorCommon):
    def _hold(self, terminal, workorder, **payload):
        event = self.event(
            "quality.hold",
            workorder=workorder,
            payload=dict(payload, reason_id=self.hold_reason.id),
        )
        self.assertApplied(self.ingest_one(event, terminal=terminal))
        return self.env["shopfloor.quality.hold"].search(
            [("origin_workorder_id", "=", workorder.id)], order="id desc", limit=1
        )

    def _release(self, terminal, workorder, hold):
        event = self.event(
            "quality.release",
            workorder=workorder,
            payload={"hold_id": hold.id},
            employee_id=self.supervisor.id,
        )
        return self.ingest_one(event, terminal=terminal)

    def test_every_event_on_another_work_centers_order_is_forbidden(self):
        payloads = {
            "workorder.start": {},
            "workorder.pause": {},
            "workorder.produce": {"qty": 1},
            "workorder.finish": {"qty": 1},
            "scrap.record": {"product_id": self.component.id, "qty": 1},
            "quality.hold": {"reason_id": self.hold_reason.id},
            "quality.release": {"hold_id": 1},
            "downtime.start": {"loss_reason_id": self.loss_failure.id},
            "downtime.end": {},
        }
        for terminal, foreign in (
            (self.terminal, self.workorder_elsewhere),
            (self.terminal_other, self.workorder),
        ):
            for event_type, payload in payloads.items():
                event = self.event(event_type, workorder=foreign, payload=payload)
                self.assertRejected(
                    self.ingest_one(event, terminal=terminal), "workorder_forbidden"
                )

    def test_a_hold_of_another_work_center_cannot_be_released_by_a_releaser(self):
        hold = self._hold(self.terminal, self.workorder)
        # the case: terminal B names a releaser and its own work order
        result = self._release(self.terminal_other, self.workorder_elsewhere, hold)
        self.assertRejected(result, "hold_forbidden")
        self.assertEqual(hold.state, "held")
        self.assertApplied(self._release(self.terminal, self.workorder, hold))
        self.assertEqual(hold.state, "released")

    def test_the_other_direction_too(self):
        hold = self._hold(self.terminal_other, self.workorder_elsewhere)
        self.assertRejected(
            self._release(self.terminal, self.workorder, hold), "hold_forbidden"
        )
        self.assertApplied(
            self._release(self.terminal_other, self.workorder_elsewhere, hold)
        )

    def test_a_lot_hold_belongs_to_the_work_centers_producing_the_lot(self):
        lot = self.env["stock.lot"].create(
            {"name": "AUTH-1", "product_id": self.product_lot.id}
        )
        self.workorder_lot.production_id.lot_producing_ids = [Command.set(lot.ids)]
        # put on hold in the backend, not from a terminal: no origin work order
        hold = self.env["shopfloor.quality.hold"].create(
            {"lot_id": lot.id, "reason_id": self.hold_reason.id}
        )
        self.assertRejected(
            self._release(self.terminal_other, self.workorder_elsewhere, hold),
            "hold_forbidden",
        )
        self.assertApplied(self._release(self.terminal, self.workorder, hold))

    def test_a_lot_nobody_here_makes_or_uses_is_out_of_reach(self):
        stranger = self.env["product.product"].create(
            {"name": "SF Stranger", "is_storable": True, "tracking": "lot"}
        )
        lot = self.env["stock.lot"].create(
            {"name": "FAR-1", "product_id": stranger.id}
        )
        hold = self.env["shopfloor.quality.hold"].create(
            {"lot_id": lot.id, "reason_id": self.hold_reason.id}
        )
        for terminal, workorder in (
            (self.terminal, self.workorder),
            (self.terminal_other, self.workorder_elsewhere),
        ):
            self.assertRejected(
                self._release(terminal, workorder, hold), "hold_forbidden"
            )


@tagged("post_install", "-at_install")
class TestQualityReleaseGroup(ShopfloorCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mrp_user = new_test_user(
            cls.env, "sf_mrp_user", groups="mrp.group_mrp_user"
        )
        cls.releaser = new_test_user(
            cls.env,
            "sf_releaser",
            groups="shopfloor_terminal.group_shopfloor_quality_release",
        )
        cls.mrp_manager = new_test_user(
            cls.env, "sf_mrp_manager", groups="mrp.group_mrp_manager"
        )

    def _new_hold(self):
        return self.env["shopfloor.quality.hold"].create(
            {"workorder_id": self.workorder.id, "reason_id": self.hold_reason.id}
        )

    def test_a_manufacturing_user_cannot_release_by_button_wizard_or_write(self):
        hold = self._new_hold().with_user(self.mrp_user)
        with self.assertRaises(AccessError):
            hold.action_release(note="not mine to say")
        with self.assertRaises(AccessError):
            hold.action_open_release_wizard()
        with self.assertRaises(AccessError):
            hold.write({"state": "released"})
        hold.note = "may still add a note"
        self.assertEqual(hold.state, "held")

    def test_the_quality_release_group_and_manufacturing_admins_release(self):
        for user in (self.releaser, self.mrp_manager):
            hold = self._new_hold().with_user(user)
            hold.action_release(note="checked")
            self.assertEqual(hold.state, "released")
            self.assertEqual(hold.released_by_user_id, user)


@tagged("post_install", "-at_install")
class TestOperatorScope(ShopfloorCommon):
    def test_a_work_center_without_a_list_sends_no_one_unless_all_are_allowed(self):
        self.wc_other.shopfloor_employee_ids = False
        self.assertFalse(self.terminal_other._shopfloor_operators())
        self.assertTrue(self.terminal_other.missing_operator_list)
        self.assertFalse(self.terminal.missing_operator_list)
        self.terminal_other.allow_all_employees = True
        self.assertIn(self.outsider, self.terminal_other._shopfloor_operators())
        self.assertFalse(self.terminal_other.missing_operator_list)

    def test_only_the_operators_of_the_terminals_work_centers_are_sent(self):
        self.wc_main.shopfloor_employee_ids = self.operator
        self.assertEqual(self.terminal._shopfloor_operators(), self.operator)
        self.assertNotIn(self.outsider, self.terminal._shopfloor_operators())
