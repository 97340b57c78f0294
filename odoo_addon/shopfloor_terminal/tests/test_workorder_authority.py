# Copyright 2026 Shopfloor Terminal contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Authorize once, then let Odoo's code run.

Every ingest starts from an invalidated cache (see ``ShopfloorCommon.ingest``),
so nothing the admin fixtures read hides a record rule.
"""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.shopfloor_terminal.services.workorder_delta import WorkorderDelta

from .common import NOW, ShopfloorCommon


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestWorkorderAuthority(ShopfloorCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.production = cls._make_routing(cls.product, [cls.wc_main, cls.wc_other], 4)
        cls.op_main, cls.op_other = cls.production.workorder_ids.sorted("sequence")

    def test_a_moved_work_order_answers_its_replays_without_showing_it(self):
        start = self.event("workorder.start")
        self.assertApplied(self.ingest_one(start))
        before = self.env.cr.now() - timedelta(seconds=1)
        self.workorder.workcenter_id = self.wc_other  # planning moved it away

        replay = self.ingest_one(start)
        self.assertEqual(replay["status"], "duplicate", replay)
        self.assertIsNone(replay["workorder"], "no longer this terminal's")
        self.assertRejected(
            self.ingest_one(self.event("workorder.pause", minutes=5)),
            "workorder_forbidden",
        )
        delta = WorkorderDelta(self.device_terminal())
        cursor = delta._encode(
            {
                "since": before,
                "pass_start": None,
                "after_id": 0,
                "known": {},
                "seen": {},
            },
            self.env.cr.now(),
        )
        page = delta.page(cursor, 100)
        self.assertIn(self.workorder.id, page["removed"])
        self.assertNotIn(self.workorder.id, [item["id"] for item in page["items"]])

    def test_two_terminals_on_two_work_centers_produce_into_one_mo(self):
        main, other = self.terminal, self.terminal_other
        # one operator per terminal: an operator's time lines never overlap
        elsewhere = {"employee_id": self.supervisor.id}
        self.assertApplied(self.ingest_one(self.event("workorder.start", self.op_main)))
        self.assertApplied(
            self.ingest_one(
                self.event("workorder.start", self.op_other, minutes=1, **elsewhere),
                terminal=other,
            )
        )
        self.assertApplied(
            self.ingest_one(
                self.event("workorder.produce", self.op_main, {"qty": 4}, minutes=5)
            )
        )
        self.assertApplied(
            self.ingest_one(
                self.event(
                    "workorder.produce",
                    self.op_other,
                    {"qty": 3},
                    minutes=6,
                    **elsewhere,
                ),
                terminal=other,
            )
        )
        self.assertApplied(
            self.ingest_one(
                self.event("workorder.finish", self.op_main, {"qty": 4}, minutes=10)
            )
        )
        result = self.assertApplied(
            self.ingest_one(
                self.event(
                    "workorder.finish",
                    self.op_other,
                    {"qty": 4},
                    minutes=20,
                    **elsewhere,
                ),
                terminal=other,
            )
        )
        self.assertEqual(result["workorder"]["state"], "done")
        self.assertEqual(self.production.workorder_ids.mapped("state"), ["done"] * 2)
        for workorder, terminal in ((self.op_main, main), (self.op_other, other)):
            # one timer, split by Odoo's _close when it ran over the expected
            # duration: every line is the device user's
            lines = workorder.time_ids
            self.assertTrue(lines)
            self.assertEqual(
                (lines.user_id, lines.create_uid),
                (terminal.user_id, terminal.user_id),
                "sudo keeps env.uid: the device user is the author",
            )
        self.assertEqual(self.production.workorder_ids.mapped("qty_produced"), [4, 4])

    def test_a_work_order_of_another_work_center_stays_forbidden(self):
        self.assertRejected(
            self.ingest_one(self.event("workorder.start", self.op_other)),
            "workorder_forbidden",
        )
        self.assertFalse(self.op_other.time_ids)

    def test_a_device_user_out_of_its_group_acts_on_nothing(self):
        self.terminal.user_id.group_ids = [
            Command.set(self.env.ref("mrp.group_mrp_user").ids)
        ]
        with self.assertRaisesRegex(AccessError, "lost its access rights"):
            self.ingest_one(self.event("workorder.start"))
